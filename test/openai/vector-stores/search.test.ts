import { describe, expect, it, beforeAll } from "vitest";
import { api, KEY_B, uploadFile } from "../../helpers";
import { processFile } from "../../ingest-helpers";

// A small known corpus: each file has attributes of every type the spec allows.
const CORPUS = [
  { name: "whales.md", text: "Blue whales are the largest animals. They eat krill in cold oceans.", attributes: { topic: "ocean", year: 2021, rating: 4.5, public: true } },
  { name: "coral.md", text: "Coral reefs bleach when ocean water grows too warm.", attributes: { topic: "ocean", year: 2023, rating: 3, public: false } },
  { name: "volcano.md", text: "Volcanic eruptions release ash and sulfur dioxide into the sky.", attributes: { topic: "geology", year: 2019, rating: 5, public: true } },
  { name: "invoice.txt", text: "Invoice INV-7731-QX covers consulting hours for March.", attributes: { topic: "finance", year: 2024, rating: 1, public: false } },
  { name: "glacier.md", text: "Glaciers carve valleys as they slowly move downhill.", attributes: { topic: "geology", year: 2022, rating: 4, public: true } },
] as const;

let storeId = "";
const ids: Record<string, string> = {};

beforeAll(async () => {
  storeId = (await api("POST", "/v1/vector_stores", { json: { name: "search" } })).body.id;
  for (const doc of CORPUS) {
    const f = await uploadFile(doc.name, doc.text);
    ids[doc.name] = f.id;
    await api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: f.id, attributes: doc.attributes } });
    await processFile(storeId, f.id);
  }
});

async function search(body: unknown, store = storeId, key?: string) {
  return api("POST", `/v1/vector_stores/${store}/search`, { json: body, key });
}

