// Search scores are absolute (score_threshold can say "nothing relevant"), and keyword search works in every script.
import { beforeAll, describe, expect, it } from "vitest";
import { api, uploadFile } from "../../helpers";
import { processFile } from "../../ingest-helpers";

async function storeWith(docs: Record<string, string>): Promise<string> {
  const storeId = (await api("POST", "/v1/vector_stores", { json: {} })).body.id as string;
  for (const [name, text] of Object.entries(docs)) {
    const f = await uploadFile(name, text);
    await api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: f.id } });
    await processFile(storeId, f.id);
  }
  return storeId;
}

async function search(storeId: string, body: Record<string, unknown>): Promise<Array<{ filename: string; score: number }>> {
  const res = await api("POST", `/v1/vector_stores/${storeId}/search`, { json: { max_num_results: 10, ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

const TEXT_ONLY = { ranking_options: { hybrid_search: { embedding_weight: 0, text_weight: 1 } } };

describe("absolute scores", () => {
  let kitchen = "";
  beforeAll(async () => {
    kitchen = await storeWith({
      "cooking-note.md": "A quantum of salt lifts any tomato sauce. Taste it before serving and add basil at the end.",
      "bread.md": "Bread recipe: mix 500 g flour, 10 g salt, 7 g dried yeast and 350 ml warm water. Knead for ten minutes, let the dough rise for an hour, then bake at 220 °C for 35 minutes.",
    });
  });

  it("scores an unrelated query below 0.5 even when one of its words matches", async () => {
    const hits = await search(kitchen, { query: "quantum entanglement photon polarisation experiment" });
    for (const h of hits) expect(h.score, h.filename).toBeLessThan(0.5);
    expect(await search(kitchen, { query: "quantum entanglement photon polarisation experiment", ranking_options: { score_threshold: 0.5 } })).toEqual([]);
  });

  it("scores a real answer above 0.5", async () => {
    const hits = await search(kitchen, { query: "how long to bake the bread dough", ranking_options: { score_threshold: 0.5 } });
    expect(hits[0]?.filename).toBe("bread.md");
    expect(hits[0]!.score).toBeGreaterThan(0.5);
  });
});

describe("keyword search in every script", () => {
  let storeId = "";
  beforeAll(async () => {
    storeId = await storeWith({
      "network.md": "本周我们整理了设备清单并更新了机房的网络拓扑图。",
      "rerun.md": "周五晚上重跑gen-itgc后，报表恢复正常。",
      "thai.md": "วันนี้ทีมงานได้ปรับปรุงระบบเครือข่ายของสำนักงานใหม่ทั้งหมด",
      "tokyo.md": "東京都の天気予報によると、明日は雨が降るそうです。",
      "cafe.md": "Le Café de la Gare ouvre à six heures ; la crème brûlée y est célèbre.",
      "english.md": "The warehouse inventory lists every pallet and forklift on site.",
    });
  });

  it.each([
    ["设备清单", "network.md"],
    ["机房", "network.md"],
    ["拓扑图", "network.md"],
    ["itgc", "rerun.md"],
    ["gen-itgc", "rerun.md"],
    ["เครือข่าย", "thai.md"],
    ["สำนักงาน", "thai.md"],
    ["天気", "tokyo.md"],
    ["cafe", "cafe.md"],
    ["CREME BRULEE", "cafe.md"],
  ])("finds %j inside a sentence with keyword search alone", async (query, filename) => {
    const hits = await search(storeId, { query, ...TEXT_ONLY });
    expect(hits.map((h) => h.filename)).toEqual([filename]);
  });

  it("finds an accented word from its unaccented spelling and back, with default options", async () => {
    expect((await search(storeId, { query: "café gare" }))[0]?.filename).toBe("cafe.md");
    const english = await storeWith({ "naive.md": "A naive resume of the cafe menu." });
    expect((await search(english, { query: "naïve résumé", ...TEXT_ONLY }))[0]?.filename).toBe("naive.md");
  });

  it("ranks the Chinese document first with default options", async () => {
    const hits = await search(storeId, { query: "设备清单" });
    expect(hits[0]?.filename).toBe("network.md");
    expect(hits[0]!.score).toBeGreaterThan(0.5);
  });

  it("reports the rewritten query with its words separated", async () => {
    const res = await api("POST", `/v1/vector_stores/${storeId}/search`, { json: { query: "请帮我找设备清单", rewrite_query: true } });
    expect(res.body.data[0]?.filename).toBe("network.md");
  });
});
