import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildServices } from "../../src/services";
import { FakeVectorize } from "../fakes/vectorize";
import { api } from "../helpers";
import { deliver, generationOf, ingestMessage } from "../ingest-helpers";
import { addFile, directory, driveSync, indexedDirectory, llamaUpload, syncMessage } from "./helpers";

function readyIndex() {
  return indexedDirectory([
    { name: "leave.md", text: "Policy: parental leave lasts sixteen weeks.", metadata: { team: "hr" } },
    { name: "travel.md", text: "Policy: travel is booked through the portal.", metadata: { team: "ops" } },
    { name: "laptops.md", text: "Policy: laptops are replaced every three years.", metadata: { team: "ops" } },
  ]);
}

/** The directory file ids of every result, sorted. */
async function retrievedIds(body: Record<string, unknown>): Promise<string[]> {
  const res = await api("POST", "/api/v1/retrieval/retrieve", { json: { query: "policy", top_k: 10, rerank: { enabled: false }, ...body } });
  expect(res.status).toBe(200);
  return res.body.results.map((r: any) => r.static_fields.parsed_directory_file_id).sort();
}

describe("retrieve with static_filters.parsed_directory_file_id", () => {
  it("applies every operator the SDK allows, before ranking", async () => {
    const { index, entries } = await readyIndex();
    const all = Object.values(entries).map((e: any) => e.id as string).sort();
    const leave = entries["leave.md"].id as string;
    const travel = entries["travel.md"].id as string;
    const f = (operator: string, value: unknown) => retrievedIds({ index_id: index.id, static_filters: { parsed_directory_file_id: { operator, value } } });
    expect(await retrievedIds({ index_id: index.id })).toEqual(all);
    expect(await f("eq", leave)).toEqual([leave]);
    expect(await f("ne", leave)).toEqual(all.filter((id) => id !== leave));
    expect(await f("in", [leave, travel])).toEqual([leave, travel].sort());
    expect(await f("in", leave)).toEqual([leave]);
    expect(await f("nin", [leave, travel])).toEqual([entries["laptops.md"].id]);
    // Ids compare as strings (the SDK types the field "a string field").
    expect(await f("gt", all[1])).toEqual([all[2]]);
    expect(await f("gte", all[1])).toEqual([all[1], all[2]]);
    expect(await f("lt", all[1])).toEqual([all[0]]);
    expect(await f("lte", all[1])).toEqual([all[0], all[1]]);
    // Before ranking: top_k 1 with an eq filter still finds the file, whatever ranks first overall.
    for (const id of all) {
      const res = await api("POST", "/api/v1/retrieval/retrieve", { json: { index_id: index.id, query: "policy", top_k: 1, static_filters: { parsed_directory_file_id: { operator: "eq", value: id } } } });
      expect(res.body.results.map((r: any) => r.static_fields.parsed_directory_file_id)).toEqual([id]);
    }
  });

  it("combines with custom_filters (both must hold) and accepts a null filter", async () => {
    const { index, entries } = await readyIndex();
    const travel = entries["travel.md"].id as string;
    const body = { index_id: index.id, custom_filters: { team: { operator: "eq", value: "ops" } }, static_filters: { parsed_directory_file_id: { operator: "in", value: [entries["leave.md"].id, travel] } } };
    expect(await retrievedIds(body)).toEqual([travel]);
    expect((await retrievedIds({ index_id: index.id, static_filters: { parsed_directory_file_id: null } })).length).toBe(3);
    expect((await retrievedIds({ index_id: index.id, static_filters: null })).length).toBe(3);
  });

  it("answers 400 for a list with a one-value operator, and for an unknown operator", async () => {
    const { index, entries } = await readyIndex();
    const bad = async (value: unknown, operator: string) =>
      api("POST", "/api/v1/retrieval/retrieve", { json: { index_id: index.id, query: "policy", static_filters: { parsed_directory_file_id: { operator, value } } } });
    const list = await bad([entries["leave.md"].id], "eq");
    expect(list.status).toBe(400);
    expect(list.body.detail ?? JSON.stringify(list.body)).toContain("static_filters.parsed_directory_file_id");
    expect((await bad([entries["leave.md"].id], "gt")).status).toBe(400);
    expect((await bad("x", "like")).status).toBe(400);
  });
});

describe("static_filters with Vectorize", () => {
  it("pushes the static filter down to the Vectorize query as the files that pass it", async () => {
    const fake = new FakeVectorize(256);
    const filters: unknown[] = [];
    const query = fake.query.bind(fake);
    fake.query = async (vector, options) => {
      filters.push(options?.filter);
      return query(vector, options);
    };
    const e = { ...env, VECTOR_INDEX: "vectorize", VECTORIZE: fake as unknown as Vectorize };
    const dir = await directory("kb");
    const files = [await llamaUpload("a.md", "Policy on leave."), await llamaUpload("b.md", "Policy on travel.")];
    const entries = [];
    for (const f of files) entries.push(await addFile(dir.id, { file_id: f.id }));
    const index = (await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id } })).body;
    const storeId: string = index.export_config_id;
    await deliver([await syncMessage(storeId, index.id)], "shelf-ingest", 1, e);
    for (const f of files) await deliver([ingestMessage(storeId, f.id, await generationOf(storeId, f.id))], "shelf-ingest", 1, e);
    fake.processPending();
    const result = await buildServices(e).retrieval.retrieve(storeId, {
      query: "policy", topK: 10, scoreThreshold: 0, filter: null, weights: null, rerank: false, rerankTopN: null, candidates: null,
      directoryFiles: { operator: "eq", value: entries[1].id },
    });
    expect(result!.chunks.map((c) => c.file_id)).toEqual([files[1].id]);
    expect(filters.at(-1)).toEqual({ file_id: { $in: [files[1].id] } });
  });
});
