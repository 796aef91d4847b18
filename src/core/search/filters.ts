// Attribute filters of vector store search: the zod schema, the in-memory matcher, and the Vectorize pushdown split.
import { z } from "zod";
import type { AttributeValue, Attributes, ComparisonType, Filter } from "../ports";

/** Nesting levels (a root comparison is level 1) and leaf comparisons a filter may have; bounds parse and match cost. */
export const MAX_FILTER_DEPTH = 8;
export const MAX_FILTER_COMPARISONS = 64;

const COMPARISON_TYPES = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin"] as const satisfies readonly ComparisonType[];
const COMPOUND_TYPES = ["and", "or"] as const;
const ORDERING: ReadonlySet<string> = new Set(["gt", "gte", "lt", "lte"]);

type Ctx = z.core.$RefinementCtx<unknown>;
type Comparison = Extract<Filter, { key: string }>;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

function wrongType(ctx: Ctx, path: PropertyKey[], expected: string, input: unknown): void {
  ctx.addIssue({
    code: "custom",
    path,
    input,
    message: `expected ${expected}, but got ${describe(input)} instead.`,
    params: { code: "invalid_type" },
  });
}

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isScalar = (v: unknown): v is AttributeValue => typeof v === "string" || typeof v === "boolean" || isFiniteNumber(v);

/** Checks `value` against what its comparison type can mean; returns it typed, or undefined after adding an issue. */
function checkValue(type: ComparisonType, value: unknown, ctx: Ctx): Comparison["value"] | undefined {
  if (ORDERING.has(type)) {
    if (isFiniteNumber(value)) return value;
    wrongType(ctx, ["value"], `a number for comparison type '${type}'`, value);
    return undefined;
  }
  if (type === "in" || type === "nin") {
    if (!Array.isArray(value)) {
      wrongType(ctx, ["value"], `an array of strings or numbers for comparison type '${type}'`, value);
      return undefined;
    }
    // Empty lists are accepted: `in []` matches nothing and `nin []` every file that has the key — well defined,
    // and code that builds the list from data should not 400 on an empty one.
    const bad = value.findIndex((item) => typeof item !== "string" && !isFiniteNumber(item));
    if (bad >= 0) {
      wrongType(ctx, ["value", bad], "a string or a number", value[bad]);
      return undefined;
    }
    return value as Array<string | number>;
  }
  if (isScalar(value)) return value;
  wrongType(ctx, ["value"], `a string, number or boolean for comparison type '${type}'`, value);
  return undefined;
}

const ComparisonFilter = z
  .strictObject({ type: z.enum(COMPARISON_TYPES), key: z.string(), value: z.unknown() })
  .transform((f, ctx): Filter => {
    if (f.value === undefined) {
      // Same issue zod raises for a missing key, so the mapper answers "Missing required parameter".
      ctx.addIssue({ code: "invalid_type", expected: "string", path: ["value"], input: undefined });
      return z.NEVER;
    }
    const value = checkValue(f.type, f.value, ctx);
    return value === undefined ? z.NEVER : { type: f.type, key: f.key, value };
  });

const CompoundFilter = z.strictObject({
  type: z.enum(COMPOUND_TYPES),
  get filters(): z.ZodArray<z.ZodType<Filter, unknown>> {
    return z.array(FilterNode).min(1);
  },
});

/**
 * One filter node. `type` is checked first on its own so that a missing or unknown type answers with
 * "Missing required parameter" / "Invalid value … Supported values are …" instead of a union error
 * (z.string() first: zod's enum reports a missing value as invalid_value, not as missing).
 */
const FilterNode: z.ZodType<Filter, unknown> = z
  .looseObject({ type: z.string().pipe(z.enum([...COMPARISON_TYPES, ...COMPOUND_TYPES])) })
  .pipe(z.discriminatedUnion("type", [ComparisonFilter, CompoundFilter]));

/**
 * Walks the raw input before zod recurses into it: a hostile body nested thousands deep must not reach the
 * recursive schema (stack) and a huge one must not be validated element by element. Stops descending at the cap.
 */
function guardSize(input: unknown, ctx: Ctx): void {
  let comparisons = 0;
  let tooDeep: PropertyKey[] | null = null;
  const walk = (node: unknown, depth: number, path: PropertyKey[]): void => {
    if (depth > MAX_FILTER_DEPTH) {
      tooDeep ??= path;
      return;
    }
    const children = typeof node === "object" && node !== null ? (node as { filters?: unknown }).filters : undefined;
    if (!Array.isArray(children)) {
      comparisons++;
      return;
    }
    children.forEach((child, i) => walk(child, depth + 1, [...path, "filters", i]));
  };
  walk(input, 1, []);
  if (tooDeep)
    ctx.addIssue({
      code: "custom",
      path: tooDeep,
      input,
      message: `filters are nested too deeply. Expected at most ${MAX_FILTER_DEPTH} levels of nesting.`,
      params: { code: "invalid_value" },
    });
  else if (comparisons > MAX_FILTER_COMPARISONS)
    ctx.addIssue({
      code: "custom",
      path: [],
      input,
      message: `too many comparison filters. Expected at most ${MAX_FILTER_COMPARISONS}, but got ${comparisons} instead.`,
      params: { code: "invalid_value" },
    });
}

/**
 * OpenAI ComparisonFilter | CompoundFilter (`filters` of VectorStoreSearchRequest). Strict: unknown keys are
 * rejected. Issue paths are relative to the filter, so inside the request schema they become `filters.filters[1].value`.
 */
export const SearchFilter: z.ZodType<Filter, unknown> = z.unknown().superRefine(guardSize).pipe(FilterNode);

function compare(actual: AttributeValue, { type, value }: Comparison): boolean {
  switch (type) {
    case "eq":
      return actual === value;
    case "ne":
      return actual !== value;
    case "gt":
      return typeof actual === "number" && typeof value === "number" && actual > value;
    case "gte":
      return typeof actual === "number" && typeof value === "number" && actual >= value;
    case "lt":
      return typeof actual === "number" && typeof value === "number" && actual < value;
    case "lte":
      return typeof actual === "number" && typeof value === "number" && actual <= value;
    case "in":
      return (Array.isArray(value) ? value : [value]).some((v) => v === actual);
    case "nin":
      return !(Array.isArray(value) ? value : [value]).some((v) => v === actual);
  }
}

/**
 * Does a file with these attributes pass the filter?
 * - A key the file does not have matches nothing, for every operator including `ne` and `nin`: OpenAI's filters
 *   select files by what their attributes say, and "a key no file has matches nothing"; it is also what a
 *   metadata index can answer (Vectorize indexes only vectors that carry the key), so pushdown and post-filter agree.
 * - Equality and membership are strict: the string "1" is not the number 1, and `true` is not "true".
 * - gt/gte/lt/lte compare numbers only; a non-number attribute does not match.
 */
export function matchesFilter(filter: Filter, attributes: Attributes | null): boolean {
  if ("filters" in filter) {
    return filter.type === "and"
      ? filter.filters.every((f) => matchesFilter(f, attributes))
      : filter.filters.some((f) => matchesFilter(f, attributes));
  }
  if (attributes === null || !Object.hasOwn(attributes, filter.key)) return false;
  const actual = attributes[filter.key];
  return actual !== undefined && compare(actual, filter);
}
