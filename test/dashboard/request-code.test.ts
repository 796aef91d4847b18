// "Copy as code" (dashboard/src/playground/request-code.ts): the search as curl, JS and Python, values escaped exactly.
import { describe, expect, it } from "vitest";
import { curlCode, jsCode, pythonCode, pythonLiteral, shellQuote } from "../../dashboard/src/playground/request-code";
import { buildSearchRequest, emptySearchForm } from "../../dashboard/src/pages/search/search-request";
import { addChild, newCondition } from "../../dashboard/src/playground/filter-tree";

const QUERY = `it's "quoted" — Zürich 東京 🚀 \\ $HOME \`x\` \n next`;

describe("buildSearchRequest", () => {
  it("sends one query as a string, several as a list, with the options that are set", () => {
    const form = emptySearchForm();
    expect(buildSearchRequest({ ...form, queries: [QUERY, "  "] })).toEqual({ query: QUERY, max_num_results: 10, rewrite_query: false, ranking_options: { ranker: "auto" } });
    const filter = addChild(form.filter, form.filter.id, { ...newCondition(), key: "team", value: "hr" });
    expect(
      buildSearchRequest({ ...form, queries: ["a", "b"], filter, scoreThreshold: "0.5", hybrid: true, embeddingWeight: "1", textWeight: "0", rewriteQuery: true, ranker: "none", maxNumResults: "3" }),
    ).toEqual({
      query: ["a", "b"],
      max_num_results: 3,
      rewrite_query: true,
      filters: { type: "eq", key: "team", value: "hr" },
      ranking_options: { ranker: "none", score_threshold: 0.5, hybrid_search: { embedding_weight: 1, text_weight: 0 } },
    });
  });
  it("throws for no query and for text that is not a number", () => {
    expect(() => buildSearchRequest(emptySearchForm())).toThrow("Type a query.");
    expect(() => buildSearchRequest({ ...emptySearchForm(), queries: ["q"], scoreThreshold: "high" })).toThrow("score_threshold must be a number.");
  });
});

describe("code", () => {
  const call = { baseUrl: "http://localhost:8787/v1", storeId: "vs_abc", body: { query: QUERY, rewrite_query: false, ranking_options: { ranker: "auto", score_threshold: 0.5 } } };

  it("quotes for the shell so that nothing expands", () => {
    expect(shellQuote(`it's $HOME`)).toBe(`'it'\\''s $HOME'`);
    const curl = curlCode(call);
    expect(curl).toContain(`'http://localhost:8787/v1/vector_stores/vs_abc/search'`);
    expect(curl).toContain(`-d '${JSON.stringify(call.body).replace(/'/g, `'\\''`)}'`);
  });

  it("writes JS whose literal is the body", () => {
    const js = jsCode(call);
    const literal = js.slice(js.indexOf(`"vs_abc", `) + 10, js.lastIndexOf(");\nfor"));
    expect(JSON.parse(literal)).toEqual(call.body);
    expect(js).toContain(`baseURL: "http://localhost:8787/v1"`);
  });

  it("writes Python literals: True/False/None, JSON string escapes, unicode kept", () => {
    expect(pythonLiteral({ a: true, b: false, c: null, d: [1, "x"] })).toBe(`{\n    "a": True,\n    "b": False,\n    "c": None,\n    "d": [\n        1,\n        "x",\n    ],\n}`);
    expect(pythonLiteral(QUERY)).toBe(JSON.stringify(QUERY));
    const py = pythonCode(call);
    expect(py).toContain(`    query=${JSON.stringify(QUERY)},\n    rewrite_query=False,\n    ranking_options={\n        "ranker": "auto",\n        "score_threshold": 0.5,\n    },\n`);
  });
});
