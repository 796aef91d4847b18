// Lost queue messages (a restart of `npm run dev` empties the local queue): the store object's alarm re-sends the work.
import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, uploadFile } from "../../helpers";
import { deliver } from "../../ingest-helpers";
import { addFile, directory, driveSync, llamaUpload } from "../../llamacloud/helpers";
import type { IngestFileMessage, SyncIndexMessage } from "../../../src/core/ingestion/messages";

/**
 * Stands in for the ingest queue: keeps what is sent and delivers nothing until the test does. Enforces the
 * Queues limit of 100 messages per sendBatch.
 */
class HeldQueue {
  private held: unknown[] = [];
  async send(body: unknown): Promise<void> {
    this.held.push(body);
  }
  async sendBatch(messages: Iterable<MessageSendRequest<unknown>>): Promise<void> {
    const list = [...messages];
    if (list.length > 100) throw new Error("sendBatch takes at most 100 messages");
    for (const m of list) this.held.push(m.body);
  }
  take(): unknown[] {
    const out = this.held;
    this.held = [];
    return out;
  }
  get queue(): Queue {
    return this as unknown as Queue;
  }
}

type Stub = DurableObjectStub<import("../../../src/platform/store-object/object").VectorStoreObject>;

/** Points the object's (and the consumer's) ingest queue at a HeldQueue, so every send is seen and none is delivered by itself. */
async function holdQueue(stub: Stub): Promise<HeldQueue> {
  const held = new HeldQueue();
  await runInDurableObject(stub, (instance) => {
    const o = instance as unknown as { env: Env };
    o.env = { ...o.env, INGEST: held.queue };
  });
  return held;
}

/** Delivers everything the held queue has, and what that sends in turn, like the real consumer would. Returns the messages delivered. */
async function drain(held: HeldQueue, onBatch: (batch: unknown[]) => void = () => {}, rounds = 50): Promise<unknown[]> {
  const delivered: unknown[] = [];
  for (let i = 0; i < rounds; i++) {
    const batch = held.take();
    if (batch.length === 0) return delivered;
    onBatch(batch);
    delivered.push(...batch);
    await deliver(batch, "shelf-ingest", 1, { INGEST: held.queue });
  }
  throw new Error("the queue did not drain");
}

/** Moves the store's last ingest activity `ms` into the past (instead of waiting). */
async function quietFor(stub: Stub, ms: number): Promise<void> {
  await runInDurableObject(stub, (_o, state) => {
    state.storage.sql.exec(`UPDATE meta SET value = ? WHERE key = 'ingestWatchFrom'`, JSON.stringify(Date.now() - ms));
  });
}

/** Moves the sync's last heartbeat (and last re-send) `ms` into the past. */
async function syncQuietFor(stub: Stub, ms: number): Promise<void> {
  await runInDurableObject(stub, (_o, state) => {
    state.storage.sql.exec(`UPDATE sync_state SET heartbeat_at = ?, lease_at = NULL`, Date.now() - ms);
  });
}

async function bookedAlarm(stub: Stub): Promise<number | null> {
  return runInDurableObject(stub, (_o, state) => state.storage.getAlarm());
}

async function newStore(): Promise<{ id: string; stub: Stub }> {
  const vs = (await api("POST", "/v1/vector_stores", { json: {} })).body;
  return { id: vs.id, stub: env.STORE.getByName(vs.id) };
}

/** Attaches uploaded files straight through the object: the ingest messages the HTTP face would send are "lost". */
async function attachWithoutMessages(stub: Stub, files: Array<{ id: string; filename: string; bytes: number }>, maxTokens = 800, overlapTokens = 400) {
  const attached = await stub.attachFiles(files.map((f) => ({ fileId: f.id, filename: f.filename, bytes: f.bytes, attributes: null, maxTokens, overlapTokens })));
  if (!attached) throw new Error("the store object was destroyed");
  return attached;
}

