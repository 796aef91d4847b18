// Attribute filters: schema errors and their params, matching semantics, and the Vectorize pushdown split.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Attributes, Filter } from "../../../src/core/ports";
import {
  MAX_FILTER_COMPARISONS,
  MAX_FILTER_DEPTH,
  SearchFilter,
  attributeMetadataKey,
  matchesFilter,
  toVectorizeFilter,
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

describe("toVectorizeFilter", () => {
  const indexed = { author: "string", year: "number", public: "boolean" } as const;

  it("pushes an indexed equality under the a_ prefix and leaves nothing behind", () => {
    expect(toVectorizeFilter(eq("author", "Ada"), indexed)).toEqual({ pushed: { a_author: { $eq: "Ada" } }, residual: null });
    expect(toVectorizeFilter(eq("public", true), indexed)).toEqual({ pushed: { a_public: { $eq: true } }, residual: null });
  });

  it("splits an AND into pushed conjuncts and a residual", () => {
    const unindexed = eq("topic", "x");
    const ne: Filter = { type: "ne", key: "author", value: "Bob" };
    const filter: Filter = {
      type: "and",
      filters: [eq("author", "Ada"), unindexed, { type: "and", filters: [{ type: "gte", key: "year", value: 2000 }, { type: "lt", key: "year", value: 2030 }] }, ne],
    };
    expect(toVectorizeFilter(filter, indexed)).toEqual({
      pushed: { a_author: { $eq: "Ada" }, a_year: { $gte: 2000, $lt: 2030 } },
      residual: { type: "and", filters: [unindexed, ne] },
    });
  });

  it("never pushes ne or nin, whose handling of a missing key Vectorize does not document", () => {
    const nin: Filter = { type: "nin", key: "author", value: ["Bob"] };
    expect(toVectorizeFilter(nin, indexed)).toEqual({ pushed: null, residual: nin });
  });

  it("keeps OR residual unless it is equality on one key, which becomes $in", () => {
    const mixed: Filter = { type: "or", filters: [eq("author", "Ada"), eq("year", 2020)] };
    expect(toVectorizeFilter(mixed, indexed)).toEqual({ pushed: null, residual: mixed });
    const sameKey: Filter = { type: "or", filters: [eq("author", "Ada"), { type: "in", key: "author", value: ["Bob", "Ada"] }] };
    expect(toVectorizeFilter(sameKey, indexed)).toEqual({ pushed: { a_author: { $in: ["Ada", "Bob"] } }, residual: null });
  });

  it("keeps comparisons whose value type differs from the index type residual", () => {
    for (const f of [eq("year", "2020"), eq("author", 1), { type: "gt", key: "author", value: 1 } as Filter, { type: "in", key: "year", value: [2020, "2021"] } as Filter])
      expect(toVectorizeFilter(f, indexed)).toEqual({ pushed: null, residual: f });
  });

  it("keeps strings beyond Vectorize's 64 indexed bytes and empty in-lists residual", () => {
    const long = eq("author", "é".repeat(33));
    expect(toVectorizeFilter(long, indexed)).toEqual({ pushed: null, residual: long });
    const empty: Filter = { type: "in", key: "author", value: [] };
    expect(toVectorizeFilter(empty, indexed)).toEqual({ pushed: null, residual: empty });
  });

  it("pushes one equality or one range per key; a second bound on the same side stays residual", () => {
    const second: Filter = { type: "gt", key: "year", value: 2010 };
    const f: Filter = { type: "and", filters: [{ type: "gt", key: "year", value: 2000 }, second] };
    expect(toVectorizeFilter(f, indexed)).toEqual({ pushed: { a_year: { $gt: 2000 } }, residual: second });
    const eqThenRange: Filter = { type: "and", filters: [eq("year", 2020), { type: "lt", key: "year", value: 2030 }] };
    expect(toVectorizeFilter(eqThenRange, indexed).residual).toEqual({ type: "lt", key: "year", value: 2030 });
  });

  it("keeps the pushed filter under 2048 bytes of JSON", () => {
    const values = Array.from({ length: 60 }, (_, i) => `author-number-${i}-${"x".repeat(20)}`);
    const bigIn: Filter = { type: "in", key: "author", value: values };
    const small = eq("year", 2020);
    const split = toVectorizeFilter({ type: "and", filters: [bigIn, small] }, indexed);
    expect(split).toEqual({ pushed: { a_year: { $eq: 2020 } }, residual: bigIn });
    expect(new TextEncoder().encode(JSON.stringify(split.pushed)).length).toBeLessThan(2048);
  });

  it("pushes nothing when no attribute is indexed or the key cannot be a Vectorize key", () => {
    const f = eq("author", "Ada");
    expect(toVectorizeFilter(f, {})).toEqual({ pushed: null, residual: f });
    const dotted = eq("a.b", "x");
    expect(toVectorizeFilter(dotted, { "a.b": "string" })).toEqual({ pushed: null, residual: dotted });
    expect(attributeMetadataKey("a.b")).toBeNull();
    expect(attributeMetadataKey('say "hi"')).toBeNull();
    expect(attributeMetadataKey("$year")).toBe("a_$year");
  });

  it("splits so that pushed AND residual selects exactly what the filter selects", () => {
    const files: Attributes[] = [
      { author: "Ada", year: 2020, public: true },
      { author: "Bob", year: 2021, public: false, topic: "x" },
      { author: "Ada", year: 2031, topic: "x" },
      { year: 2020 },
      { author: "Eve", year: "2020", public: true },
    ];
    const filter: Filter = {
      type: "and",
      filters: [
        { type: "or", filters: [eq("author", "Ada"), eq("author", "Bob")] },
        { type: "lte", key: "year", value: 2030 },
        { type: "or", filters: [eq("topic", "x"), eq("public", true)] },
      ],
    };
    const { pushed, residual } = toVectorizeFilter(filter, indexed);
    // Evaluates the pushed Vectorize filter the way Vectorize would, on the a_-prefixed metadata.
    const vectorizeMatches = (a: Attributes) =>
      Object.entries(pushed ?? {}).every(([name, ops]) => {
        const actual = a[name.slice(2)];
        if (actual === undefined || typeof ops !== "object" || ops === null) return false;
        return Object.entries(ops).every(([op, v]) => {
          if (op === "$eq") return actual === v;
          if (op === "$in") return (v as unknown[]).includes(actual);
          if (typeof actual !== "number" || typeof v !== "number") return false;
          return op === "$lt" ? actual < v : op === "$lte" ? actual <= v : op === "$gt" ? actual > v : actual >= v;
        });
      });
    for (const a of files)
      expect(vectorizeMatches(a) && (residual === null || matchesFilter(residual, a))).toBe(matchesFilter(filter, a));
  });
});
