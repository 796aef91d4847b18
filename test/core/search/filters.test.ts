// Attribute filters: schema errors and their params, matching semantics, and the Vectorize pushdown split.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Attributes, Filter } from "../../../src/core/ports";
import {
  MAX_FILTER_COMPARISONS,
  MAX_FILTER_DEPTH,
  SearchFilter,
  matchesFilter,
} from "../../../src/core/search/filters";
import { issueToError } from "../../../src/http/validation";

const eq = (key: string, value: string | number | boolean): Filter => ({ type: "eq", key, value });
const file: Attributes = { author: "Ada", year: 2021, rating: 4.5, public: true, code: "1" };

describe("matchesFilter", () => {
  it.each<[Filter, boolean]>([
    [{ type: "eq", key: "author", value: "Ada" }, true],
    [{ type: "eq", key: "author", value: "ada" }, false],
    [{ type: "ne", key: "author", value: "Bob" }, true],
    [{ type: "ne", key: "author", value: "Ada" }, false],
    [{ type: "gt", key: "year", value: 2020 }, true],
    [{ type: "gt", key: "year", value: 2021 }, false],
    [{ type: "gte", key: "year", value: 2021 }, true],
    [{ type: "lt", key: "rating", value: 5 }, true],
    [{ type: "lt", key: "rating", value: 4.5 }, false],
    [{ type: "lte", key: "rating", value: 4.5 }, true],
    [{ type: "in", key: "author", value: ["Bob", "Ada"] }, true],
    [{ type: "in", key: "year", value: [2020, 2022] }, false],
    [{ type: "nin", key: "author", value: ["Bob"] }, true],
    [{ type: "nin", key: "year", value: [2021] }, false],
    [{ type: "eq", key: "public", value: true }, true],
    [{ type: "ne", key: "public", value: false }, true],
  ])("applies %j", (filter, expected) => {
    expect(matchesFilter(filter, file)).toBe(expected);
  });

  it("compares with strict types: the string '1' is not the number 1, true is not 'true'", () => {
    expect(matchesFilter(eq("code", 1), file)).toBe(false);
    expect(matchesFilter(eq("code", "1"), file)).toBe(true);
    expect(matchesFilter({ type: "ne", key: "code", value: 1 }, file)).toBe(true);
    expect(matchesFilter({ type: "in", key: "code", value: [1] }, file)).toBe(false);
    expect(matchesFilter({ type: "nin", key: "code", value: [1] }, file)).toBe(true);
    expect(matchesFilter(eq("public", "true"), file)).toBe(false);
  });

  it("orders numbers only: a string attribute never passes gt/gte/lt/lte", () => {
    for (const type of ["gt", "gte", "lt", "lte"] as const) {
      expect(matchesFilter({ type, key: "code", value: 0 }, file)).toBe(false);
      expect(matchesFilter({ type, key: "public", value: 0 }, file)).toBe(false);
    }
  });

  it("matches nothing on a key the file does not have, for every operator including ne and nin", () => {
    for (const type of ["eq", "ne", "gt", "gte", "lt", "lte"] as const)
      expect(matchesFilter({ type, key: "missing", value: 1 }, file)).toBe(false);
    for (const type of ["in", "nin"] as const) expect(matchesFilter({ type, key: "missing", value: [1] }, file)).toBe(false);
    expect(matchesFilter({ type: "ne", key: "author", value: "Bob" }, null)).toBe(false);
    expect(matchesFilter({ type: "nin", key: "author", value: [] }, {})).toBe(false);
  });

  it("treats an empty in-list as matching nothing and an empty nin-list as matching every file with the key", () => {
    expect(matchesFilter({ type: "in", key: "author", value: [] }, file)).toBe(false);
    expect(matchesFilter({ type: "nin", key: "author", value: [] }, file)).toBe(true);
  });

  it("ignores inherited properties: toString is not an attribute", () => {
    expect(matchesFilter({ type: "ne", key: "toString", value: "x" }, file)).toBe(false);
  });

  it("combines nested and/or", () => {
    const filter: Filter = {
      type: "and",
      filters: [
        { type: "or", filters: [eq("author", "Bob"), { type: "gte", key: "year", value: 2021 }] },
        { type: "or", filters: [eq("public", false), { type: "and", filters: [eq("author", "Ada"), { type: "lt", key: "rating", value: 5 }] }] },
      ],
    };
    expect(matchesFilter(filter, file)).toBe(true);
    expect(matchesFilter(filter, { ...file, rating: 5 })).toBe(false);
    expect(matchesFilter({ type: "or", filters: [eq("missing", 1), eq("author", "Ada")] }, file)).toBe(true);
    expect(matchesFilter({ type: "and", filters: [eq("missing", 1), eq("author", "Ada")] }, file)).toBe(false);
  });
});

