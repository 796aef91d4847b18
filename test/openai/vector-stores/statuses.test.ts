// Statuses tell the truth: a cancel never rewrites a finished batch, and every kind of activity moves last_active_at.
import { env } from "cloudflare:workers";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, uploadFile } from "../../helpers";
import { processFile } from "../../ingest-helpers";

async function createStore(body: unknown = {}): Promise<{ id: string; last_active_at: number }> {
  const res = await api("POST", "/v1/vector_stores", { json: body });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  return res.body;
}

/** Moves the store's last_active_at an hour back, as if it had been idle; returns that time. */
async function ageStore(storeId: string): Promise<number> {
  const past = Math.floor(Date.now() / 1000) - 3600;
  await runInDurableObject(env.STORE.getByName(storeId), (_obj, state) => {
    state.storage.sql.exec(`UPDATE meta SET value = ? WHERE key = 'lastActiveAt'`, JSON.stringify(past));
  });
  return past;
}

const lastActive = async (storeId: string): Promise<number> => (await api("GET", `/v1/vector_stores/${storeId}`)).body.last_active_at;

describe("POST /v1/vector_stores/{id}/file_batches/{batch_id}/cancel", () => {
  it("answers a completed batch unchanged: its status stays completed, like its files", async () => {
    const vs = await createStore();
    const file = await uploadFile("done.txt", "finished before the cancel");
    const batch = await api("POST", `/v1/vector_stores/${vs.id}/file_batches`, { json: { file_ids: [file.id] } });
    await processFile(vs.id, file.id);
    const cancel = await api("POST", `/v1/vector_stores/${vs.id}/file_batches/${batch.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ status: "completed", file_counts: { completed: 1, cancelled: 0, total: 1 } });
    const again = await api("GET", `/v1/vector_stores/${vs.id}/file_batches/${batch.body.id}`);
    expect(again.body.status).toBe("completed");
  });

  it("answers a cancelled batch unchanged on a second cancel", async () => {
    const vs = await createStore();
    const file = await uploadFile("pending.txt", "never processed");
    const batch = await api("POST", `/v1/vector_stores/${vs.id}/file_batches`, { json: { file_ids: [file.id] } });
    const first = await api("POST", `/v1/vector_stores/${vs.id}/file_batches/${batch.body.id}/cancel`);
    const second = await api("POST", `/v1/vector_stores/${vs.id}/file_batches/${batch.body.id}/cancel`);
    expect(first.body).toMatchObject({ status: "cancelled", file_counts: { cancelled: 1 } });
    expect(second.body).toEqual(first.body);
  });
});

describe("last_active_at", () => {
  it("moves when the store is modified (name or metadata)", async () => {
    const vs = await createStore({ name: "a" });
    const past = await ageStore(vs.id);
    const res = await api("POST", `/v1/vector_stores/${vs.id}`, { json: { name: "b" } });
    expect(res.body.last_active_at).toBeGreaterThan(past);
  });

  it("moves when the expiry policy changes, and expires_at follows it", async () => {
    const vs = await createStore();
    const past = await ageStore(vs.id);
    const res = await api("POST", `/v1/vector_stores/${vs.id}`, { json: { expires_after: { anchor: "last_active_at", days: 2 } } });
    expect(res.body.last_active_at).toBeGreaterThan(past);
    expect(res.body.expires_at).toBe(res.body.last_active_at + 2 * 86400);
  });

  it("moves when a file is attached and again when it is processed", async () => {
    const vs = await createStore({ expires_after: { anchor: "last_active_at", days: 1 } });
    const file = await uploadFile("active.txt", "a store in active use must not expire");
    const past = await ageStore(vs.id);
    await api("POST", `/v1/vector_stores/${vs.id}/files`, { json: { file_id: file.id } });
    expect(await lastActive(vs.id)).toBeGreaterThan(past);
    const past2 = await ageStore(vs.id);
    await processFile(vs.id, file.id);
    const after = await api("GET", `/v1/vector_stores/${vs.id}`);
    expect(after.body.last_active_at).toBeGreaterThan(past2);
    expect(after.body.expires_at).toBe(after.body.last_active_at + 86400);
    // The listing reads the catalog mirror, which coalesces writes during ingestion; the alarm writes the last state.
    await runDurableObjectAlarm(env.STORE.getByName(vs.id));
    const listed = (await api("GET", `/v1/vector_stores?limit=100`)).body.data.find((s: { id: string }) => s.id === vs.id);
    expect(listed.expires_at).toBe(after.body.expires_at);
  });
});
