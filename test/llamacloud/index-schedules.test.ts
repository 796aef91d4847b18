// sync_frequency: daily syncs from the Cron Trigger (driven directly), on_source_change syncs coalescing a burst into one run.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { dailySlot, SLOT_MINUTES, SLOTS_PER_DAY } from "../../src/core/indexes/schedule";
import { api } from "../helpers";
import { deliver } from "../ingest-helpers";
import { addFile, directory, driveSync, llamaUpload } from "./helpers";

const DAY = Date.UTC(2026, 0, 5);

async function tick(slot: number): Promise<void> {
  const controller = createScheduledController({ scheduledTime: DAY + slot * SLOT_MINUTES * 60_000 + 30_000, cron: "*/15 * * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

async function runOf(index: any): Promise<{ run: number; status: string }> {
  const state = await env.STORE.getByName(index.export_config_id).syncState();
  return { run: state!.run, status: state!.status };
}

async function readyIndex(dirId: string, body: Record<string, unknown> = {}): Promise<any> {
  const res = await api("POST", "/api/v1/indexes", { json: { source_directory_id: dirId, ...body } });
  expect(res.status).toBe(200);
  await driveSync(res.body.id);
  return res.body;
}

describe("sync_frequency", () => {
  it("reads back manual (default), daily and on_source_change", async () => {
    const dir = await directory();
    const manual = await readyIndex(dir.id);
    expect(manual.sync_frequency).toBe("manual");
    expect(manual.vector_target).toBe("DEFAULT");
    const daily = await readyIndex(dir.id, { sync_frequency: "daily" });
    const got = (await api("GET", `/api/v1/indexes/${daily.id}`)).body;
    expect(got.sync_frequency).toBe("daily");
    const next = Date.parse(got.metadata.next_scheduled_sync_at);
    expect(next).toBeGreaterThan(Date.now() - 1000);
    expect(next - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect(Math.floor((next % (24 * 3600_000)) / (SLOT_MINUTES * 60_000))).toBe(dailySlot(daily.id));
    const listed = (await api("GET", `/api/v1/indexes?source_directory_id=${dir.id}`)).body.items;
    expect(listed.map((i: any) => i.sync_frequency)).toEqual(["manual", "daily"]);
    expect((await readyIndex(dir.id, { sync_frequency: "on_source_change" })).sync_frequency).toBe("on_source_change");
  });

  it("the Cron Trigger starts a daily index in its own quarter hour only, skips one already syncing, and leaves manual ones", async () => {
    const dir = await directory();
    const f = await llamaUpload("a.md", "alpha text");
    await addFile(dir.id, { file_id: f.id });
    const daily = await readyIndex(dir.id, { sync_frequency: "daily" });
    const manual = await readyIndex(dir.id);
    const slot = dailySlot(daily.id);
    expect(await runOf(daily)).toEqual({ run: 1, status: "ready" });
    await tick((slot + 1) % SLOTS_PER_DAY);
    expect((await runOf(daily)).run).toBe(1);
    await tick(slot);
    expect(await runOf(daily)).toEqual({ run: 2, status: "syncing" });
    // Already syncing: the tick skips it (a redelivered or overlapping tick starts nothing).
    await tick(slot);
    expect((await runOf(daily)).run).toBe(2);
    expect((await runOf(manual)).run).toBe(1);
    for (let s = 0; s < SLOTS_PER_DAY; s++) if (s !== slot) await tick(s);
    expect((await runOf(manual)).run).toBe(1);
    expect((await driveSync(daily.id)).metadata.status).toBe("ready");
  });

  it("a burst of directory changes (add, upload, update, delete) starts exactly one on_source_change sync", async () => {
    const dir = await directory();
    const f1 = await llamaUpload("one.md", "first document");
    const e1 = await addFile(dir.id, { file_id: f1.id });
    const index = await readyIndex(dir.id, { sync_frequency: "on_source_change" });
    const manual = await readyIndex(dir.id);
    expect((await runOf(index)).run).toBe(1);
    const [f2, f3] = await Promise.all([llamaUpload("two.md", "second document"), llamaUpload("three.md", "third document")]);
    const form = new FormData();
    form.append("upload_file", new File(["fourth document"], "four.md"));
    const [e2] = await Promise.all([
      addFile(dir.id, { file_id: f2.id }),
      addFile(dir.id, { file_id: f3.id }),
      api("PATCH", `/api/v1/beta/directories/${dir.id}/files/${e1.id}`, { json: { metadata: { team: "hr" } } }),
      api("POST", `/api/v1/beta/directories/${dir.id}/files/upload`, { form }),
    ]);
    expect((await api("DELETE", `/api/v1/beta/directories/${dir.id}/files/${e2.id}`)).status).toBe(204);
    // Five changes: the delayed messages carry change numbers 1-5; however they arrive, one run starts.
    const messages = [1, 2, 3, 4, 5].map((seq) => ({ v: 1, kind: "source_changed", index_id: index.id, seq }));
    await deliver(messages);
    await deliver(messages.slice().reverse());
    expect(await runOf(index)).toEqual({ run: 2, status: "syncing" });
    await deliver(messages.map((m) => ({ ...m, index_id: manual.id })));
    expect((await runOf(manual)).run).toBe(1);
    const done = await driveSync(index.id);
    expect(done.metadata.status).toBe("ready");
    const names = (await api("POST", "/api/v1/retrieval/retrieve", { json: { index_id: index.id, query: "document", top_k: 10 } })).body.results.map((r: any) => r.metadata.file_name).sort();
    expect(names).toEqual(["four.md", "one.md", "three.md"]);
    // Redelivery after the run: nothing new.
    await deliver(messages);
    expect((await runOf(index)).run).toBe(2);
  });

  it("a change during a run is kept and starts the next run once that one ends", async () => {
    const dir = await directory();
    const f1 = await llamaUpload("one.md", "first document");
    await addFile(dir.id, { file_id: f1.id });
    const index = await readyIndex(dir.id, { sync_frequency: "on_source_change" });
    expect((await api("POST", `/api/v1/indexes/${index.id}/sync`)).status).toBe(200);
    const f2 = await llamaUpload("two.md", "second document");
    await addFile(dir.id, { file_id: f2.id });
    const change = { v: 1, kind: "source_changed", index_id: index.id, seq: 1 };
    await deliver([change]);
    expect((await runOf(index)).run).toBe(2);
    await driveSync(index.id);
    await deliver([change]);
    expect(await runOf(index)).toEqual({ run: 3, status: "syncing" });
    await driveSync(index.id);
  });

  it("deleting a file that is in the source directory counts as a change: one on_source_change sync drops it", async () => {
    const dir = await directory();
    const [f1, f2] = await Promise.all([llamaUpload("keep.md", "kept document"), llamaUpload("gone.md", "deleted document")]);
    await addFile(dir.id, { file_id: f1.id });
    await addFile(dir.id, { file_id: f2.id });
    const index = await readyIndex(dir.id, { sync_frequency: "on_source_change" });
    expect((await runOf(index)).run).toBe(1);
    expect((await api("DELETE", `/api/v1/beta/files/${f2.id}`)).status).toBe(204);
    // The delete told the index: the first change of this index is pending, and its delayed message starts one run.
    await deliver([{ v: 1, kind: "source_changed", index_id: index.id, seq: 1 }]);
    expect(await runOf(index)).toEqual({ run: 2, status: "syncing" });
    expect((await driveSync(index.id)).metadata.status).toBe("ready");
  });
});
