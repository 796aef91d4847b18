// Deletes win every race: a file deleted while it is attached, batched, added at store create or synced leaves no trace.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, uploadFile } from "../../helpers";
import { deliver, ingestMessage } from "../../ingest-helpers";
import { addFile, directory, driveSync, llamaUpload, syncMessage } from "../../llamacloud/helpers";

/** Enough pairs that both orders (attach first, delete first) and the interleavings between them occur. */
const PAIRS = 30;

const marker = (i: number) => `zebracode${i}quartz`;

async function newStore(body: unknown = {}): Promise<string> {
  const res = await api("POST", "/v1/vector_stores", { json: body });
  expect(res.status).toBe(200);
  return res.body.id;
}

/** Runs every ingest message the store still needs, like the queue consumer would (the deletes may race it too). */
async function drain(storeId: string): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const page = await env.STORE.getByName(storeId).listFiles({ limit: 100, order: "asc", filter: "in_progress" });
    if (page === "bad_cursor") throw new Error("unexpected cursor");
    if (page.rows.length === 0) return;
    // Delivers each file's message until it ends; a file detached meanwhile (by a delete) simply stops.
    for (const f of page.rows) {
      for (let i = 0; i < 50; i++) {
        const row = await env.STORE.getByName(storeId).getFile(f.file_id);
        if (!row || row.status !== "in_progress") break;
        await deliver([ingestMessage(storeId, f.file_id, row.generation)]);
      }
    }
  }
}

/** Every store file row of a store, through the OpenAI face. */
async function storeFileIds(storeId: string): Promise<string[]> {
  const res = await api("GET", `/v1/vector_stores/${storeId}/files?limit=100`);
  expect(res.status).toBe(200);
  return res.body.data.map((f: { id: string }) => f.id);
}

async function members(storeId: string): Promise<string[]> {
  const { results } = await env.DB.prepare(`SELECT file_id FROM store_files WHERE vector_store_id = ?`).bind(storeId).all<{ file_id: string }>();
  return results.map((r) => r.file_id);
}

/** The store's counts (live and mirrored) match its listing; nothing names a deleted file. */
async function expectNoTrace(storeId: string, deleted: Set<string>, live: Set<string> = new Set()): Promise<void> {
  await drain(storeId);
  const listed = await storeFileIds(storeId);
  expect(listed.filter((id) => deleted.has(id))).toEqual([]);
  expect(new Set(listed)).toEqual(live);
  expect((await members(storeId)).filter((id) => deleted.has(id))).toEqual([]);
  const view = (await api("GET", `/v1/vector_stores/${storeId}`)).body;
  expect(view.file_counts).toMatchObject({ in_progress: 0, failed: 0, cancelled: 0, completed: live.size, total: live.size });
  // The catalog mirror (what listings show) agrees, once the object has written its last state.
  await env.STORE.getByName(storeId).touch();
  const mirrored = (await api("GET", `/v1/vector_stores?limit=100`)).body.data.find((s: { id: string }) => s.id === storeId);
  expect(mirrored.file_counts).toEqual(view.file_counts);
}

async function expectNotSearchable(storeId: string, deleted: Set<string>, indices: number[]): Promise<void> {
  for (const i of indices) {
    const res = await api("POST", `/v1/vector_stores/${storeId}/search`, { json: { query: marker(i), max_num_results: 50 } });
    expect(res.status).toBe(200);
    expect(res.body.data.filter((h: { file_id: string }) => deleted.has(h.file_id))).toEqual([]);
    expect(JSON.stringify(res.body.data)).not.toContain(marker(i));
  }
}

