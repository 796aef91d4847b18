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

/** The types a Vectorize metadata index can have. */
export type MetadataIndexType = "string" | "number" | "boolean";
export type VectorizeFilterObject = VectorizeVectorMetadataFilter;
export interface VectorizeSplit {
  /** Conjuncts Vectorize applies natively (implicit AND), or null to push nothing. */
  pushed: VectorizeFilterObject | null;
  /** What the caller must still check on hydrated hits, or null when nothing is left. */
  residual: Filter | null;
}

/** Vectorize filter limits (PLATFORM.md §1): JSON < 2048 bytes; keys ≤ 512 chars, no `.` (nesting) or `"`. */
const VECTORIZE_FILTER_MAX_BYTES = 2047;
const VECTORIZE_KEY_MAX_CHARS = 512;
/** Vectorize indexes only the first 64 bytes of a string; a longer value cannot be compared exactly. */
const VECTORIZE_INDEXED_STRING_BYTES = 64;
const ATTRIBUTE_PREFIX = "a_";
const utf8 = new TextEncoder();

/**
 * The Vectorize metadata key that holds attribute `key`: `a_` + key. The prefix keeps attributes apart from our
 * own metadata (e.g. `file_id`) and means a key can never start with `$`. Null when Vectorize cannot hold the key
 * (`.` would mean nesting, `"` is forbidden, > 512 chars); such attributes are only ever post-filtered.
 */
export function attributeMetadataKey(key: string): string | null {
  const name = ATTRIBUTE_PREFIX + key;
  return name.length <= VECTORIZE_KEY_MAX_CHARS && !/[."]/.test(name) ? name : null;
}

type Op = "$eq" | "$in" | "$gt" | "$gte" | "$lt" | "$lte";
type Scalar = string | number | boolean;
interface Pushable {
  name: string;
  op: Op;
  value: Scalar | Scalar[];
}

const OPS: Partial<Record<ComparisonType, Op>> = { eq: "$eq", in: "$in", gt: "$gt", gte: "$gte", lt: "$lt", lte: "$lte" };
const LOWER: ReadonlySet<Op> = new Set(["$gt", "$gte"]);
const UPPER: ReadonlySet<Op> = new Set(["$lt", "$lte"]);

function fitsIndex(value: Scalar, type: MetadataIndexType): boolean {
  if (typeof value !== type) return false;
  return typeof value !== "string" || utf8.encode(value).length <= VECTORIZE_INDEXED_STRING_BYTES;
}

/**
 * A comparison Vectorize answers exactly as matchesFilter does. Only eq, in and numeric ranges, and only when the
 * value has the index's type: a metadata index holds one type, so a mistyped value would silently match nothing.
 * ne/nin stay residual: Vectorize does not document how they treat vectors without the key (we say: no match),
 * and they are rarely selective enough to be worth pushing. Empty `in` lists stay residual too.
 */
function pushComparison(f: Comparison, indexed: Readonly<Record<string, MetadataIndexType>>): Pushable | null {
  const type = Object.hasOwn(indexed, f.key) ? indexed[f.key] : undefined;
  const name = attributeMetadataKey(f.key);
  const op = OPS[f.type];
  if (!type || !name || !op) return null;
  if (op === "$in") {
    const values = Array.isArray(f.value) ? f.value : [f.value];
    if (values.length === 0 || !values.every((v) => fitsIndex(v, type))) return null;
    return { name, op, value: [...new Set(values)] };
  }
  if (Array.isArray(f.value) || !fitsIndex(f.value, type)) return null;
  if (op !== "$eq" && type !== "number") return null;
  return { name, op, value: f.value };
}

/** `or` of eq/in on one key is `$in` (Vectorize has no `$or`); anything else under `or` is not pushable. */
function pushConjunct(f: Filter, indexed: Readonly<Record<string, MetadataIndexType>>): Pushable | null {
  if (!("filters" in f)) return pushComparison(f, indexed);
  if (f.type !== "or") return null;
  const parts = f.filters.map((child) => (child.type === "eq" || child.type === "in" ? pushConjunct(child, indexed) : null));
  const first = parts[0];
  if (!first || !parts.every((p) => p && p.name === first.name)) return null;
  const values = parts.flatMap((p) => (p ? (Array.isArray(p.value) ? p.value : [p.value]) : []));
  return { name: first.name, op: "$in", value: [...new Set(values)] };
}

/** Top-level AND terms, with nested ANDs flattened and one-child compounds unwrapped. */
function conjuncts(f: Filter): Filter[] {
  if (!("filters" in f)) return [f];
  if (f.type === "and") return f.filters.flatMap(conjuncts);
  return f.filters.length === 1 && f.filters[0] ? conjuncts(f.filters[0]) : [f];
}

/** Vectorize takes one equality per key, or a range: at most one lower and one upper bound. */
function canAdd(ops: Record<string, unknown> | undefined, op: Op): boolean {
  if (!ops) return true;
  const present = Object.keys(ops) as Op[];
  if (op === "$eq" || op === "$in") return false;
  if (present.some((p) => p === "$eq" || p === "$in")) return false;
  const same = LOWER.has(op) ? LOWER : UPPER;
  return !present.some((p) => same.has(p));
}

/**
 * Splits a filter into what Vectorize can apply before ANN and what must be post-filtered, such that
 * matches(filter) ≡ pushed ∧ residual. Pushing nothing is always correct; this pushes only conjuncts it can
 * express exactly. `indexed` maps attribute keys to the type of their metadata index (named attributeMetadataKey(key)),
 * and must list only indexes that existed before the store's first vector was inserted (Vectorize indexes a vector
 * only at upsert). Caveat for the caller: Vectorize metadata lags attribute updates (upserts are asynchronous), so
 * re-check hydrated hits with matchesFilter on current attributes, and widen topK when a residual remains.
 */
export function toVectorizeFilter(filter: Filter, indexed: Readonly<Record<string, MetadataIndexType>>): VectorizeSplit {
  const pushed: Record<string, Record<string, Scalar | Scalar[]>> = {};
  const residual: Filter[] = [];
  for (const term of conjuncts(filter)) {
    const p = pushConjunct(term, indexed);
    if (!p || !canAdd(pushed[p.name], p.op)) {
      residual.push(term);
      continue;
    }
    const candidate = { ...pushed, [p.name]: { ...pushed[p.name], [p.op]: p.value } };
    if (utf8.encode(JSON.stringify(candidate)).length > VECTORIZE_FILTER_MAX_BYTES) residual.push(term);
    else Object.assign(pushed, candidate);
  }
  const rest: Filter | null = residual.length === 0 ? null : residual.length === 1 && residual[0] ? residual[0] : { type: "and", filters: residual };
  return { pushed: Object.keys(pushed).length > 0 ? (pushed as VectorizeFilterObject) : null, residual: rest };
}
