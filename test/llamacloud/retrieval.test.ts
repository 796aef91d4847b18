import { describe, expect, it } from "vitest";
import { api, KEY_B } from "../helpers";
import { addFile, directory, driveSync, indexedDirectory, llamaUpload } from "./helpers";

function readyIndex() {
  return indexedDirectory([
    { name: "leave.md", text: "Parental leave lasts sixteen weeks for every employee.", metadata: { team: "hr", year: 2023 } },
    { name: "travel.md", text: "Travel must be booked through the travel portal.", metadata: { team: "ops", year: 2024 } },
    { name: "laptops.md", text: "Laptops are replaced every three years by IT.", metadata: { team: "it", year: 2025 } },
  ]);
}

const retrieve = (body: Record<string, unknown>, key?: string) => api("POST", "/api/v1/retrieval/retrieve", { json: body, key });

describe("POST /api/v1/retrieval/retrieve", () => {
  it("returns chunks with content, score, metadata and static_fields", async () => {
    const { index, entries } = await readyIndex();
    const res = await retrieve({ index_id: index.id, query: "parental leave weeks", top_k: 2 });
    expect(res.status).toBe(200);
    expect(res.body.results.length).toBeGreaterThan(0);
    expect(res.body.results.length).toBeLessThanOrEqual(2);
    const top = res.body.results[0];
    expect(top).toMatchObject({
      content: "Parental leave lasts sixteen weeks for every employee.",
      metadata: { team: "hr", year: 2023, file_id: entries["leave.md"].file_id, file_name: "leave.md" },
      static_fields: {
        parsed_directory_file_id: entries["leave.md"].id,
        chunk_index: 0,
        chunk_start_char: 0,
        chunk_end_char: 54,
        page_range_start: null,
        page_range_end: null,
        attachments: [],
      },
    });
    expect(top.static_fields.chunk_token_count).toBeGreaterThan(0);
    expect(top.score).toBeGreaterThan(0);
    expect(top.score).toBeLessThanOrEqual(1);
    const scores = res.body.results.map((r: any) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("accepts the export_config_id as index_id, like the official demo", async () => {
    const { index } = await readyIndex();
    const res = await retrieve({ index_id: index.export_config_id, query: "travel portal" });
    expect(res.body.results[0].metadata.file_name).toBe("travel.md");
  });

  it("filters on metadata with custom_filters, including a range as a list of bounds", async () => {
    const { index } = await readyIndex();
    const eq = await retrieve({ index_id: index.id, query: "every", custom_filters: { team: { operator: "eq", value: "it" } } });
    expect(eq.body.results.map((r: any) => r.metadata.file_name)).toEqual(["laptops.md"]);
    const range = await retrieve({ index_id: index.id, query: "every travel leave laptops", custom_filters: { year: [{ operator: "gte", value: 2024 }, { operator: "lt", value: 2025 }] } });
    expect(range.body.results.map((r: any) => r.metadata.file_name)).toEqual(["travel.md"]);
    const list = await retrieve({ index_id: index.id, query: "every travel leave laptops", custom_filters: { team: { operator: "in", value: ["hr", "it"] }, ignored: null } });
    expect(new Set(list.body.results.map((r: any) => r.metadata.file_name))).toEqual(new Set(["leave.md", "laptops.md"]));
    const bad = await retrieve({ index_id: index.id, query: "x", custom_filters: { year: { operator: "gt", value: "2024" } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("custom_filters.year.value");
  });

  it("applies top_k, score_threshold and pipeline weights", async () => {
    const { index } = await readyIndex();
    expect((await retrieve({ index_id: index.id, query: "every travel leave laptops", top_k: 1 })).body.results).toHaveLength(1);
    expect((await retrieve({ index_id: index.id, query: "every travel leave laptops", score_threshold: 1 })).body.results.length).toBeLessThanOrEqual(1);
    const textOnly = await retrieve({ index_id: index.id, query: "portal", full_text_pipeline_weight: 1, vector_pipeline_weight: 0 });
    // Full-text only: the vector pipeline is not asked, so every result is a keyword match.
    expect(textOnly.body.results[0].metadata.file_name).toBe("travel.md");
    expect(textOnly.body.results.every((r: any) => /portal/i.test(r.content))).toBe(true);
    const none = await retrieve({ index_id: index.id, query: "portal", full_text_pipeline_weight: 0, vector_pipeline_weight: 0 });
    expect(none.status).toBe(400);
    expect((await retrieve({ index_id: index.id, query: "x", top_k: 5000 })).status).toBe(200);
  });

  it("answers 404 for an unknown index and for another project's index", async () => {
    const { index } = await readyIndex();
    expect((await retrieve({ index_id: "idx-nope", query: "x" })).status).toBe(404);
    expect((await retrieve({ index_id: index.id, query: "x" }, KEY_B)).status).toBe(404);
    expect((await retrieve({ index_id: index.export_config_id, query: "x" }, KEY_B)).status).toBe(404);
    expect((await retrieve({ index_id: index.id })).body.error.param).toBe("query");
  });
});

describe("retrieval scores are absolute", () => {
  it("keeps nothing above score_threshold 0.5 for an unrelated query that shares one word", async () => {
    const dir = await directory("kitchen");
    for (const [name, text] of [
      ["cooking-note.md", "A quantum of salt lifts any tomato sauce. Taste it before serving and add basil at the end."],
      ["bread.md", "Bread recipe: mix 500 g flour, 10 g salt, 7 g dried yeast and 350 ml warm water. Knead, let the dough rise, then bake."],
    ] as const) await addFile(dir.id, { file_id: (await llamaUpload(name, text)).id });
    const index = (await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id } })).body;
    await driveSync(index.id);
    const unrelated = await retrieve({ index_id: index.id, query: "quantum entanglement photon polarisation experiment", score_threshold: 0.5 });
    expect(unrelated.status).toBe(200);
    expect(unrelated.body.results).toEqual([]);
    const answer = await retrieve({ index_id: index.id, query: "bread recipe flour yeast", score_threshold: 0.5 });
    expect(answer.body.results[0]?.metadata.file_name).toBe("bread.md");
  });
});