describe("SearchFilter schema", () => {
  const parse = (input: unknown) => SearchFilter.safeParse(input, { reportInput: true });
  const firstIssue = (input: unknown) => {
    const r = parse(input);
    if (r.success) throw new Error("expected a validation error");
    return r.error.issues[0]!;
  };
  // The request schema nests the filter under `filters`, which is where the lead's mapper takes `param` from.
  const Request = z.strictObject({ filters: SearchFilter });
  const asError = (filters: unknown) => {
    const r = Request.safeParse({ filters }, { reportInput: true });
    if (r.success) throw new Error("expected a validation error");
    return issueToError(r.error.issues[0]!);
  };

  it("accepts every comparison type and nested compounds, returning the same filter", () => {
    const filter = {
      type: "or",
      filters: [
        { type: "eq", key: "a", value: "x" },
        { type: "ne", key: "a", value: true },
        { type: "gt", key: "n", value: 1 },
        { type: "gte", key: "n", value: 1.5 },
        { type: "lt", key: "n", value: -1 },
        { type: "lte", key: "n", value: 0 },
        { type: "and", filters: [{ type: "in", key: "a", value: ["x", 2] }, { type: "nin", key: "a", value: [] }] },
      ],
    };
    expect(parse(filter)).toEqual({ success: true, data: filter });
  });

  it("requires a number for ordering comparisons", () => {
    for (const value of ["1", true, [1]]) {
      const issue = firstIssue({ type: "gt", key: "n", value });
      expect(issue.path).toEqual(["value"]);
      expect(issue.code).toBe("custom");
      expect((issue as { params?: unknown }).params).toEqual({ code: "invalid_type" });
    }
  });

  it("requires an array of strings or numbers for in/nin, pointing at the bad element", () => {
    expect(firstIssue({ type: "in", key: "a", value: "x" }).path).toEqual(["value"]);
    expect(firstIssue({ type: "nin", key: "a", value: ["x", 1, false] }).path).toEqual(["value", 2]);
    expect(firstIssue({ type: "in", key: "a", value: [null] }).path).toEqual(["value", 0]);
  });

  it("requires a scalar for eq/ne", () => {
    expect(firstIssue({ type: "eq", key: "a", value: ["x"] }).path).toEqual(["value"]);
    expect(firstIssue({ type: "ne", key: "a", value: null }).path).toEqual(["value"]);
    expect(firstIssue({ type: "eq", key: "a", value: { x: 1 } }).path).toEqual(["value"]);
  });

  it("answers with OpenAI-style param, code and message through the error mapper", () => {
    const bad = { type: "and", filters: [{ type: "eq", key: "a", value: 1 }, { type: "lt", key: "b", value: "soon" }] };
    expect(asError(bad).toBody().error).toEqual({
      message: "Invalid 'filters.filters[1].value': expected a number for comparison type 'lt', but got a string instead.",
      type: "invalid_request_error",
      param: "filters.filters[1].value",
      code: "invalid_type",
    });
    expect(asError({ type: "in", key: "a", value: [1, true] }).param).toBe("filters.value[1]");
  });

  it("rejects unknown keys, unknown types and missing fields with the right param", () => {
    expect(asError({ type: "eq", key: "a", value: 1, extra: 1 })).toMatchObject({ param: "filters.extra", code: "unknown_parameter" });
    expect(asError({ type: "eq", key: "a", value: 1, filters: [] })).toMatchObject({ param: "filters.filters", code: "unknown_parameter" });
    expect(asError({ type: "and", filters: [{ type: "eq", key: "a", value: 1 }], key: "a" })).toMatchObject({
      param: "filters.key",
      code: "unknown_parameter",
    });
    expect(asError({ type: "like", key: "a", value: 1 })).toMatchObject({ param: "filters.type", code: "invalid_value" });
    expect(asError({ key: "a", value: 1 })).toMatchObject({ param: "filters.type", code: "missing_required_parameter" });
    expect(asError({ type: "eq", value: 1 })).toMatchObject({ param: "filters.key", code: "missing_required_parameter" });
    expect(asError({ type: "eq", key: "a" })).toMatchObject({ param: "filters.value", code: "missing_required_parameter" });
    expect(asError({ type: "or" })).toMatchObject({ param: "filters.filters", code: "missing_required_parameter" });
    expect(asError("eq")).toMatchObject({ param: "filters", code: "invalid_type" });
  });

  it("requires compound filters to be a non-empty array", () => {
    expect(asError({ type: "and", filters: [] })).toMatchObject({ param: "filters.filters", code: "empty_array" });
    expect(asError({ type: "or", filters: { type: "eq", key: "a", value: 1 } })).toMatchObject({
      param: "filters.filters",
      code: "invalid_type",
    });
  });

  const nested = (levels: number): unknown => {
    let node: unknown = { type: "eq", key: "a", value: 1 };
    for (let i = 1; i < levels; i++) node = { type: "and", filters: [node] };
    return node;
  };

  it(`allows ${MAX_FILTER_DEPTH} levels of nesting and rejects more at the offending node`, () => {
    expect(parse(nested(MAX_FILTER_DEPTH)).success).toBe(true);
    const issue = firstIssue(nested(MAX_FILTER_DEPTH + 1));
    expect(issue.path).toEqual(Array.from({ length: MAX_FILTER_DEPTH }, () => ["filters", 0]).flat());
    expect(issue.message).toContain(`at most ${MAX_FILTER_DEPTH} levels`);
  });

  it("rejects a filter nested thousands deep without overflowing the stack", () => {
    expect(firstIssue(nested(5000)).message).toContain("nested too deeply");
  });

  it(`allows ${MAX_FILTER_COMPARISONS} comparisons and rejects more`, () => {
    const many = (n: number) => ({ type: "or", filters: Array.from({ length: n }, (_, i) => ({ type: "eq", key: "k", value: i })) });
    expect(parse(many(MAX_FILTER_COMPARISONS)).success).toBe(true);
    expect(asError(many(MAX_FILTER_COMPARISONS + 1))).toMatchObject({ param: "filters", code: "invalid_value" });
    expect(asError(many(MAX_FILTER_COMPARISONS + 1)).message).toContain(`got ${MAX_FILTER_COMPARISONS + 1} instead`);
  });
});
