// Drives the LlamaCloud face inside workerd: uploads, directories, and index syncs run through the queue consumer directly.
import { env } from "cloudflare:workers";
import { api, KEY_A } from "../helpers";
import { deliver, processFile } from "../ingest-helpers";
import type { SyncIndexMessage } from "../../src/core/ingestion/messages";

export async function llamaUpload(name: string, content: string | Uint8Array, purpose = "user_data", key: string = KEY_A, extra: Record<string, string> = {}): Promise<any> {
  const form = new FormData();
  form.append("file", new File([content], name));
  form.append("purpose", purpose);
  for (const [k, v] of Object.entries(extra)) form.append(k, v);
  const res = await api("POST", "/api/v1/beta/files", { form, key });
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function directory(name = "docs", key: string = KEY_A): Promise<any> {
  return (await api("POST", "/api/v1/beta/directories", { json: { name }, key })).body;
}

export async function addFile(directoryId: string, body: Record<string, unknown>, key: string = KEY_A): Promise<any> {
  const res = await api("POST", `/api/v1/beta/directories/${directoryId}/files`, { json: body, key });
  if (res.status !== 200) throw new Error(`add failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The message that drives the index's current run (what the HTTP handler enqueued). */
export async function syncMessage(storeId: string, indexId: string): Promise<SyncIndexMessage> {
  const state = await env.STORE.getByName(storeId).syncState();
  if (!state) throw new Error(`no sync state in ${storeId}`);
  return { v: 1, kind: "sync_index", index_id: indexId, store_id: storeId, run: state.run, lease: state.lease, checks: 0 };
}

/** Runs the current sync to its end: apply the diff, process every attached file, check again. */
export async function driveSync(indexId: string): Promise<any> {
  const index = (await api("GET", `/api/v1/indexes/${indexId}`)).body;
  const storeId: string = index.export_config_id;
  const msg = await syncMessage(storeId, indexId);
  for (let i = 0; i < 10; i++) {
    await deliver([msg]);
    const page = await env.STORE.getByName(storeId).listFiles({ limit: 100, order: "asc", filter: "in_progress" });
    if (page === "bad_cursor") throw new Error("unexpected cursor");
    for (const f of page.rows) await processFile(storeId, f.file_id);
    const now = (await api("GET", `/api/v1/indexes/${indexId}`)).body;
    if (now.metadata.status !== "syncing") return now;
  }
  throw new Error("sync did not finish");
}

/** A document of indexedDirectory: its file name, text and directory file metadata. */
export interface IndexedDoc {
  name: string;
  text: string;
  metadata: Record<string, unknown>;
}

/** A directory of `docs` and an index on it, synced to its end; `entries` are the directory files by name. */
export async function indexedDirectory(docs: IndexedDoc[]): Promise<{ index: any; entries: Record<string, any> }> {
  const dir = await directory("kb");
  const entries: Record<string, any> = {};
  for (const d of docs) {
    const f = await llamaUpload(d.name, d.text);
    entries[d.name] = await addFile(dir.id, { file_id: f.id, metadata: d.metadata });
  }
  const index = (await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id } })).body;
  await driveSync(index.id);
  return { index, entries };
}
