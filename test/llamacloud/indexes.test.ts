import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, KEY_B } from "../helpers";
import { deliver, processFile } from "../ingest-helpers";
import { addFile, directory, driveSync, llamaUpload, syncMessage } from "./helpers";

async function createIndex(body: Record<string, unknown>) {
  const res = await api("POST", "/api/v1/indexes", { json: body });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function storeFiles(storeId: string): Promise<Record<string, any>> {
  const res = await api("GET", `/v1/vector_stores/${storeId}/files?limit=100`);
  return Object.fromEntries(res.body.data.map((f: any) => [f.id, f]));
}

describe("indexes", () => {
  it("creates an index whose first sync starts by itself and ends ready, exporting metadata as attributes", async () => {
    const dir = await directory("handbook");
    const a = await llamaUpload("leave.md", "Parental leave is sixteen weeks.");
    const b = await llamaUpload("travel.md", "Travel must be booked through the portal.");
    await addFile(dir.id, { file_id: a.id, metadata: { team: "hr", year: 2024, tags: ["policy", "leave"], draft: null } });
    await addFile(dir.id, { file_id: b.id, metadata: { team: "ops" } });
    const index = await createIndex({ source_directory_id: dir.id });
    expect(index).toMatchObject({ name: "handbook", source_directory_id: dir.id, project_id: "proj_a", metadata: { status: "syncing" }, last_synced_at: null });
    expect(index.id).toMatch(/^idx-/);
    expect(index.export_config_id).toMatch(/^vs_/);
    expect(index.sync_config_id).toMatch(/^sync-/);
    expect((await api("GET", `/api/v1/beta/directories/${index.output_directory_id}`)).body.type).toBe("index");

    const ready = await driveSync(index.id);
    expect(ready.metadata.status).toBe("ready");
    expect(ready.metadata.error_message).toBeUndefined();
    expect(Date.parse(ready.last_synced_at)).toBeLessThanOrEqual(Date.parse(ready.last_exported_at));
    const files = await storeFiles(index.export_config_id);
    expect(Object.keys(files).sort()).toEqual([a.id, b.id].sort());
    expect(files[a.id]).toMatchObject({ status: "completed", attributes: { team: "hr", year: 2024, tags: "policy, leave" } });
    // Searchable through the OpenAI face, with the metadata as a filter.
    const search = await api("POST", `/v1/vector_stores/${index.export_config_id}/search`, { json: { query: "parental leave", filters: { type: "eq", key: "team", value: "hr" } } });
    expect(search.body.data.map((h: any) => h.file_id)).toEqual([a.id]);
    // The listing reads the catalog mirror, which the store object wrote.
    const listed = await api("GET", `/api/v1/indexes?source_directory_id=${dir.id}`);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({ id: index.id, metadata: { status: "ready" }, last_exported_at: ready.last_exported_at });
  });

  it("sync attaches new files, re-processes changed ones, detaches removed ones and re-tags metadata-only changes", async () => {
    const dir = await directory();
    const keep = await llamaUpload("keep.txt", "unchanged content");
    const v1 = await llamaUpload("policy.txt", "old policy text");
    const gone = await llamaUpload("gone.txt", "to be removed");
    const keepEntry = await addFile(dir.id, { file_id: keep.id, metadata: { v: 1 } });
    await addFile(dir.id, { file_id: v1.id, unique_id: "policy" });
    const goneEntry = await addFile(dir.id, { file_id: gone.id });
    const index = await createIndex({ source_directory_id: dir.id, name: "kb" });
    await driveSync(index.id);
    const storeId = index.export_config_id;
    const keepGeneration = (await env.STORE.getByName(storeId).getFile(keep.id))!.generation;

    const added = await llamaUpload("new.txt", "brand new document");
    const v2 = await llamaUpload("policy.txt", "new policy text");
    await addFile(dir.id, { file_id: added.id });
    await addFile(dir.id, { file_id: v2.id, unique_id: "policy" });
    await api("DELETE", `/api/v1/beta/directories/${dir.id}/files/${goneEntry.id}`);
    await api("PATCH", `/api/v1/beta/directories/${dir.id}/files/${keepEntry.id}`, { json: { metadata: { v: 2 } } });

    const sync = await api("POST", `/api/v1/indexes/${index.id}/sync`);
    expect(sync.status).toBe(200);
    expect(sync.body.metadata.status).toBe("syncing");
    const done = await driveSync(index.id);
    expect(done.metadata).toMatchObject({ status: "ready", sync_run: 2 });
    const files = await storeFiles(storeId);
    expect(Object.keys(files).sort()).toEqual([keep.id, added.id, v2.id].sort());
    expect(files[keep.id].attributes).toEqual({ v: 2 });
    // Metadata-only change: no re-processing.
    expect((await env.STORE.getByName(storeId).getFile(keep.id))!.generation).toBe(keepGeneration);
    // The removed and replaced files stay as files.
    expect((await api("GET", `/api/v1/beta/files/${gone.id}`)).status).toBe(200);
    expect((await api("GET", `/api/v1/beta/files/${v1.id}`)).status).toBe(200);
  });

  it("answers 409 with x-should-retry: false to a sync while one runs", async () => {
    const dir = await directory();
    await addFile(dir.id, { file_id: (await llamaUpload("a.txt", "a")).id });
    const index = await createIndex({ source_directory_id: dir.id });
    const again = await api("POST", `/api/v1/indexes/${index.id}/sync`);
    expect(again.status).toBe(409);
    expect(again.headers.get("x-should-retry")).toBe("false");
    await driveSync(index.id);
    expect((await api("POST", `/api/v1/indexes/${index.id}/sync`)).status).toBe(200);
  });

  it("ends failed with an error_message naming files that cannot be indexed; the rest stays searchable", async () => {
    const dir = await directory();
    const ok = await llamaUpload("fine.txt", "searchable words here");
    const png = await llamaUpload("photo.png", "not text");
    await addFile(dir.id, { file_id: ok.id });
    const pngEntry = await addFile(dir.id, { file_id: png.id });
    const index = await createIndex({ source_directory_id: dir.id });
    const failed = await driveSync(index.id);
    expect(failed.metadata.status).toBe("failed");
    expect(failed.metadata.error_message).toContain("photo.png");
    expect(failed.metadata.error_message).toContain("1 of 2 files");
    expect((await api("POST", `/v1/vector_stores/${index.export_config_id}/search`, { json: { query: "searchable" } })).body.data).toHaveLength(1);
    await api("DELETE", `/api/v1/beta/directories/${dir.id}/files/${pngEntry.id}`);
    await api("POST", `/api/v1/indexes/${index.id}/sync`);
    expect((await driveSync(index.id)).metadata.status).toBe("ready");
  });

  it("resumes a sync whose first delivery crashed half-way, without duplicating chunks", async () => {
    const dir = await directory();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const f = await llamaUpload(`f${i}.txt`, `document number ${i}`);
      await addFile(dir.id, { file_id: f.id });
      ids.push(f.id);
    }
    const index = await createIndex({ source_directory_id: dir.id });
    const storeId = index.export_config_id;
    const msg = await syncMessage(storeId, index.id);
    // The queue refuses the ingest messages: the attach is recorded in the store, then the handler throws.
    const broken = { send: async () => {}, sendBatch: async () => { throw new Error("queue down"); } } as unknown as Queue;
    const crashed = await deliver([msg], "shelf-ingest", 1, { INGEST: broken });
    expect(crashed.retryMessages).toHaveLength(1);
    expect((await env.STORE.getByName(storeId).syncState())!.phase).toBe("applying");
    // Redelivery: the diff is recomputed against the manifest and finishes; the files' lost messages are processed here.
    await deliver([msg]);
    for (const id of ids) await processFile(storeId, id);
    const done = await driveSync(index.id);
    expect(done.metadata.status).toBe("ready");
    const chunks = await runInDurableObject(env.STORE.getByName(storeId), (_o, s) => s.storage.sql.exec(`SELECT file_id, COUNT(*) AS n FROM chunks GROUP BY file_id`).toArray());
    expect(chunks.map((c) => c.n)).toEqual([1, 1, 1]);
    // A late redelivery of the finished run changes nothing.
    const late = await deliver([msg]);
    expect(late.explicitAcks).toHaveLength(1);
    expect((await api("GET", `/api/v1/indexes/${index.id}`)).body.metadata.status).toBe("ready");
  });

  it("the dead-letter queue fails the sync, and a new sync may start", async () => {
    const dir = await directory();
    await addFile(dir.id, { file_id: (await llamaUpload("a.txt", "a")).id });
    const index = await createIndex({ source_directory_id: dir.id });
    await deliver([await syncMessage(index.export_config_id, index.id)], "shelf-ingest-dlq", 6);
    const failed = (await api("GET", `/api/v1/indexes/${index.id}`)).body;
    expect(failed.metadata).toMatchObject({ status: "failed", error_message: expect.stringContaining("several attempts") });
    expect((await api("GET", "/api/v1/indexes")).body.items.find((i: any) => i.id === index.id).metadata.status).toBe("failed");
    expect((await api("POST", `/api/v1/indexes/${index.id}/sync`)).status).toBe(200);
  });

  it("fails the sync with a clear message when the source directory was deleted", async () => {
    const dir = await directory();
    const index = await createIndex({ source_directory_id: dir.id });
    await driveSync(index.id);
    await api("DELETE", `/api/v1/beta/directories/${dir.id}`);
    await api("POST", `/api/v1/indexes/${index.id}/sync`);
    const failed = await driveSync(index.id);
    expect(failed.metadata).toMatchObject({ status: "failed", error_message: `The source directory '${dir.id}' no longer exists.` });
  });

  it("delete removes the index and its vector store, and leaves the directory and its files", async () => {
    const dir = await directory();
    const f = await llamaUpload("stay.txt", "stay");
    const entry = await addFile(dir.id, { file_id: f.id });
    const index = await createIndex({ source_directory_id: dir.id });
    await driveSync(index.id);
    const del = await api("DELETE", `/api/v1/indexes/${index.id}`);
    expect(del.status).toBe(204);
    expect((await api("GET", `/api/v1/indexes/${index.id}`)).status).toBe(404);
    expect((await api("GET", `/v1/vector_stores/${index.export_config_id}`)).status).toBe(404);
    expect((await api("GET", `/api/v1/beta/directories/${index.output_directory_id}`)).status).toBe(404);
    expect((await api("GET", `/api/v1/beta/directories/${dir.id}/files/${entry.id}`)).status).toBe(200);
    expect((await api("GET", `/api/v1/beta/files/${f.id}`)).status).toBe(200);
    // A message still in flight for the deleted index is dropped.
    expect((await deliver([{ v: 1, kind: "sync_index", index_id: index.id, store_id: index.export_config_id, run: 1, checks: 0 }])).explicitAcks).toHaveLength(1);
  });

  it("reports failed, and refuses a sync with 409, once its vector store was deleted through the OpenAI face", async () => {
    const dir = await directory();
    const index = await createIndex({ source_directory_id: dir.id });
    await driveSync(index.id);
    await api("DELETE", `/v1/vector_stores/${index.export_config_id}`);
    const got = await api("GET", `/api/v1/indexes/${index.id}`);
    expect(got.body.metadata).toMatchObject({ status: "failed", error_message: expect.stringContaining("was deleted") });
    const sync = await api("POST", `/api/v1/indexes/${index.id}/sync`);
    expect(sync.status).toBe(409);
    expect((await api("POST", "/api/v1/retrieval/retrieve", { json: { index_id: index.id, query: "x" } })).status).toBe(400);
    expect((await api("DELETE", `/api/v1/indexes/${index.id}`)).status).toBe(204);
  });

  it("lists in creation order with pages, and validates create", async () => {
    const dir = await directory();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createIndex({ source_directory_id: dir.id, name: `ix-${i}` })).id);
    const first = await api("GET", `/api/v1/indexes?source_directory_id=${dir.id}&page_size=2`);
    expect(first.body.items.map((i: any) => i.id)).toEqual(ids.slice(0, 2));
    const next = await api("GET", `/api/v1/indexes?source_directory_id=${dir.id}&page_size=2&page_token=${first.body.next_page_token}`);
    expect(next.body.items.map((i: any) => i.id)).toEqual([ids[2]]);
    expect(next.body.next_page_token).toBeNull();
    expect((await api("POST", "/api/v1/indexes", { json: {} })).body.error.param).toBe("source_directory_id");
    expect((await api("POST", "/api/v1/indexes", { json: { source_directory_id: "dir-nope" } })).status).toBe(404);
    expect((await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id, sync_frequency: "hourly" } })).status).toBe(400);
    expect((await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id, vector_target: "PINECONE" } })).status).toBe(400);
  });

  it("hides another project's index and refuses another project's directory with 404", async () => {
    const dir = await directory();
    const index = await createIndex({ source_directory_id: dir.id });
    for (const [method, path] of [["GET", `/api/v1/indexes/${index.id}`], ["POST", `/api/v1/indexes/${index.id}/sync`], ["DELETE", `/api/v1/indexes/${index.id}`]] as const)
      expect((await api(method, path, { key: KEY_B })).status).toBe(404);
    expect((await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id }, key: KEY_B })).status).toBe(404);
    expect((await api("GET", "/api/v1/indexes", { key: KEY_B })).body.items).toEqual([]);
  });
});
