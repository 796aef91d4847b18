import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { buildServices } from "../../../src/services";
import { api, searchOk as ok, uploadFile } from "../../helpers";
import { processFile } from "../../ingest-helpers";
import { FakeTextAi } from "../../fakes/workers-ai-text";


let storeId = "";

beforeAll(async () => {
  storeId = (await api("POST", "/v1/vector_stores", { json: {} })).body.id;
  for (const [name, text] of [
    ["alpha.md", "Alpha notes mention the harbour and the lighthouse."],
    ["beta.md", "Beta notes mention the harbour only."],
  ]) {
    const f = await uploadFile(name!, text!);
    await api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: f.id } });
    await processFile(storeId, f.id);
  }
});

const request = { rewrite: false, maxResults: 10, filter: null, scoreThreshold: 0, weights: null };

describe("re-ranking with Workers AI", () => {
  it("re-orders the fused chunks by the re-ranker's scores when ranker is auto", async () => {
    // The fake prefers beta.md whatever the query says, so the order must come from it.
    const ai = new FakeTextAi((_q, text) => (text.startsWith("Beta") ? 0.9 : 0.2));
    const search = buildServices({ ...env, RERANKER: "workers-ai", AI: ai as unknown as Ai }).search;
    const res = ok(await search.search(storeId, { ...request, queries: ["harbour lighthouse"], ranker: "auto" }));
    expect(res.hits.map((h) => h.filename)).toEqual(["beta.md", "alpha.md"]);
    expect(res.hits[0]!.score).toBeCloseTo(0.9);
    expect(ai.calls[0]!.model).toBe("@cf/baai/bge-reranker-base");
  });

  it("keeps the fused order and never calls the re-ranker when ranker is none", async () => {
    const ai = new FakeTextAi((_q, text) => (text.startsWith("Beta") ? 0.9 : 0.2));
    const search = buildServices({ ...env, RERANKER: "workers-ai", AI: ai as unknown as Ai }).search;
    const res = ok(await search.search(storeId, { ...request, queries: ["harbour lighthouse"], ranker: "none" }));
    expect(res.hits[0]!.filename).toBe("alpha.md");
    expect(ai.calls).toEqual([]);
  });
});

describe("query rewrite with an LLM", () => {
  it("searches the model's rewrite and reports it in search_query", async () => {
    const ai = new FakeTextAi(undefined, () => "lighthouse");
    const search = buildServices({ ...env, QUERY_REWRITER: "workers-ai", AI: ai as unknown as Ai }).search;
    const res = ok(await search.search(storeId, { ...request, queries: ["where is the tall light tower?"], rewrite: true, ranker: "none" }));
    expect(res.searchQuery).toEqual(["lighthouse"]);
    expect(res.hits[0]!.filename).toBe("alpha.md");
  });

  it("falls back to the keyword rewrite when the model answers nothing", async () => {
    const ai = new FakeTextAi(undefined, () => "");
    const search = buildServices({ ...env, QUERY_REWRITER: "workers-ai", AI: ai as unknown as Ai }).search;
    const res = ok(await search.search(storeId, { ...request, queries: ["Please find the lighthouse notes"], rewrite: true, ranker: "none" }));
    expect(res.searchQuery[0]).not.toContain("Please");
    expect(res.searchQuery[0]).toContain("lighthouse");
  });
});
