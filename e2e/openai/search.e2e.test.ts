// Search through the official openai SDK: filters, query arrays, rewrite, ranking options and errors, spec-checked.
import OpenAI, { BadRequestError, NotFoundError, toFile } from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { openaiSuite } from "./suite";

const suite = openaiSuite();
let storeId = "";

const DOCS = [
  { name: "reef.md", text: "Coral reefs bleach when the ocean warms.", attributes: { topic: "ocean", year: 2023 } },
  { name: "whale.md", text: "Blue whales feed on krill in polar seas.", attributes: { topic: "ocean", year: 2020 } },
  { name: "lava.md", text: "Basalt lava flows cool into columns.", attributes: { topic: "geology", year: 2021 } },
  { name: "ticket.txt", text: "Ticket INV-7731-QX tracks the broken pump.", attributes: { topic: "ops", year: 2024 } },
  { name: "cooking.md", text: "A quantum of salt lifts any tomato sauce.", attributes: { topic: "food", year: 2018 } },
  { name: "network.md", text: "本周我们整理了设备清单并更新了机房的网络拓扑图。重跑gen-itgc后报表恢复正常。", attributes: { topic: "it", year: 2019 } },
];

beforeAll(async () => {
  const store = await suite.client.vectorStores.create({ name: "search-e2e" });
  storeId = store.id;
  const files = await Promise.all(DOCS.map(async (d) => suite.client.files.create({ file: await toFile(Buffer.from(d.text), d.name), purpose: "assistants" })));
  await suite.client.vectorStores.fileBatches.createAndPoll(
    storeId,
    { files: files.map((f, i) => ({ file_id: f.id, attributes: DOCS[i]!.attributes })) },
    { pollIntervalMs: 100 },
  );
});

const names = (page: { data: Array<{ filename: string }> }) => page.data.map((r) => r.filename).sort();

describe("vectorStores.search through the SDK", () => {
  it("finds an exact code and returns scores in [0, 1]", async () => {
    const page = await suite.client.vectorStores.search(storeId, { query: "INV-7731-QX" });
    expect(page.data[0]!.filename).toBe("ticket.txt");
    for (const r of page.data) expect(r.score >= 0 && r.score <= 1).toBe(true);
  });

  it("applies comparison and compound filters", async () => {
    const ocean = await suite.client.vectorStores.search(storeId, { query: "sea ocean water", filters: { type: "eq", key: "topic", value: "ocean" } });
    expect(names(ocean)).toEqual(["reef.md", "whale.md"]);
    const recentOrGeology = await suite.client.vectorStores.search(storeId, {
      query: "ocean lava pump krill",
      max_num_results: 10,
      filters: { type: "or", filters: [{ type: "gte", key: "year", value: 2023 }, { type: "eq", key: "topic", value: "geology" }] },
    });
    expect(names(recentOrGeology)).toEqual(["lava.md", "reef.md", "ticket.txt"]);
  });

  it("searches a query array, rewrites, and accepts ranking options including hybrid_search", async () => {
    const both = await suite.client.vectorStores.search(storeId, { query: ["krill", "basalt"], max_num_results: 2 });
    expect(names(both)).toEqual(["lava.md", "whale.md"]);
    const rewritten = await suite.client.vectorStores.search(storeId, { query: "Could you please find the ticket about the pump?", rewrite_query: true });
    expect(rewritten.data[0]!.filename).toBe("ticket.txt");
    const tilted = await suite.client.vectorStores.search(storeId, {
      query: "whales",
      ranking_options: { ranker: "none", score_threshold: 0.5, hybrid_search: { embedding_weight: 1, text_weight: 3 } } as OpenAI.VectorStores.VectorStoreSearchParams.RankingOptions,
    });
    expect(tilted.data[0]!.filename).toBe("whale.md");
  });

  it("finds words inside Chinese sentences and codes inside them, as a new user would try", async () => {
    const textOnly = { hybrid_search: { embedding_weight: 0, text_weight: 1 } } as OpenAI.VectorStores.VectorStoreSearchParams.RankingOptions;
    for (const query of ["设备清单", "机房", "itgc"]) {
      const page = await suite.client.vectorStores.search(storeId, { query, ranking_options: textOnly });
      expect(page.data.map((r) => r.filename), query).toEqual(["network.md"]);
    }
    const hybrid = await suite.client.vectorStores.search(storeId, { query: "设备清单" });
    expect(hybrid.data[0]!.filename).toBe("network.md");
  });

  it("scores an unrelated query below 0.5 even when one word matches, and a real answer above", async () => {
    const unrelated = await suite.client.vectorStores.search(storeId, { query: "quantum entanglement photon polarisation experiment" });
    for (const r of unrelated.data) expect(r.score).toBeLessThan(0.5);
    const none = await suite.client.vectorStores.search(storeId, { query: "quantum entanglement photon polarisation experiment", ranking_options: { score_threshold: 0.5 } });
    expect(none.data).toEqual([]);
    const answer = await suite.client.vectorStores.search(storeId, { query: "Which ticket tracks the broken pump?", ranking_options: { score_threshold: 0.5 } });
    expect(answer.data[0]!.filename).toBe("ticket.txt");
    expect(answer.data[0]!.score).toBeGreaterThan(0.5);
  });

  it("raises BadRequestError with the offending param, and NotFoundError for another project", async () => {
    const err = await suite.client.vectorStores.search(storeId, { query: "x", filters: { type: "gt", key: "year", value: "2020" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).param).toBe("filters.value");
    await expect(suite.other.vectorStores.search(storeId, { query: "x" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
