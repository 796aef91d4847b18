// The per-vector-store Durable Object: a thin class of typed RPC methods over the table modules beside it.
import { DurableObject } from "cloudflare:workers";
import { VectorStoresRepo } from "../d1/vector-stores-repo";
import { expiresAt, readMeta, writeMeta, type StoreMeta } from "./meta";
import { migrate } from "./schema";
import { durableObjectSql, type Sql } from "./sql";
import { summarize, type StoreSummary } from "./summary";
import * as filesTable from "./files-table";
import * as batchesTable from "./batches-table";
import * as chunksTable from "./chunks-table";
import type { AttachSpec, Checkpoint, FileListQuery, LastErrorCode, StoreFileRow } from "./files-table";
import type { BatchState } from "./batches-table";
import type { Attributes, Chunk } from "../../core/ports";
import { ingestFileMessage } from "../../core/ingestion/messages";
import { fuse, type HybridWeights } from "../../core/search/fusion";
import type { Filter } from "../../core/ports";
import type { VectorHit } from "../../core/search/vector-index";
import { VectorCache } from "./vector-cache";
import { allowedFiles, hydrate, keywordCandidates, type HydratedChunk } from "./search-table";
import { IndexesRepo } from "../d1/indexes-repo";
import * as syncTable from "./sync-table";
import type { ExportedFile, ManifestRow, SkippedFile, SyncState } from "./sync-table";
import { SYNC_STALL_MS, SYNC_TIMED_OUT, SYNC_TIMEOUT_MS, syncOutcome } from "../../core/indexes/sync-outcome";

export interface StoreInit {
  storeId: string;
  projectId: string;
  createdAt: number;
  expiresAfterDays: number | null;
}

/** How long the catalog mirror waits before a failed write is retried. */
const MIRROR_RETRY_MS = 5_000;
/** At most one catalog mirror write per this interval while a store's status stays the same. */
const MIRROR_INTERVAL_MS = 1_000;
/**
 * An in-progress file with no progress for this long has lost its message (or the dead-letter path failed):
 * the watchdog alarm re-enqueues it, so nothing stays in_progress forever.
 */
export const STALL_SECONDS = 180;

export interface Attached {
  row: StoreFileRow;
  /** True when this call (re)started processing: the caller enqueues an ingest message for it. */
  started: boolean;
}

/** What the ingest consumer needs to process the next slice of a file. */
export interface SliceClaim {
  projectId: string;
  filename: string;
  bytes: number;
  maxTokens: number;
  overlapTokens: number;
  checkpoint: Checkpoint;
}

export type SliceOutcome = "more" | "completed" | "stale";

export interface StoreSearchInput {
  /** One entry per query string: its FTS5 expression, its embedding, and hits Vectorize already found for it. */
  queries: Array<{ fts: string | null; vector: ArrayBuffer | null; externalHits?: VectorHit[] }>;
  filter: Filter | null;
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  weights: HybridWeights;
  /** Fused chunks to return. */
  limit: number;
}

export type ScoredChunk = HydratedChunk & { score: number };

/** last_active_at is mirrored to the catalog at most this often by searches (it only moves expires_at). */
const ACTIVITY_MIRROR_SECONDS = 60;

export class VectorStoreObject extends DurableObject<Env> {
  protected readonly sql: Sql;
  /** The last catalog mirror write; `dirty` = a newer state is waiting for the alarm. */
  private mirrored = { at: 0, status: "", dirty: false };
  /** Built on the first search, dropped whenever the set of completed chunks changes. */
  private vectorCache: VectorCache | null = null;

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

  async setExpiryPolicy(days: number | null): Promise<StoreSummary> {
    writeMeta(this.sql, { expiresAfterDays: days });
    await this.scheduleAlarm();
    await this.afterChange();
    return this.summary();
  }

  /** Search refreshes last_active_at (and so expires_at). */
  async touch(now: number): Promise<StoreSummary> {
    writeMeta(this.sql, { lastActiveAt: now });
    await this.scheduleAlarm();
    await this.afterChange();
    return this.summary();
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
    if (!meta.expired && at !== null && at <= now) this.expire();
    await this.requeueStalled(meta, now);
    await this.afterChange(true);
    await this.scheduleAlarm();
  }

  // --- vector store files ----------------------------------------------------------------

