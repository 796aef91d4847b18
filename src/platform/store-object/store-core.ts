// The store Durable Object's base: schema, lifecycle (initialize, expiry, destroy), the alarm, and the catalog mirror.
import { DurableObject } from "cloudflare:workers";
import { VectorStoresRepo } from "../d1/vector-stores-repo";
import { expiresAt, readMeta, writeMeta, type StoreMeta } from "./meta";
import { migrate } from "./schema";
import { durableObjectSql, type Sql } from "./sql";
import { summarize } from "./summary";
import * as filesTable from "./files-table";
import * as recovery from "./recovery";
import { ingestFileMessage } from "../../core/ingestion/messages";
import type { VectorCache } from "./vector-cache";
import { loadConfig } from "../../config";
import { StoreObjects } from "../../core/store-object/store-objects";
import { VectorizeVectorIndex } from "../vectorize/vectorize-index";
import type { StoreInit, StoreSummary } from "../../core/store-object/summary";

export type { StoreInit };

/** last_active_at is mirrored to the catalog at most this often when no expiry policy depends on it. */
const ACTIVITY_MIRROR_SECONDS = 60;
/** How long the catalog mirror waits before a failed write is retried. */
const MIRROR_RETRY_MS = 5_000;
/** At most one catalog mirror write per this interval while a store's status stays the same. */
const MIRROR_INTERVAL_MS = 1_000;
/**
 * An in-progress file with no progress for this long has lost its message (or the dead-letter path failed):
 * the watchdog alarm re-enqueues it, so nothing stays in_progress forever. This is the production backstop for
 * one lost message in a busy store; a store whose ingestion goes quiet is re-sent much sooner (recovery.ts).
 */
export const STALL_SECONDS = 180;

