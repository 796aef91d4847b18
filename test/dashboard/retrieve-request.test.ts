// The retrieval playground's body (dashboard/src/pages/indexes/retrieve-request.ts): custom_filters and options.
import { describe, expect, it } from "vitest";
import { buildRetrieveRequest, emptyRetrieveForm, toCustomFilters } from "../../dashboard/src/pages/indexes/retrieve-request";
import { newCondition, type ConditionNode } from "../../dashboard/src/playground/filter-tree";

const cond = (patch: Partial<ConditionNode>): ConditionNode => ({ ...newCondition(), ...patch });

describe("toCustomFilters", () => {
  it("maps each field to {operator, value}, and several conditions on one field to a list (a range)", () => {
    expect(
      toCustomFilters([
        cond({ key: "team", value: "hr" }),
        cond({ key: "year", op: "gte", value: "2020" }),
        cond({ key: "year", op: "lt", value: "2025" }),
        cond({ key: "tag", op: "in", value: "a,b" }),
      ]),
    ).toEqual({
      team: { operator: "eq", value: "hr" },
      year: [
        { operator: "gte", value: 2020 },
        { operator: "lt", value: 2025 },
      ],
      tag: { operator: "in", value: ["a", "b"] },
    });
    expect(toCustomFilters([])).toBeUndefined();
    expect(() => toCustomFilters([cond({ key: " " })])).toThrow("A filter has no field.");
  });
});

describe("buildRetrieveRequest", () => {
  it("sends only what is set, with rerank always stated", () => {
    expect(buildRetrieveRequest("idx_1", { ...emptyRetrieveForm(), query: "leave", topK: "" })).toEqual({ index_id: "idx_1", query: "leave", rerank: { enabled: true } });
    expect(
      buildRetrieveRequest("idx_1", { query: "q", topK: "3", scoreThreshold: "0.5", textWeight: "0.7", vectorWeight: "0.3", rerank: false, filters: [cond({ key: "team", value: "hr" })] }),
    ).toEqual({ index_id: "idx_1", query: "q", top_k: 3, score_threshold: 0.5, full_text_pipeline_weight: 0.7, vector_pipeline_weight: 0.3, rerank: { enabled: false }, custom_filters: { team: { operator: "eq", value: "hr" } } });
  });
  it("throws for no query and for text that is not a number", () => {
    expect(() => buildRetrieveRequest("idx_1", emptyRetrieveForm())).toThrow("Type a query.");
    expect(() => buildRetrieveRequest("idx_1", { ...emptyRetrieveForm(), query: "q", topK: "ten" })).toThrow("top_k must be a number.");
  });
});