  /**
   * Records files as in_progress (idempotent: an attached in-progress or completed file is left as it is;
   * a failed or cancelled one starts again with a new generation). With a batch, also records membership.
   */
  async attachFiles(specs: AttachSpec[], batch?: { batchId: string; createdAt: number }): Promise<Attached[]> {
    this.assertLive();
    const now = Math.floor(Date.now() / 1000);
    const out = this.ctx.storage.transactionSync(() => {
      const attached: Attached[] = specs.map((spec) => {
        const existing = filesTable.getFile(this.sql, spec.fileId);
        if (existing && (existing.status === "in_progress" || existing.status === "completed")) return { row: existing, started: false };
        return { row: filesTable.upsertInProgress(this.sql, spec, now), started: true };
      });
      if (batch) batchesTable.createBatch(this.sql, batch.batchId, batch.createdAt, specs.map((s) => s.fileId));
      return attached;
    });
    if (out.some((a) => a.started)) await this.scheduleAlarm(Date.now() + STALL_SECONDS * 1000);
    await this.afterChange();
    return out;
  }

  getFile(fileId: string): StoreFileRow | null {
    return filesTable.getFile(this.sql, fileId);
  }

  listFiles(q: FileListQuery): { rows: StoreFileRow[]; hasMore: boolean } | "bad_cursor" {
    return filesTable.listFiles(this.sql, q);
  }

  async updateAttributes(fileId: string, attributes: Attributes | null): Promise<StoreFileRow | null> {
    if (!filesTable.getFile(this.sql, fileId)) return null;
    filesTable.setAttributes(this.sql, fileId, attributes, Math.floor(Date.now() / 1000));
    return filesTable.getFile(this.sql, fileId);
  }

  /** Removes the file, its chunks, FTS rows and local vectors; returns the chunk ids whose vectors must leave Vectorize. */
  async detachFile(fileId: string): Promise<{ detached: boolean; chunkIds: number[] }> {
    if (!filesTable.getFile(this.sql, fileId)) return { detached: false, chunkIds: [] };
    const chunkIds = this.ctx.storage.transactionSync(() => {
      const ids = chunksTable.deleteFileChunks(this.sql, fileId);
      filesTable.deleteFile(this.sql, fileId);
      return ids;
    });
    this.invalidateVectors();
    await this.afterChange();
    return { detached: true, chunkIds };
  }

  /** Parsed text of a completed file, reassembled from its chunks' offsets (overlaps removed). */
  fileChunks(fileId: string): { row: StoreFileRow; chunks: chunksTable.ChunkRow[] } | null {
    const row = filesTable.getFile(this.sql, fileId);
    if (!row) return null;
    return { row, chunks: row.status === "completed" ? chunksTable.fileText(this.sql, fileId, row.generation) : [] };
  }

  // --- file batches ----------------------------------------------------------------------

  getBatch(batchId: string): BatchState | null {
    return batchesTable.batchState(this.sql, batchId);
  }

  /** Files not yet processed become cancelled; finished files stay as they are. */
  async cancelBatch(batchId: string): Promise<BatchState | null> {
    if (!batchesTable.batchState(this.sql, batchId)) return null;
    const now = Math.floor(Date.now() / 1000);
    this.ctx.storage.transactionSync(() => {
      filesTable.cancelInProgress(this.sql, batchesTable.batchFileIds(this.sql, batchId), now);
      batchesTable.markCancelled(this.sql, batchId);
    });
    await this.afterChange();
    return batchesTable.batchState(this.sql, batchId);
  }

  // --- ingestion (called by the queue consumer) ------------------------------------------

  /** Null when the message is stale: the file was detached, cancelled, finished, or re-attached meanwhile. */
  claimSlice(fileId: string, generation: number): SliceClaim | null {
    const row = filesTable.getFile(this.sql, fileId);
    if (!row || row.generation !== generation || row.status !== "in_progress") return null;
    const checkpoint: Checkpoint = row.checkpoint ? (JSON.parse(row.checkpoint) as Checkpoint) : { startChar: 0, firstIndex: 0 };
    return {
      projectId: this.meta().projectId,
      filename: row.filename,
      bytes: row.bytes,
      maxTokens: row.max_chunk_tokens,
      overlapTokens: row.overlap_tokens,
      checkpoint,
    };
  }