const ingestOf = (messages: unknown[]) => messages.filter((m): m is IngestFileMessage => (m as { kind?: string }).kind === "ingest_file");
const syncOf = (messages: unknown[]) => messages.filter((m): m is SyncIndexMessage => (m as { kind?: string }).kind === "sync_index");

describe("files whose ingest messages were lost", () => {
  it("books the alarm within 15 s of an attach, so lost work is found within 30 s of a restart", async () => {
    const { stub } = await newStore();
    const f = await uploadFile("a.txt", "alpha");
    await attachWithoutMessages(stub, [f]);
    const at = await bookedAlarm(stub);
    expect(at).not.toBeNull();
    expect(at!).toBeLessThanOrEqual(Date.now() + 15_000);
  });

  it("re-sends every in-progress file once the store is quiet for 15 s, and the files complete", async () => {
    const { id, stub } = await newStore();
    const files = [await uploadFile("a.txt", "alpha words"), await uploadFile("b.txt", "beta words"), await uploadFile("c.txt", "gamma words")];
    const attached = await attachWithoutMessages(stub, files);
    const held = await holdQueue(stub);

    // Quiet, but not for long enough: nothing is re-sent.
    await quietFor(stub, 5_000);
    await runDurableObjectAlarm(stub);
    expect(held.take()).toEqual([]);

    await quietFor(stub, 16_000);
    await runDurableObjectAlarm(stub);
    const resent = ingestOf(held.take());
    expect(resent.map((m) => [m.file_id, m.generation]).sort()).toEqual(attached.map((a) => [a.row.file_id, a.row.generation]).sort());
    expect(resent.every((m) => m.store_id === id)).toBe(true);

    await deliver(resent, "shelf-ingest", 1, { INGEST: held.queue });
    for (const f of files) expect((await stub.getFile(f.id))!.status).toBe("completed");
    expect((await api("GET", `/v1/vector_stores/${id}`)).body).toMatchObject({ status: "completed", file_counts: { completed: 3, in_progress: 0 } });
  });

  it("re-sends more than 100 in-progress files in batches of at most 100", async () => {
    const { stub } = await newStore();
    const f = await uploadFile("many.txt", "many");
    // 150 rows of the same bytes under distinct ids: the object only needs ids to re-send.
    await stub.attachFiles(Array.from({ length: 150 }, (_, i) => ({ fileId: `${f.id}-${i}`, filename: "many.txt", bytes: f.bytes, attributes: null, maxTokens: 800, overlapTokens: 400 })));
    const held = await holdQueue(stub);
    await quietFor(stub, 16_000);
    await runDurableObjectAlarm(stub);
    expect(new Set(ingestOf(held.take()).map((m) => m.file_id)).size).toBe(150);
  });

  it("doubles the quiet window after each re-send that brings no activity, and activity resets it", async () => {
    const { stub } = await newStore();
    const a = await uploadFile("a.txt", "alpha words");
    const b = await uploadFile("b.txt", "beta words");
    await attachWithoutMessages(stub, [a, b]);
    const held = await holdQueue(stub);
    await quietFor(stub, 16_000);
    await runDurableObjectAlarm(stub);
    expect(ingestOf(held.take())).toHaveLength(2);
    // The re-sent messages were lost too: the next re-send waits 30 s, not 15.
    await quietFor(stub, 16_000);
    await runDurableObjectAlarm(stub);
    expect(held.take()).toEqual([]);
    await quietFor(stub, 31_000);
    await runDurableObjectAlarm(stub);
    const second = ingestOf(held.take());
    expect(second).toHaveLength(2);
    // One of them is processed (activity): the window is back to 15 s for the other.
    await deliver([second.find((m) => m.file_id === a.id)!], "shelf-ingest", 1, { INGEST: held.queue });
    expect((await stub.getFile(a.id))!.status).toBe("completed");
    await quietFor(stub, 16_000);
    await runDurableObjectAlarm(stub);
    expect(ingestOf(held.take()).map((m) => m.file_id)).toEqual([b.id]);
  });

  it("sends nothing while the store is busy", async () => {
    const { id, stub } = await newStore();
    const a = await uploadFile("a.txt", "alpha words");
    const b = await uploadFile("b.txt", "beta words");
    const attached = await attachWithoutMessages(stub, [a, b]);
    const held = await holdQueue(stub);
    await quietFor(stub, 60_000);
    // A slice is claimed and written just before the alarm: the store is not stalled.
    await deliver([{ v: 1, kind: "ingest_file", store_id: id, file_id: a.id, generation: attached[0]!.row.generation }], "shelf-ingest", 1, { INGEST: held.queue });
    await runDurableObjectAlarm(stub);
    expect(held.take()).toEqual([]);
  });

  it("a re-sent message beside the original does not double a large file's slice chain or its chunks", async () => {
    const { id, stub } = await newStore();
    const text = Array.from({ length: 2000 }, (_, i) => `Paragraph ${i} talks about topic number ${i}. It has a second sentence about item ${i * 7}.\n\n`).join("");
    const f = await uploadFile("big.txt", text);
    const [attached] = await attachWithoutMessages(stub, [f], 100, 0);
    const original: IngestFileMessage = { v: 1, kind: "ingest_file", store_id: id, file_id: f.id, generation: attached!.row.generation };
    const held = await holdQueue(stub);
    await quietFor(stub, 16_000);
    await runDurableObjectAlarm(stub);
    const [resent] = ingestOf(held.take());
    expect(resent).toEqual(original);

    // The "lost" original turns up after all, in the same batch as its re-send: one slice is written, one follow-up sent.
    await deliver([original, resent], "shelf-ingest", 1, { INGEST: held.queue });
    expect(ingestOf(held.take())).toEqual([original]);
    // A late duplicate in a later batch starts at most one more chain; each message still writes a new slice or stops.
    await deliver([original], "shelf-ingest", 1, { INGEST: held.queue });
    const rest = await drain(held);
    expect((await stub.getFile(f.id))!.status).toBe("completed");
    const chunks = await runInDurableObject(stub, (_o, s) => s.storage.sql.exec(`SELECT chunk_index FROM chunks WHERE file_id = ? ORDER BY chunk_index`, f.id).toArray());
    expect(chunks.map((c) => c.chunk_index)).toEqual(chunks.map((_c, i) => i));
    const slices = Math.ceil(chunks.length / 200);
    expect(slices).toBeGreaterThanOrEqual(3);
    // Messages delivered in all: slices written + at most one stale message per extra chain.
    expect(2 + 1 + ingestOf(rest).length).toBeLessThanOrEqual(slices + 3);
  });
});

