// LlamaCloud's Index V2 syncing guide, run unchanged with the official @llamaindex/llama-cloud SDK against a local worker.
import LlamaCloud, { toFile } from "@llamaindex/llama-cloud";
import OpenAI from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { API_KEY, type RunningWorker } from "../harness";
import { llamaCloudSuite } from "./suite";

const suite = llamaCloudSuite();
let worker: RunningWorker;
let client: LlamaCloud;
beforeAll(() => void ({ worker, client } = suite));

const waitForSync = (indexId: string) => suite.waitForSync(indexId);

async function upload(name: string, text: string) {
  return client.files.create({ file: await toFile(Buffer.from(text), name), purpose: "user_data" });
}

describe("the syncing guide", () => {
  it("uploads, indexes, polls to ready, changes the directory, syncs, searches both faces, and deletes the index", async () => {
    // Upload files and add them to a directory.
    const leave = await upload("leave.md", "# Leave\n\nParental leave lasts sixteen weeks for every employee.");
    const travel = await upload("travel.md", "# Travel\n\nTravel must be booked through the travel portal.");
    const directory = await client.beta.directories.create({ name: "handbook" });
    await client.beta.directories.files.add(directory.id, { file_id: leave.id, metadata: { team: "hr" } });
    const travelEntry = await client.beta.directories.files.add(directory.id, { file_id: travel.id, metadata: { team: "ops" } });

    // Create the index: the initial sync starts by itself.
    const index = await client.beta.indexes.create({ source_directory_id: directory.id });
    expect(index.export_config_id).toMatch(/^vs_/);
    let idx = await waitForSync(index.id);
    expect(idx.metadata?.["status"]).toBe("ready");
    expect(idx.last_synced_at).toBeTruthy();
    expect(idx.last_exported_at).toBeTruthy();

    // Add a file (one-call upload), remove one, and sync again.
    await client.beta.directories.files.upload(directory.id, {
      upload_file: await toFile(Buffer.from("Laptops are replaced every three years by IT."), "laptops.md"),
      metadata: JSON.stringify({ team: "it" }),
    });
    await client.beta.directories.files.delete(travelEntry.id, { directory_id: directory.id });
    await client.beta.indexes.sync(index.id);
    idx = await waitForSync(index.id);
    expect(idx.metadata?.["status"]).toBe("ready");

    // Retrieve through the LlamaCloud face…
    const retrieved = await client.beta.retrieval.retrieve({ index_id: index.id, query: "how often are laptops replaced", top_k: 3 });
    expect(retrieved.results[0]?.content).toContain("Laptops are replaced");
    expect(retrieved.results[0]?.metadata).toMatchObject({ team: "it", file_name: "laptops.md" });
    expect(retrieved.results[0]?.static_fields?.chunk_index).toBe(0);
    const travelHits = await client.beta.retrieval.retrieve({ index_id: index.export_config_id, query: "travel portal", custom_filters: { team: { operator: "eq", value: "ops" } } });
    expect(travelHits.results).toEqual([]);

    // …and through the OpenAI face: the index exports to an ordinary vector store.
    const openai = new OpenAI({ apiKey: API_KEY, baseURL: `${worker.url}/v1` });
    const search = await openai.vectorStores.search(index.export_config_id, { query: "parental leave", filters: { type: "eq", key: "team", value: "hr" } });
    expect(search.data.map((h) => h.filename)).toEqual(["leave.md"]);

    // Delete the index: the directory and its files remain.
    await client.beta.indexes.delete(index.id);
    await expect(client.beta.indexes.get(index.id)).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    expect((await client.beta.directories.get(directory.id)).name).toBe("handbook");
    const names: string[] = [];
    for await (const f of client.beta.directories.files.list(directory.id)) names.push(f.display_name);
    expect(names.sort()).toEqual(["laptops.md", "leave.md"]);
    expect((await client.files.retrieve(travel.id)).name).toBe("travel.md");
  });

  it("answers a sync while one runs with ConflictError, without the SDK retrying it", async () => {
    const directory = await client.beta.directories.create({ name: "busy" });
    await client.beta.directories.files.add(directory.id, { file_id: (await upload("busy.md", "busy busy")).id });
    const index = await client.beta.indexes.create({ source_directory_id: directory.id });
    const started = Date.now();
    const error = await client.beta.indexes.sync(index.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlamaCloud.ConflictError);
    // The SDK retries 409s with backoff unless told not to: x-should-retry: false makes it fail at once.
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await waitForSync(index.id)).metadata?.["status"]).toBe("ready");
  });
});