  /**
   * Writes one slice atomically and moves the checkpoint. A slice whose start is not the current checkpoint
   * (a redelivered or duplicate message) changes nothing.
   */
  async writeSlice(input: {
    fileId: string;
    generation: number;
    from: Checkpoint;
    chunks: Chunk[];
    vectors: ArrayBuffer[];
    next: Checkpoint | null;
    dimensions: number;
    keepVectors: boolean;
    mutationId: string | null;
  }): Promise<{ outcome: SliceOutcome; inserted: Array<{ chunkId: number; position: number }> }> {
    const claim = this.claimSlice(input.fileId, input.generation);
    if (!claim || claim.checkpoint.startChar !== input.from.startChar || claim.checkpoint.firstIndex !== input.from.firstIndex)
      return { outcome: "stale", inserted: [] };
    const now = Math.floor(Date.now() / 1000);
    const inserted = this.ctx.storage.transactionSync(() => {
      const ids = chunksTable.insertChunks(this.sql, input.fileId, input.generation, input.chunks, input.vectors, input.keepVectors, input.mutationId);
      if (input.next) filesTable.setCheckpoint(this.sql, input.fileId, input.next, now);
      else {
        // Chunks of earlier generations (a re-attach after failure) are dropped once the new one is whole.
        chunksTable.deleteFileChunks(this.sql, input.fileId, input.generation);
        filesTable.complete(this.sql, input.fileId, input.dimensions, now);
      }
      return ids;
    });
    if (input.next) return { outcome: "more", inserted };
    this.invalidateVectors();
    await this.afterChange();
    return { outcome: "completed", inserted };
  }

  /** Marks the file failed (only if the message is still current). */
  async failFile(fileId: string, generation: number, code: LastErrorCode, message: string): Promise<boolean> {
    const row = filesTable.getFile(this.sql, fileId);
    if (!row || row.generation !== generation || row.status !== "in_progress") return false;
    this.ctx.storage.transactionSync(() => {
      chunksTable.deleteFileChunks(this.sql, fileId);
      filesTable.fail(this.sql, fileId, code, message, Math.floor(Date.now() / 1000));
    });
    this.invalidateVectors();
    await this.afterChange();
    return true;
  }

  // --- search ----------------------------------------------------------------------------

  /**
   * Hybrid retrieval inside the store: filter → BM25 + vector candidates per query → fusion → merge queries
   * (a chunk keeps its best score) → hydrate. Refreshes last_active_at. Null when the store has expired.
   */
  async search(input: StoreSearchInput): Promise<ScoredChunk[] | null> {
    const meta = this.meta();
    if (meta.expired) return null;
    const allowed = allowedFiles(this.sql, input.filter);
    this.vectorCache ??= VectorCache.load(this.sql);
    const best = new Map<number, number>();
    for (const q of input.queries) {
      // A retriever whose weight is 0 is not asked at all: its candidates could only score 0.
      const keyword = q.fts && input.weights.text > 0 ? keywordCandidates(this.sql, q.fts, input.candidates, allowed) : [];
      let vector = q.vector && input.weights.embedding > 0 ? this.vectorCache.search(new Float32Array(q.vector), input.candidates, allowed) : [];
      if (q.externalHits?.length && input.weights.embedding > 0) vector = mergeHits(vector, q.externalHits);
      for (const f of fuse(keyword, vector, input.weights, { candidateLimit: input.candidates })) best.set(f.chunkId, Math.max(best.get(f.chunkId) ?? 0, f.score));
    }
    const top = [...best.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, input.limit);
    const rows = hydrate(this.sql, top.map(([id]) => id));
    const out: ScoredChunk[] = [];
    for (const [id, score] of top) {
      const row = rows.get(id);
      // Hits of detached files (still in Vectorize for a moment) have no row and are dropped here.
      if (row && (!allowed || allowed.has(row.file_id))) out.push({ ...row, score });
    }
    const now = Math.floor(Date.now() / 1000);
    const previous = meta.lastActiveAt;
    writeMeta(this.sql, { lastActiveAt: now });
    if (now - previous >= ACTIVITY_MIRROR_SECONDS || meta.expiresAfterDays !== null) {
      await this.scheduleAlarm();
      await this.afterChange();
    }
    return out;
  }

  /** Completed files whose attributes pass the filter: Vectorize gets them as a `file_id $in` list. */
  matchingFileIds(filter: Filter): string[] {
    return [...(allowedFiles(this.sql, filter) ?? [])];
  }

  // --- Vectorize write confirmation ---------------------------------------------------------