describe("index syncs whose sync_index message was lost", () => {
  /** An index that finished its first sync, with one more file added to its directory. */
  async function readyIndexWithNewFile() {
    const dir = await directory();
    const first = await llamaUpload("first.txt", "the first document about apples");
    await addFile(dir.id, { file_id: first.id });
    const index = (await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id } })).body;
    expect((await driveSync(index.id)).metadata.status).toBe("ready");
    const second = await llamaUpload("second.txt", "the second document about pears");
    await addFile(dir.id, { file_id: second.id });
    const stub: Stub = env.STORE.getByName(index.export_config_id);
    return { index, stub, first, second };
  }

  it("re-sends the step of a run with no heartbeat for 15 s under a new lease, and the run ends ready", async () => {
    const { index, stub, first, second } = await readyIndexWithNewFile();
    // The sync starts but its message is lost (a restart right after POST sync).
    const { state } = await stub.startSync(index.id);
    const at = await bookedAlarm(stub);
    expect(at).not.toBeNull();
    expect(at!).toBeLessThanOrEqual(Date.now() + 15_000);
    const held = await holdQueue(stub);

    await runDurableObjectAlarm(stub);
    expect(held.take()).toEqual([]);
    await syncQuietFor(stub, 16_000);
    await runDurableObjectAlarm(stub);
    const [step] = syncOf(held.take());
    expect(step).toMatchObject({ kind: "sync_index", index_id: index.id, store_id: index.export_config_id, run: state.run, lease: 1 });

    await deliver([step], "shelf-ingest", 1, { INGEST: held.queue });
    await drain(held);
    const done = (await api("GET", `/api/v1/indexes/${index.id}`)).body;
    expect(done.metadata).toMatchObject({ status: "ready", sync_run: state.run });
    expect((await stub.getFile(second.id))!.status).toBe("completed");
    expect((await stub.getFile(first.id))!.status).toBe("completed");
  });

  it("a message of a superseded lease does nothing, so a re-send never doubles the step chain", async () => {
    const { index, stub } = await readyIndexWithNewFile();
    const { state } = await stub.startSync(index.id);
    const lost: SyncIndexMessage = { v: 1, kind: "sync_index", index_id: index.id, store_id: index.export_config_id, run: state.run, lease: 0, checks: 0 };
    const held = await holdQueue(stub);
    await syncQuietFor(stub, 16_000);
    await runDurableObjectAlarm(stub);
    const [step] = syncOf(held.take());
    expect(step!.lease).toBe(1);

    // The first message turns up late: it is acked and changes nothing.
    const late = await deliver([lost], "shelf-ingest", 1, { INGEST: held.queue });
    expect(late.explicitAcks).toHaveLength(1);
    expect(held.take()).toEqual([]);
    expect((await stub.syncState())!.phase).toBe("applying");
    // A message sent before leases existed (no `lease` field) counts as lease 0: stale too.
    const { lease: _lease, ...legacy } = lost;
    await deliver([legacy], "shelf-ingest", 1, { INGEST: held.queue });
    expect(held.take()).toEqual([]);

    // The current lease drives the run to its end; its chain re-sends itself once per step, never twice.
    await deliver([step], "shelf-ingest", 1, { INGEST: held.queue });
    const rounds: SyncIndexMessage[][] = [];
    await drain(held, (batch) => rounds.push(syncOf(batch)));
    expect(rounds.length).toBeGreaterThan(0);
    for (const steps of rounds) expect(steps.map((m) => m.lease)).toEqual(steps.length ? [1] : []);
    expect((await api("GET", `/api/v1/indexes/${index.id}`)).body.metadata.status).toBe("ready");
  });

  it("backs off the re-sends of a run that stays silent", async () => {
    const { index, stub } = await readyIndexWithNewFile();
    await stub.startSync(index.id);
    const held = await holdQueue(stub);
    await syncQuietFor(stub, 16_000);
    await runDurableObjectAlarm(stub);
    expect(syncOf(held.take())).toHaveLength(1);
    // The re-sent step is lost too: the next re-send waits 30 s from the first.
    await runInDurableObject(stub, (_o, s) => {
      s.storage.sql.exec(`UPDATE sync_state SET lease_at = ?, heartbeat_at = ?`, Date.now() - 16_000, Date.now() - 40_000);
    });
    await runDurableObjectAlarm(stub);
    expect(held.take()).toEqual([]);
    await runInDurableObject(stub, (_o, s) => {
      s.storage.sql.exec(`UPDATE sync_state SET lease_at = ?, heartbeat_at = ?`, Date.now() - 31_000, Date.now() - 40_000);
    });
    await runDurableObjectAlarm(stub);
    expect(syncOf(held.take()).map((m) => m.lease)).toEqual([2]);
  });

  it("accepts POST sync for a run with no heartbeat for 30 s (superseding it), and refuses one that is alive", async () => {
    const { index, stub } = await readyIndexWithNewFile();
    const { state } = await stub.startSync(index.id);
    const busy = await api("POST", `/api/v1/indexes/${index.id}/sync`);
    expect(busy.status).toBe(409);
    await syncQuietFor(stub, 31_000);
    const again = await api("POST", `/api/v1/indexes/${index.id}/sync`);
    expect(again.status).toBe(200);
    expect(again.body.metadata).toMatchObject({ status: "syncing", sync_run: state.run + 1 });
  });
});