async function names(body: Record<string, unknown>): Promise<string[]> {
  const res = await search({ max_num_results: 50, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.map((r: any) => r.filename).sort();
}

describe("POST /v1/vector_stores/{id}/search", () => {
  it("returns the spec's page with scores in [0, 1], best first, grouped per file", async () => {
    const res = await search({ query: "ocean animals krill" });
    expect(res.body).toMatchObject({ object: "vector_store.search_results.page", search_query: ["ocean animals krill"], has_more: false, next_page: null });
    expect(res.body.data[0]).toMatchObject({ filename: "whales.md", file_id: ids["whales.md"], attributes: CORPUS[0].attributes });
    expect(res.body.data[0].content[0]).toMatchObject({ type: "text" });
    const scores = res.body.data.map((r: any) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true);
    expect(new Set(res.body.data.map((r: any) => r.file_id)).size).toBe(res.body.data.length);
  });

  it("finds a document by an exact code that embeddings alone would miss", async () => {
    const res = await search({ query: "INV-7731-QX", max_num_results: 1 });
    expect(res.body.data[0].filename).toBe("invoice.txt");
  });

  it("applies every comparison operator", async () => {
    const q = { query: "ocean geology finance volcano glacier whales coral invoice" };
    expect(await names({ ...q, filters: { type: "eq", key: "topic", value: "ocean" } })).toEqual(["coral.md", "whales.md"]);
    expect(await names({ ...q, filters: { type: "ne", key: "topic", value: "ocean" } })).toEqual(["glacier.md", "invoice.txt", "volcano.md"]);
    expect(await names({ ...q, filters: { type: "gt", key: "year", value: 2022 } })).toEqual(["coral.md", "invoice.txt"]);
    expect(await names({ ...q, filters: { type: "gte", key: "year", value: 2022 } })).toEqual(["coral.md", "glacier.md", "invoice.txt"]);
    expect(await names({ ...q, filters: { type: "lt", key: "rating", value: 3 } })).toEqual(["invoice.txt"]);
    expect(await names({ ...q, filters: { type: "lte", key: "rating", value: 3 } })).toEqual(["coral.md", "invoice.txt"]);
    expect(await names({ ...q, filters: { type: "in", key: "topic", value: ["finance", "geology"] } })).toEqual(["glacier.md", "invoice.txt", "volcano.md"]);
    expect(await names({ ...q, filters: { type: "nin", key: "year", value: [2019, 2021, 2022] } })).toEqual(["coral.md", "invoice.txt"]);
    expect(await names({ ...q, filters: { type: "eq", key: "public", value: true } })).toEqual(["glacier.md", "volcano.md", "whales.md"]);
    expect(await names({ ...q, filters: { type: "eq", key: "missing_key", value: "x" } })).toEqual([]);
  });

  it("applies nested and/or compound filters", async () => {
    const q = { query: "ocean geology finance volcano glacier whales coral invoice" };
    const filters = {
      type: "or",
      filters: [
        { type: "and", filters: [{ type: "eq", key: "topic", value: "ocean" }, { type: "eq", key: "public", value: true }] },
        { type: "and", filters: [{ type: "eq", key: "topic", value: "geology" }, { type: "lt", key: "year", value: 2020 }] },
      ],
    };
    expect(await names({ ...q, filters })).toEqual(["volcano.md", "whales.md"]);
  });

  it("drops results under score_threshold and honours max_num_results", async () => {
    const all = await search({ query: "ocean water", max_num_results: 50, ranking_options: { score_threshold: 0 } });
    const top = all.body.data[0].score;
    const strict = await search({ query: "ocean water", max_num_results: 50, ranking_options: { score_threshold: top } });
    expect(strict.body.data.length).toBeGreaterThanOrEqual(1);
    for (const r of strict.body.data) expect(r.score).toBeGreaterThanOrEqual(top);
    expect((await search({ query: "ocean", max_num_results: 1 })).body.data.length).toBe(1);
    expect((await search({ query: "ocean", ranking_options: { score_threshold: 1, ranker: "none" } })).body.data.every((r: any) => r.score === 1)).toBe(true);
  });

  it("searches each query of an array and merges the results", async () => {
    const res = await search({ query: ["krill", "sulfur dioxide"], max_num_results: 2 });
    expect(res.body.search_query).toEqual(["krill", "sulfur dioxide"]);
    expect(res.body.data.map((r: any) => r.filename).sort()).toEqual(["volcano.md", "whales.md"]);
  });

  it("rewrites the query and reports it in search_query", async () => {
    const res = await search({ query: "Can you please find the invoice INV-7731-QX for me?", rewrite_query: true });
    expect(res.body.search_query[0]).toContain("INV-7731-QX");
    expect(res.body.search_query[0]).not.toContain("please");
    expect(res.body.data[0].filename).toBe("invoice.txt");
  });

  it("tilts the fusion with ranking_options.hybrid_search and accepts ranker none", async () => {
    const text = await search({ query: "INV-7731-QX", ranking_options: { ranker: "none", hybrid_search: { embedding_weight: 0, text_weight: 1 } } });
    expect(text.status).toBe(200);
    expect(text.body.data[0].filename).toBe("invoice.txt");
  });

  it("returns an empty page for an empty store and 404 for another project's store", async () => {
    const empty = (await api("POST", "/v1/vector_stores", { json: {} })).body.id;
    expect((await search({ query: "anything" }, empty)).body.data).toEqual([]);
    const other = await search({ query: "ocean" }, storeId, KEY_B);
    expect(other.status).toBe(404);
  });

  it("answers 404 after the store is deleted, even right after searching it", async () => {
    const vs = (await api("POST", "/v1/vector_stores", { json: {} })).body;
    expect((await search({ query: "x" }, vs.id)).status).toBe(200);
    await api("DELETE", `/v1/vector_stores/${vs.id}`);
    const gone = await search({ query: "x" }, vs.id);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toBe(`No vector store found with id '${vs.id}'.`);
  });

  it("refreshes last_active_at", async () => {
    const vs = (await api("POST", "/v1/vector_stores", { json: { expires_after: { anchor: "last_active_at", days: 2 } } })).body;
    await search({ query: "x" }, vs.id);
    const after = (await api("GET", `/v1/vector_stores/${vs.id}`)).body;
    expect(after.last_active_at).toBeGreaterThanOrEqual(vs.last_active_at);
    expect(after.expires_at).toBe(after.last_active_at + 2 * 86400);
  });

  it("answers every invalid combination with 400 and the offending param", async () => {
    const cases: Array<[unknown, string]> = [
      [{}, "query"],
      [{ query: "" }, "query"],
      [{ query: [] }, "query"],
      [{ query: "x", max_num_results: 0 }, "max_num_results"],
      [{ query: "x", max_num_results: 51 }, "max_num_results"],
      [{ query: "x", ranking_options: { ranker: "best" } }, "ranking_options.ranker"],
      [{ query: "x", ranking_options: { score_threshold: 1.5 } }, "ranking_options.score_threshold"],
      [{ query: "x", ranking_options: { hybrid_search: { embedding_weight: 0, text_weight: 0 } } }, "ranking_options.hybrid_search"],
      [{ query: "x", filters: { type: "gt", key: "year", value: "2020" } }, "filters.value"],
      [{ query: "x", filters: { type: "in", key: "topic", value: "ocean" } }, "filters.value"],
      [{ query: "x", filters: { type: "like", key: "topic", value: "ocean" } }, "filters.type"],
      [{ query: "x", filters: { type: "and", filters: [{ type: "eq", key: "a" }] } }, "filters.filters[0].value"],
      [{ query: "x", rewrite_query: "yes" }, "rewrite_query"],
      [{ query: "x", extra: 1 }, "extra"],
    ];
    for (const [body, param] of cases) {
      const res = await search(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.param, JSON.stringify(body)).toBe(param);
    }
  });
});