  /**
   * Vectorize applies writes asynchronously, so the object keeps the vectors it just wrote and searches them too
   * until Vectorize confirms the mutation; `mutation_id` holds "<written at ms>:<mutation id>".
   */
  async markPending(chunkIds: number[], mutationId: string): Promise<void> {
    const tag = `${Date.now()}:${mutationId}`;
    for (const id of chunkIds) this.sql.run(`UPDATE vectors SET mutation_id = ? WHERE chunk_id = ?`, tag, id);
  }

  /** Drops local copies of vectors written before Vectorize's processedUpToDatetime; returns how many remain. */
  confirmVectorsBefore(processedUpToMs: number): number {
    this.sql.run(`DELETE FROM vectors WHERE mutation_id IS NOT NULL AND CAST(substr(mutation_id, 1, instr(mutation_id, ':') - 1) AS INTEGER) <= ?`, processedUpToMs);
    this.invalidateVectors();
    return this.sql.all<{ n: number }>(`SELECT COUNT(*) AS n FROM vectors WHERE mutation_id IS NOT NULL`)[0]?.n ?? 0;
  }

  // --- index sync ------------------------------------------------------------------------
  // A LlamaCloud index exports into this store; its sync state lives here (sync-table.ts) and every transition is
  // mirrored to the catalog's `indexes` row. The queue consumer drives a run (src/core/indexes/sync-runner.ts).

  /** Starts a run unless one is running; a run without a heartbeat for SYNC_STALL_MS lost its message and is superseded. */
  async startSync(indexId: string): Promise<{ started: boolean; state: SyncState }> {
    const now = Date.now();
    const current = syncTable.readState(this.sql);
    if (current?.status === "syncing" && now - current.heartbeat_at < SYNC_STALL_MS) return { started: false, state: current };
    const state = syncTable.start(this.sql, indexId, now);
    // The HTTP caller enqueues next; a failed mirror write is repaired by the next transition.
    await this.mirrorSync(state, false);
    return { started: true, state };
  }

  syncState(): SyncState | null {
    return syncTable.readState(this.sql);
  }

  /** What the index exported so far, with each file's status here; null when `run` is not the run applying now. */
  exportedFiles(run: number): ExportedFile[] | null {
    return this.isApplying(run) ? syncTable.exportedFiles(this.sql) : null;
  }

  /** Records applied changes as they happen, so a redelivered run resumes instead of redoing them. */
  recordExported(run: number, upserts: ManifestRow[], removed: string[]): boolean {
    if (!this.isApplying(run)) return false;
    this.ctx.storage.transactionSync(() => {
      syncTable.recordExported(this.sql, upserts, removed);
      syncTable.heartbeat(this.sql, Date.now());
    });
    return true;
  }

  /** The directory diff is applied: last_synced_at is set and the run waits for its files to finish processing. */
  async finishApply(run: number, skipped: SkippedFile[]): Promise<boolean> {
    if (!this.isApplying(run)) return false;
    syncTable.finishApply(this.sql, skipped, Date.now());
    await this.mirrorSync(syncTable.readState(this.sql)!, true);
    return true;
  }

  /**
   * Ends the run once none of the index's files is in progress (or the run timed out); otherwise records a heartbeat
   * and answers how many are pending. A finished run is mirrored again, so a redelivered message repairs the catalog.
   */
  async checkExport(run: number): Promise<{ state: SyncState; pending: number } | null> {
    const state = syncTable.readState(this.sql);
    if (!state || state.run !== run || state.phase === "applying") return null;
    if (state.status !== "syncing") {
      await this.mirrorSync(state, true);
      return { state, pending: 0 };
    }
    const now = Date.now();
    const progress = syncTable.exportProgress(this.sql);
    if (progress.inProgress > 0 && now - state.started_at < SYNC_TIMEOUT_MS) {
      syncTable.heartbeat(this.sql, now);
      return { state, pending: progress.inProgress };
    }
    const skipped = state.skipped ? (JSON.parse(state.skipped) as SkippedFile[]) : [];
    const outcome = progress.inProgress > 0 ? { status: "failed" as const, errorMessage: SYNC_TIMED_OUT } : syncOutcome(progress.total, progress.failed, skipped);
    syncTable.finish(this.sql, outcome.status, outcome.errorMessage, now, true);
    const final = syncTable.readState(this.sql)!;
    await this.mirrorSync(final, true);
    return { state: final, pending: 0 };
  }

