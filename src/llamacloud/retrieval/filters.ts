// LlamaCloud custom_filters ({field: {operator, value}} or a list of bounds) → our attribute Filter (an AND of comparisons).
import { z } from "zod";
import { badRequest } from "../../http/errors";
import type { ComparisonType, Filter } from "../../core/ports";
import { MAX_FILTER_COMPARISONS } from "../../core/search/filters";
import type { DirectoryFileFilter } from "../../core/search/directory-file-filter";

const Operator = z.enum(["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin"]);
const Scalar = z.union([z.string(), z.number(), z.boolean()]);
const ValueFilter = z.object({ operator: Operator, value: z.union([Scalar, z.array(Scalar)]) });
type ValueFilter = z.output<typeof ValueFilter>;

export const CustomFilters = z.record(z.string().min(1), z.union([ValueFilter, z.array(ValueFilter).min(1), z.null()]));

const ORDERING: ReadonlySet<ComparisonType> = new Set(["gt", "gte", "lt", "lte"]);

function comparison(key: string, f: ValueFilter, param: string): Filter {
  const { operator: type, value } = f;
  if (ORDERING.has(type)) {
    if (typeof value !== "number") throw badRequest(`Invalid '${param}.value': operator '${type}' compares numbers.`, `${param}.value`, "invalid_type");
    return { type, key, value };
  }
  if (type === "in" || type === "nin") {
    const list = Array.isArray(value) ? value : [value];
    const values = list.filter((v): v is string | number => typeof v !== "boolean");
    // Attributes compare strictly; a boolean list would only ever mean eq true / eq false.
    if (values.length !== list.length) throw badRequest(`Invalid '${param}.value': '${type}' takes strings or numbers; use 'eq' for a boolean.`, `${param}.value`, "invalid_type");
    return { type, key, value: values };
  }
  if (Array.isArray(value)) throw badRequest(`Invalid '${param}.value': '${type}' takes one value; use 'in' or 'nin' for a list.`, `${param}.value`, "invalid_type");
  return { type, key, value };
}

/** Every field's conditions must hold (AND); a list of bounds on one field is a range. Null entries are ignored. */
export function toFilter(custom: z.output<typeof CustomFilters> | null | undefined): Filter | null {
  const parts: Filter[] = [];
  for (const [key, spec] of Object.entries(custom ?? {})) {
    if (spec === null) continue;
    if (Array.isArray(spec)) spec.forEach((f, i) => parts.push(comparison(key, f, `custom_filters.${key}[${i}]`)));
    else parts.push(comparison(key, spec, `custom_filters.${key}`));
  }
  if (parts.length > MAX_FILTER_COMPARISONS)
    throw badRequest(`Invalid 'custom_filters': at most ${MAX_FILTER_COMPARISONS} conditions, but got ${parts.length}.`, "custom_filters", "invalid_value");
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { type: "and", filters: parts };
}

/** `static_filters` (retrieval.d.ts StaticFilters): a filter on `parsed_directory_file_id`, operator and a string or list of strings. */
export const StaticFilters = z.object({
  parsed_directory_file_id: z.object({ operator: Operator, value: z.union([z.string().max(256), z.array(z.string().max(256)).max(MAX_FILTER_COMPARISONS)]) }).nullable().optional(),
});

/**
 * The static filter as the search core takes it, or null. A list with a one-value operator is a 400 naming the field
 * (the SDK types allow it; there is no one meaning for "greater than a list").
 */
export function toDirectoryFileFilter(statics: z.output<typeof StaticFilters> | null | undefined): DirectoryFileFilter | null {
  const spec = statics?.parsed_directory_file_id;
  if (!spec) return null;
  if (Array.isArray(spec.value) && spec.operator !== "in" && spec.operator !== "nin") {
    const param = "static_filters.parsed_directory_file_id.value";
    throw badRequest(`Invalid '${param}': '${spec.operator}' takes one id; use 'in' or 'nin' for a list.`, param, "invalid_type");
  }
  return { operator: spec.operator, value: spec.value };
}
