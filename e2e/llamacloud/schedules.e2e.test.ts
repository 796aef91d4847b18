// Scheduled and on-change syncs, static filters and vector_target DISABLED, through the official @llamaindex/llama-cloud SDK.
import LlamaCloud, { toFile } from "@llamaindex/llama-cloud";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningWorker } from "../harness";
import { llamaCloudSuite } from "./suite";

const suite = llamaCloudSuite();
let worker: RunningWorker;
let client: LlamaCloud;
beforeAll(() => void ({ worker, client } = suite));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the index's run `run` (metadata.sync_run) is ready or failed. */
async function waitForRun(indexId: string, run: number, tries = 240) {
  for (let i = 0; i < tries; i++) {
    const idx = await client.beta.indexes.get(indexId);
    const status = idx.metadata?.["status"];
    if (Number(idx.metadata?.["sync_run"]) >= run && (status === "ready" || status === "failed")) return idx;
    await sleep(250);
  }
  throw new Error(`index ${indexId} did not finish run ${run}:\n${worker.logs().slice(-4000)}`);
}

async function directoryWith(docs: Record<string, string>) {
  const directory = await client.beta.directories.create({ name: `d-${Math.random()}` });
  const entries: Record<string, string> = {};
  for (const [name, text] of Object.entries(docs)) {
    const f = await client.files.create({ file: await toFile(Buffer.from(text), name), purpose: "user_data" });
    entries[name] = (await client.beta.directories.files.add(directory.id, { file_id: f.id })).id;
  }
  return { directory, entries };
}

describe("LlamaCloud sync schedules, static filters and vector_target", () => {
  it("narrows retrieval to documents with static_filters, together with custom_filters", async () => {
    const { directory, entries } = await directoryWith({ "a.md": "Policy on leave.", "b.md": "Policy on travel.", "c.md": "Policy on laptops." });
    const index = await client.beta.indexes.create({ source_directory_id: directory.id });
    await waitForRun(index.id, 1);
    const one = await client.beta.retrieval.retrieve({ index_id: index.id, query: "policy", static_filters: { parsed_directory_file_id: { operator: "eq", value: entries["b.md"]! } } });
    expect(one.results.map((r) => r.static_fields?.parsed_directory_file_id)).toEqual([entries["b.md"]]);
    const some = await client.beta.retrieval.retrieve({ index_id: index.id, query: "policy", top_k: 10, static_filters: { parsed_directory_file_id: { operator: "nin", value: [entries["a.md"]!] } } });
    expect(some.results.map((r) => r.metadata?.["file_name"]).sort()).toEqual(["b.md", "c.md"]);
    const none = await client.beta.retrieval.retrieve({
      index_id: index.id,
      query: "policy",
      custom_filters: { file_kind: { operator: "eq", value: "x" } },
      static_filters: { parsed_directory_file_id: { operator: "in", value: [entries["a.md"]!] } },
    });
    expect(none.results).toEqual([]);
    await expect(client.beta.retrieval.retrieve({ index_id: index.id, query: "policy", static_filters: { parsed_directory_file_id: { operator: "gt", value: ["x"] } } })).rejects.toBeInstanceOf(LlamaCloud.BadRequestError);
  });

  it("runs a daily index when the Cron Trigger reaches its quarter hour (triggered through wrangler dev's scheduled endpoint)", async () => {
    const { directory } = await directoryWith({ "a.md": "Daily document." });
    const index = await client.beta.indexes.create({ source_directory_id: directory.id, sync_frequency: "daily" });
    const ready = await waitForRun(index.id, 1);
    expect((ready as unknown as { sync_frequency: string }).sync_frequency).toBe("daily");
    const at = Date.parse(String(ready.metadata?.["next_scheduled_sync_at"]));
    const res = await fetch(`${worker.url}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("*/15 * * * *")}&time=${at}`);
    expect(res.status).toBe(200);
    expect((await waitForRun(index.id, 2)).metadata?.["status"]).toBe("ready");
  });

  it("syncs an on_source_change index once after a burst of directory changes", async () => {
    const { directory } = await directoryWith({ "a.md": "First note about comets." });
    const index = await client.beta.indexes.create({ source_directory_id: directory.id, sync_frequency: "on_source_change" });
    await waitForRun(index.id, 1);
    await Promise.all(
      ["b.md", "c.md", "d.md"].map(async (name) =>
        client.beta.directories.files.upload(directory.id, { upload_file: await toFile(Buffer.from(`A note about comets in ${name}.`), name) }),
      ),
    );
    const after = await waitForRun(index.id, 2, 400);
    expect(after.metadata?.["status"]).toBe("ready");
    const hits = await client.beta.retrieval.retrieve({ index_id: index.id, query: "comets", top_k: 10 });
    expect(hits.results.map((r) => r.metadata?.["file_name"]).sort()).toEqual(["a.md", "b.md", "c.md", "d.md"]);
    // The debounce has passed for every change of the burst: no further run starts.
    await sleep(7000);
    expect((await client.beta.indexes.get(index.id)).metadata?.["sync_run"]).toBe(2);
  });

  it("builds a vector_target DISABLED index that syncs to ready, and refuses retrieve with a 400", async () => {
    const { directory } = await directoryWith({ "a.md": "No vectors here." });
    const index = await client.beta.indexes.create({ source_directory_id: directory.id, vector_target: "DISABLED" });
    expect((await waitForRun(index.id, 1)).metadata?.["status"]).toBe("ready");
    const error = await client.beta.retrieval.retrieve({ index_id: index.id, query: "vectors" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlamaCloud.BadRequestError);
    expect(String((error as Error).message)).toContain("vector_target 'DISABLED'");
  });
});
