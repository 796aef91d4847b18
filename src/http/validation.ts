// zod failures → OpenAI-style 400s: dotted `param`, spec-like `code`, and messages such as
// "Invalid 'max_num_results': integer above maximum value. Expected a value <= 50, but got 51 instead."
import type { Context } from "hono";
import { z } from "zod";
import { ApiError, badRequest, wrongIdPrefix } from "./errors";

type Path = ReadonlyArray<PropertyKey>;

export function paramOf(path: Path, prefix: Path = []): string {
  let out = "";
  for (const key of [...prefix, ...path]) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  if (typeof value === "object") return "an object";
  return typeof value;
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "a boolean",
  object: "an object",
  array: "an array",
  null: "null",
};

function show(value: unknown): string {
  return typeof value === "string" ? `'${value}'` : JSON.stringify(value);
}

/** Turns the first zod issue into the ApiError a client sees. */
export function issueToError(issue: z.core.$ZodIssue, prefix: Path = []): ApiError {
  const param = paramOf(issue.path, prefix);
  const named = param ? `'${param}'` : "request body";
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "unrecognized_keys": {
      const key = paramOf([...issue.path, issue.keys[0] ?? ""], prefix);
      return badRequest(`Unknown parameter: '${key}'.`, key, "unknown_parameter");
    }
    case "invalid_type": {
      if (input === undefined) return badRequest(`Missing required parameter: ${named}.`, param, "missing_required_parameter");
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      return badRequest(`Invalid type for ${named}: expected ${expected}, but got ${describe(input)} instead.`, param, "invalid_type");
    }
    case "too_big": {
      const max = String(issue.maximum);
      if (issue.origin === "string")
        return badRequest(`Invalid ${named}: string too long. Expected a string with maximum length ${max}, but got a string with length ${String(input).length} instead.`, param, "string_above_max_length");
      if (issue.origin === "array")
        return badRequest(`Invalid ${named}: array too long. Expected an array with maximum length ${max}, but got an array with length ${Array.isArray(input) ? input.length : "?"} instead.`, param, "array_above_max_length");
      const kind = Number.isInteger(input) ? "integer" : "decimal";
      return badRequest(`Invalid ${named}: ${kind} above maximum value. Expected a value <= ${max}, but got ${String(input)} instead.`, param, `${kind}_above_max_value`);
    }
    case "too_small": {
      const min = String(issue.minimum);
      if (issue.origin === "string")
        return badRequest(`Invalid ${named}: string too short. Expected a string with minimum length ${min}, but got a string with length ${String(input).length} instead.`, param, "string_below_min_length");
      if (issue.origin === "array")
        return badRequest(`Invalid ${named}: array too short. Expected an array with minimum length ${min}, but got an array with length ${Array.isArray(input) ? input.length : "?"} instead.`, param, Number(issue.minimum) === 1 ? "empty_array" : "array_below_min_length");
      const kind = Number.isInteger(input) ? "integer" : "decimal";
      return badRequest(`Invalid ${named}: ${kind} below minimum value. Expected a value >= ${min}, but got ${String(input)} instead.`, param, `${kind}_below_min_value`);
    }
    case "invalid_value":
      // zod reports a missing literal or enum (`expires_after.anchor`) as an invalid value; the client left it out.
      if (input === undefined) return badRequest(`Missing required parameter: ${named}.`, param, "missing_required_parameter");
      return badRequest(`Invalid value: ${show(input)}. Supported values are: ${issue.values.map(show).join(", ")}.`, param, "invalid_value");
    case "invalid_union":
      return badRequest(`Invalid value for ${named}: ${issue.message}`, param, "invalid_value");
    case "custom": {
      const code = (issue.params?.code as string | undefined) ?? "invalid_value";
      return badRequest(issue.message.startsWith("Invalid") ? issue.message : `Invalid ${named}: ${issue.message}`, param, code);
    }
    default:
      return badRequest(`Invalid ${named}: ${issue.message}`, param, "invalid_value");
  }
}

export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, prefix: Path = []): z.output<S> {
  const result = schema.safeParse(data, { reportInput: true });
  if (!result.success) throw issueToError(result.error.issues[0]!, prefix);
  return result.data;
}

/** Query strings: every value arrives as a string; schemas coerce. Repeated keys keep the last. */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parseOrThrow(schema, c.req.query());
}

/**
 * Longest object id accepted in a path or a body. Shelf mints ids of about 30 characters; the bound keeps a hostile
 * id from being bound into a catalog query (D1 values ≤ 2 MB) or echoed back whole in a 404.
 */
export const MAX_ID_CHARS = 128;

/** An object id sent in a JSON body (`file_id`, `index_id`, …): ≤ MAX_ID_CHARS characters. */
export const IdField = z.string().max(MAX_ID_CHARS);

/** Validates a path id's prefix, answering like OpenAI: "Expected an ID that begins with 'vs_'." */
export function pathId(c: Context, name: string, prefix: string): string {
  const value = c.req.param(name);
  if (!value || !value.startsWith(prefix) || value.length > MAX_ID_CHARS) throw wrongIdPrefix(name, value ?? "", prefix);
  return value;
}