describe("a file deleted while it is being attached leaves no row that names it", () => {
  it("single attach racing the file delete: no store file row, no membership, nothing counted or searchable", async () => {
    const storeId = await newStore();
    const deleted = new Set<string>();
    for (let i = 0; i < PAIRS; i++) {
      const f = await uploadFile(`race-${i}.txt`, `Document ${i} holds ${marker(i)}.`);
      deleted.add(f.id);
      const attach = () => api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: f.id } });
      const remove = () => api("DELETE", `/v1/files/${f.id}`);
      const [a, d] = i % 2 === 0 ? await Promise.all([attach(), remove()]) : (await Promise.all([remove(), attach()])).reverse();
      expect([200, 404]).toContain(a!.status);
      expect(d!.status).toBe(200);
    }
    await expectNoTrace(storeId, deleted);
    await expectNotSearchable(storeId, deleted, [0, 1, PAIRS - 1]);
  });

  it("a file batch racing deletes of some of its files keeps only the others, with exact batch counts", async () => {
    const storeId = await newStore();
    const deleted = new Set<string>();
    const live = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const files = await Promise.all(Array.from({ length: 5 }, (_, j) => uploadFile(`b-${round}-${j}.txt`, `Batch ${round} file ${j} ${marker(round * 10 + j)}.`)));
      const [doomed, kept] = [files.slice(0, 3), files.slice(3)];
      for (const f of doomed) deleted.add(f.id);
      for (const f of kept) live.add(f.id);
      const [batch, ...deletes] = await Promise.all([
        api("POST", `/v1/vector_stores/${storeId}/file_batches`, { json: { file_ids: files.map((f) => f.id) } }),
        ...doomed.map((f) => api("DELETE", `/v1/files/${f.id}`)),
      ]);
      expect([200, 404]).toContain(batch!.status);
      for (const d of deletes) expect(d.status).toBe(200);
      if (batch!.status === 200) {
        await drain(storeId);
        const state = (await api("GET", `/v1/vector_stores/${storeId}/file_batches/${batch!.body.id}`)).body;
        expect(state.file_counts.failed).toBe(0);
        expect(state.file_counts.total).toBe(state.file_counts.completed);
      }
      if (batch!.status === 404) for (const f of kept) live.delete(f.id);
    }
    await expectNoTrace(storeId, deleted, live);
    await expectNotSearchable(storeId, deleted, [0, 11, 52]);
  });

  it("file_ids on store create racing the file delete: the new store never counts the deleted file", async () => {
    const deleted = new Set<string>();
    const stores: string[] = [];
    for (let i = 0; i < 15; i++) {
      const f = await uploadFile(`c-${i}.txt`, `Create ${i} ${marker(100 + i)}.`);
      deleted.add(f.id);
      const [created, d] = await Promise.all([api("POST", "/v1/vector_stores", { json: { file_ids: [f.id] } }), api("DELETE", `/v1/files/${f.id}`)]);
      expect(d.status).toBe(200);
      expect([200, 404]).toContain(created.status);
      if (created.status === 200) stores.push(created.body.id);
    }
    for (const storeId of stores) await expectNoTrace(storeId, deleted);
  });
});

describe("a file deleted while it is added to a directory or synced leaves no entry that names it", () => {
  it("directory add racing the file delete leaves no directory entry pointing at the deleted file", async () => {
    const dir = await directory("races");
    const deleted = new Set<string>();
    for (let i = 0; i < PAIRS; i++) {
      const f = await llamaUpload(`d-${i}.txt`, `Directory doc ${i}.`);
      deleted.add(f.id);
      const add = () => api("POST", `/api/v1/beta/directories/${dir.id}/files`, { json: { file_id: f.id } });
      const remove = () => api("DELETE", `/api/v1/beta/files/${f.id}`);
      const [a, d] = i % 2 === 0 ? await Promise.all([add(), remove()]) : (await Promise.all([remove(), add()])).reverse();
      expect([200, 404]).toContain(a!.status);
      expect([200, 204]).toContain(d!.status);
    }
    const listed = await api("GET", `/api/v1/beta/directories/${dir.id}/files?page_size=100`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.filter((e: { file_id: string }) => deleted.has(e.file_id))).toEqual([]);
    const { results } = await env.DB.prepare(`SELECT file_id FROM directory_files WHERE directory_id = ?`).bind(dir.id).all();
    expect(results).toEqual([]);
  });

  it("an index sync racing deletes of its files exports none of them, and the sync ends ready", async () => {
    const dir = await directory("sync-races");
    const seed = await llamaUpload("seed.txt", "Seed document for the index.");
    await addFile(dir.id, { file_id: seed.id });
    const index = (await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id } })).body;
    await driveSync(index.id);
    const storeId: string = index.export_config_id;
    const deleted = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const files = await Promise.all(Array.from({ length: 4 }, (_, j) => llamaUpload(`s-${round}-${j}.txt`, `Sync ${round} ${j} ${marker(200 + round * 10 + j)}.`)));
      for (const f of files) await addFile(dir.id, { file_id: f.id });
      expect((await api("POST", `/api/v1/indexes/${index.id}/sync`)).status).toBe(200);
      for (const f of files) deleted.add(f.id);
      const msg = await syncMessage(storeId, index.id);
      // Each round starts the deletes a few catalog round trips later, so they land at different steps of the sync.
      const later = async (hops: number) => {
        for (let h = 0; h < hops; h++) await env.DB.prepare(`SELECT 1`).first();
      };
      const [, ...deletes] = await Promise.all([
        deliver([msg]),
        ...files.map((f, j) => later(round + j).then(() => api("DELETE", `/api/v1/beta/files/${f.id}`))),
      ]);
      for (const d of deletes) expect([200, 204]).toContain(d.status);
      await drain(storeId);
      expect((await driveSync(index.id)).metadata.status).toBe("ready");
    }
    await expectNoTrace(storeId, deleted, new Set([seed.id]));
    await expectNotSearchable(storeId, deleted, [200, 213, 243]);
  });
});