export abstract class StoreObjectCore extends DurableObject<Env> {
  protected readonly sql: Sql;
  /** The last catalog mirror write; `dirty` = a newer state is waiting for the alarm. */
  private mirrored = { at: 0, status: "", dirty: false };
  private mirrorQueue: Promise<void> = Promise.resolve();
  /** Built on the first search, dropped whenever the set of completed chunks changes. */
  protected vectorCache: VectorCache | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = durableObjectSql(ctx.storage);
    void ctx.blockConcurrencyWhile(async () => migrate(this.sql));
  }

  /** Idempotent: a retried create finds the object already initialized and changes nothing. */
  async initialize(init: StoreInit): Promise<StoreSummary> {
    if (!readMeta(this.sql)) {
      writeMeta(this.sql, { ...init, lastActiveAt: init.createdAt, expired: false });
      await this.scheduleAlarm();
    }
    return this.summary();
  }

  summary(): StoreSummary {
    return summarize(this.sql, this.meta());
  }

  /** The summary, or null once the object was destroyed (its store deleted since the caller read the catalog). */
  liveSummary(): StoreSummary | null {
    const meta = readMeta(this.sql);
    return meta ? summarize(this.sql, meta) : null;
  }

  /**
   * A modify with `expires_after` (null clears it); counts as activity, so expires_at moves from now.
   * Null when the object was destroyed (nothing is written).
   */
  async setExpiryPolicy(days: number | null): Promise<StoreSummary | null> {
    if (!readMeta(this.sql)) return null;
    writeMeta(this.sql, { expiresAfterDays: days, lastActiveAt: Math.floor(Date.now() / 1000) });
    await this.scheduleAlarm();
    await this.afterChange(true);
    return this.liveSummary();
  }

  /**
   * Any other modify (name, metadata) of the store refreshes last_active_at, like OpenAI, and rewrites the
   * catalog mirror at once (modifies are rare; listings then show the new state). Null when destroyed.
   */
  async touch(): Promise<StoreSummary | null> {
    if (!readMeta(this.sql)) return null;
    writeMeta(this.sql, { lastActiveAt: Math.floor(Date.now() / 1000) });
    await this.scheduleAlarm();
    await this.afterChange(true);
    return this.liveSummary();
  }

  /** Drops everything the store held and returns the chunk ids whose vectors must leave Vectorize. The catalog row is removed by the caller. */
  async destroy(): Promise<number[]> {
    const chunkIds = this.sql.all<{ chunk_id: number }>(`SELECT chunk_id FROM chunks`).map((r) => r.chunk_id);
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    // The instance may live on: messages still in flight for this store must find empty tables, not none.
    migrate(this.sql);
    this.invalidateVectors();
    return chunkIds;
  }

  override async alarm(): Promise<void> {
    const meta = readMeta(this.sql);
    if (!meta) return;
    const now = Math.floor(Date.now() / 1000);
    const at = expiresAt(meta);
    if (!meta.expired && at !== null && at <= now) await this.dropFromVectorize(meta.storeId, this.expire());
    try {
      await this.resendQuietWork(meta.storeId);
      await this.requeueStalled(meta, now);
      await this.afterChange(true);
    } finally {
      // Whatever failed above, the next wake-up stays booked: expiry and the watchdog depend on it.
      await this.scheduleAlarm();
    }
  }

  // --- internals -------------------------------------------------------------------------

  /**
   * Activity (modify, attach, processing, search) moves last_active_at, and with it expires_at: an
   * `expires_after: last_active_at` policy must never expire a store in use. One-second resolution, so calls
   * within the same second write nothing; the catalog mirror follows at once when an expiry policy depends on
   * it, else at most once per ACTIVITY_MIRROR_SECONDS (listings show it; nothing else reads it there).
   */
  protected async markActive(): Promise<void> {
    const meta = readMeta(this.sql);
    if (!meta || meta.expired) return;
    const now = Math.floor(Date.now() / 1000);
    const previous = meta.lastActiveAt;
    if (now === previous) return;
    writeMeta(this.sql, { lastActiveAt: now });
    if (now - previous >= ACTIVITY_MIRROR_SECONDS || meta.expiresAfterDays !== null) {
      await this.scheduleAlarm();
      await this.afterChange();
    }
  }

  protected invalidateVectors(): void {
    this.vectorCache = null;
  }

  /**
   * Lost messages (a dev restart empties the local queue): when the store's ingestion went quiet, every in-progress
   * file's message is sent again; when a syncing run went silent, its step is sent again under a new lease. The
   * state is recorded before sending, so a failing queue backs off instead of spinning the alarm.
   */
  private async resendQuietWork(storeId: string): Promise<void> {
    const now = Date.now();
    const messages = this.ctx.storage.transactionSync(() => {
      const sync = recovery.takeSilentSync(this.sql, storeId, now);
      return [...recovery.takeQuietIngest(this.sql, storeId, now), ...(sync ? [sync] : [])];
    });
    if (messages.length === 0) return;
    console.warn(JSON.stringify({ level: "warn", store: storeId, msg: "work went quiet; re-sending its queue messages", messages: messages.length }));
    await recovery.sendAll(this.env.INGEST, messages);
  }

  /** The per-file watchdog: re-sends the ingest message of files whose processing stalled. */
  private async requeueStalled(meta: StoreMeta, now: number): Promise<void> {
    const stalled = filesTable.stalled(this.sql, now - STALL_SECONDS, 100);
    if (stalled.length === 0) return;
    await this.env.INGEST.sendBatch(
      stalled.map((f) => ({ body: ingestFileMessage(meta.storeId, f.file_id, f.generation) })),
    );
    for (const f of stalled) this.sql.run(`UPDATE files SET updated_at = ? WHERE file_id = ?`, now, f.file_id);
  }

  protected meta(): StoreMeta {
    const meta = readMeta(this.sql);
    if (!meta) throw new Error("vector store object used before initialize()");
    return meta;
  }

  /** Expiry drops the store's files, chunks and vectors; the store keeps answering as `expired`. */
  /** Returns the chunk ids it dropped, whose vectors must leave Vectorize. */
  protected expire(): number[] {
    const chunkIds = this.sql.all<{ chunk_id: number }>(`SELECT chunk_id FROM chunks`).map((r) => r.chunk_id);
    this.ctx.storage.transactionSync(() => {
      this.sql.run(`DELETE FROM chunks`);
      this.sql.run(`DELETE FROM vectors`);
      this.sql.run(`DELETE FROM batch_files`);
      this.sql.run(`DELETE FROM batches`);
      this.sql.run(`DELETE FROM files`);
      writeMeta(this.sql, { expired: true });
    });
    this.invalidateVectors();
    return chunkIds;
  }

  /** Expiry happens in the alarm, where no request's services exist: the object clears its Vectorize namespace itself. */
  private async dropFromVectorize(storeId: string, chunkIds: number[]): Promise<void> {
    if (chunkIds.length === 0 || !this.env.VECTORIZE || loadConfig(this.env).vectorIndex !== "vectorize") return;
    try {
      await new VectorizeVectorIndex(this.env.VECTORIZE, new StoreObjects(this.env.STORE)).deleteChunks(storeId, chunkIds);
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", store: storeId, msg: "dropping an expired store's vectors failed", error: String(error) }));
    }
  }

  protected async scheduleAlarm(extraAtMs?: number): Promise<void> {
    const meta = readMeta(this.sql);
    if (!meta) return;
    const candidates: number[] = [];
    const at = expiresAt(meta);
    if (!meta.expired && at !== null) candidates.push(at * 1000);
    if (extraAtMs !== undefined) candidates.push(extraAtMs);
    // While work is in progress, wake up when it could count as quiet (recovery.ts) or a file as stalled.
    const now = Date.now();
    const oldest = filesTable.stalled(this.sql, Number.MAX_SAFE_INTEGER, 1)[0];
    const checks = [recovery.ingestDueAt(this.sql, now), recovery.syncDueAt(this.sql), oldest ? (oldest.updated_at + STALL_SECONDS) * 1000 : null];
    for (const at of checks) if (at !== null) candidates.push(Math.max(at, now + recovery.MIN_WAKE_MS));
    const current = await this.ctx.storage.getAlarm();
    if (current !== null && current > Date.now()) candidates.push(current);
    if (candidates.length === 0) return;
    const next = Math.min(...candidates);
    if (next !== current) await this.ctx.storage.setAlarm(next);
  }

  /**
   * After every commit: mirror the summary into the catalog for listings. During ingestion counts change per
   * file, so writes are coalesced to one per MIRROR_INTERVAL_MS while the status stays the same (the alarm
   * writes the last state); a status change is mirrored at once. A failed write is retried by the alarm.
   */
  private async writeMirror(): Promise<void> {
    // Destroyed while this write waited its turn: the store's catalog row is being deleted; never write it again.
    const meta = readMeta(this.sql);
    if (!meta) return;
    const s = summarize(this.sql, meta);
    try {
      await new VectorStoresRepo(this.env.DB).writeMirror(meta.storeId, {
        status: s.status,
        usage_bytes: s.usage_bytes,
        ...s.file_counts,
        last_active_at: s.last_active_at,
        expires_at: s.expires_at,
      });
      this.mirrored = { at: Date.now(), status: s.status, dirty: false };
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", store: meta.storeId, msg: "catalog mirror failed; retrying", error: String(error) }));
      this.mirrored.dirty = true;
      await this.scheduleAlarm(Date.now() + MIRROR_RETRY_MS);
    }
  }

  protected async afterChange(force = false): Promise<void> {
    // A request in flight when the store was destroyed ends here quietly: there is nothing left to mirror.
    const meta = readMeta(this.sql);
    if (!meta) return;
    const status = meta.expired ? "expired" : this.sql.all(`SELECT 1 FROM files WHERE status = 'in_progress' LIMIT 1`).length > 0 ? "in_progress" : "completed";
    const now = Date.now();
    if (!force && status === this.mirrored.status && now - this.mirrored.at < MIRROR_INTERVAL_MS) {
      if (!this.mirrored.dirty) {
        this.mirrored.dirty = true;
        await this.scheduleAlarm(now + MIRROR_INTERVAL_MS);
      }
      return;
    }
    // Mirror writes run one after another, each with the state at its own turn, so an older summary can never
    // land after a newer one (the object interleaves requests while a write is in flight).
    this.mirrorQueue = this.mirrorQueue.then(() => this.writeMirror());
    await this.mirrorQueue;
  }
}