  /** Fails the syncing run (`run` null: whichever is running); a finished or newer run is left alone. */
  async failSync(run: number | null, message: string): Promise<SyncState | null> {
    const state = syncTable.readState(this.sql);
    if (!state || state.status !== "syncing" || (run !== null && state.run !== run)) return state;
    syncTable.finish(this.sql, "failed", message, Date.now(), false);
    const final = syncTable.readState(this.sql)!;
    await this.mirrorSync(final, true);
    return final;
  }

  /** file id → the directory file it was exported from, for the files given (retrieval's static fields). */
  exportedFrom(fileIds: string[]): Record<string, string> {
    return syncTable.directoryFilesOf(this.sql, fileIds);
  }

  private isApplying(run: number): boolean {
    const state = syncTable.readState(this.sql);
    return !!state && state.run === run && state.status === "syncing" && state.phase === "applying";
  }

  /** strict: a failed catalog write throws, so the queue message that caused the transition is retried. */
  private async mirrorSync(state: SyncState, strict: boolean): Promise<void> {
    try {
      await new IndexesRepo(this.env.DB).writeSyncMirror(state.index_id, syncTable.mirrorOf(state));
    } catch (error) {
      if (strict) throw error;
      console.error(JSON.stringify({ level: "warn", index: state.index_id, msg: "index mirror failed; the next transition rewrites it", error: String(error) }));
    }
  }

  // --- internals -------------------------------------------------------------------------

  private invalidateVectors(): void {
    this.vectorCache = null;
  }

  private assertLive(): void {
    if (this.meta().expired) throw new Error("vector store has expired");
  }

  /** The watchdog: re-sends the ingest message of files whose processing stalled. */
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
  protected expire(): void {
    this.ctx.storage.transactionSync(() => {
      this.sql.run(`DELETE FROM chunks`);
      this.sql.run(`DELETE FROM vectors`);
      this.sql.run(`DELETE FROM batch_files`);
      this.sql.run(`DELETE FROM batches`);
      this.sql.run(`DELETE FROM files`);
      writeMeta(this.sql, { expired: true });
    });
    this.invalidateVectors();
  }

  protected async scheduleAlarm(extraAtMs?: number): Promise<void> {
    const meta = readMeta(this.sql);
    if (!meta) return;
    const candidates: number[] = [];
    const at = expiresAt(meta);
    if (!meta.expired && at !== null) candidates.push(at * 1000);
    if (extraAtMs !== undefined) candidates.push(extraAtMs);
    // While files are in progress, wake up to check on them.
    if (filesTable.stalled(this.sql, Number.MAX_SAFE_INTEGER, 1).length > 0) candidates.push(Date.now() + STALL_SECONDS * 1000);
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
  protected async afterChange(force = false): Promise<void> {
    const meta = this.meta();
    const status = meta.expired ? "expired" : this.sql.all(`SELECT 1 FROM files WHERE status = 'in_progress' LIMIT 1`).length > 0 ? "in_progress" : "completed";
    const now = Date.now();
    if (!force && status === this.mirrored.status && now - this.mirrored.at < MIRROR_INTERVAL_MS) {
      if (!this.mirrored.dirty) {
        this.mirrored.dirty = true;
        await this.scheduleAlarm(now + MIRROR_INTERVAL_MS);
      }
      return;
    }
    const s = summarize(this.sql, meta);
    try {
      await new VectorStoresRepo(this.env.DB).writeMirror(meta.storeId, {
        status: s.status,
        usage_bytes: s.usage_bytes,
        ...s.file_counts,
        last_active_at: s.last_active_at,
        expires_at: s.expires_at,
      });
      this.mirrored = { at: now, status: s.status, dirty: false };
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", store: meta.storeId, msg: "catalog mirror failed; retrying", error: String(error) }));
      this.mirrored.dirty = true;
      await this.scheduleAlarm(Date.now() + MIRROR_RETRY_MS);
    }
  }
}

/** Vectorize hits and the object's own (unconfirmed) vectors: a chunk found by both keeps its higher score. */
function mergeHits(a: VectorHit[], b: VectorHit[]): VectorHit[] {
  const best = new Map<number, number>();
  for (const h of [...a, ...b]) best.set(h.chunkId, Math.max(best.get(h.chunkId) ?? -Infinity, h.score));
  return [...best.entries()].map(([chunkId, score]) => ({ chunkId, score })).sort((x, y) => y.score - x.score || x.chunkId - y.chunkId);
}
