// The store Durable Object's files: attach/list/update/detach, file batches, and the ingest consumer's slice writes.
import * as filesTable from "./files-table";
import * as batchesTable from "./batches-table";
import * as chunksTable from "./chunks-table";
import type { AttachSpec, Attached, BatchState, FileChunkPage, FileListQuery, FileTextWindow, LastErrorCode, StoreFileRow } from "../../core/store-object/files";
import type { Checkpoint, SliceClaim, SliceWrite, SliceWritten } from "../../core/store-object/slices";
import type { Attributes } from "../../core/ports";
import { noteIngestActivity } from "./recovery";
import { StoreObjectCore } from "./store-core";
import { readMeta } from "./meta";

export type { Attached };
export type { SliceClaim, SliceOutcome, SliceWrite, SliceWritten } from "../../core/store-object/slices";

export abstract class StoreObjectFiles extends StoreObjectCore {
  // --- vector store files ----------------------------------------------------------------

  /**
   * Records files as in_progress (idempotent: an attached in-progress or completed file is left as it is;
   * a failed or cancelled one starts again with a new generation). With a batch, also records membership.
   * Null when the object was destroyed (its store deleted).
   */
  async attachFiles(specs: AttachSpec[], batch?: { batchId: string; createdAt: number }): Promise<Attached[] | null> {
    const meta = readMeta(this.sql);
    // Destroyed: the store is being deleted (its catalog row goes next), so nothing may be recorded here again.
    if (!meta) return null;
    if (meta.expired) throw new Error("vector store has expired");
    const now = Math.floor(Date.now() / 1000);
    const out = this.ctx.storage.transactionSync(() => {
      const attached: Attached[] = specs.map((spec) => {
        const existing = filesTable.getFile(this.sql, spec.fileId);
        if (existing && (existing.status === "in_progress" || existing.status === "completed")) return { row: existing, started: false };
        return { row: filesTable.upsertInProgress(this.sql, spec, now), started: true };
      });
      if (batch) batchesTable.createBatch(this.sql, batch.batchId, batch.createdAt, specs.map((s) => s.fileId));
      // The caller sends fresh messages for started files: the store's quiet window starts again.
      if (attached.some((a) => a.started)) noteIngestActivity(this.sql, Date.now());
      return attached;
    });
    if (out.some((a) => a.started)) await this.scheduleAlarm();
    await this.afterChange();
    await this.markActive();
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

  /** Characters [start, end) of a completed file's parsed text, from its chunks; empty text before it completed. */
  fileText(fileId: string, start: number, end: number): FileTextWindow | null {
    const row = filesTable.getFile(this.sql, fileId);
    if (!row) return null;
    if (row.status !== "completed") return { status: row.status, filename: row.filename, length: 0, text: "" };
    const length = chunksTable.textLength(this.sql, fileId, row.generation);
    const from = Math.max(0, Math.min(start, length));
    const to = Math.max(from, Math.min(end, length));
    const parts: string[] = [];
    let at = from;
    for (const c of chunksTable.chunksOverlapping(this.sql, fileId, row.generation, from, to)) {
      const s = Math.max(c.start_char, at);
      const e = Math.min(c.end_char, to);
      if (e <= s) continue;
      if (s > at) parts.push(" ".repeat(s - at));
      parts.push(c.text.slice(s - c.start_char, e - c.start_char));
      at = e;
    }
    if (to > at) parts.push(" ".repeat(to - at));
    return { status: row.status, filename: row.filename, length, text: parts.join("") };
  }

  /** A page of a completed file's chunks after chunk_index `afterIndex`; no chunks before it completed. */
  fileChunks(fileId: string, afterIndex: number, limit: number): FileChunkPage | null {
    const row = filesTable.getFile(this.sql, fileId);
    if (!row) return null;
    if (row.status !== "completed") return { status: row.status, chunks: [], hasMore: false };
    const chunks = chunksTable.chunksPage(this.sql, fileId, row.generation, afterIndex, limit + 1);
    return { status: row.status, chunks: chunks.slice(0, limit), hasMore: chunks.length > limit };
  }

  // --- file batches ----------------------------------------------------------------------

  getBatch(batchId: string): BatchState | null {
    return batchesTable.batchState(this.sql, batchId);
  }

  /**
   * Files not yet processed become cancelled; finished files stay as they are. A batch that already ended
   * (`completed` or `cancelled`) is answered unchanged: a cancel never rewrites a finished batch's status.
   */
  async cancelBatch(batchId: string): Promise<{ state: BatchState; droppedChunkIds: number[] } | null> {
    const current = batchesTable.batchState(this.sql, batchId);
    if (!current) return null;
    if (current.status !== "in_progress") return { state: current, droppedChunkIds: [] };
    const now = Math.floor(Date.now() / 1000);
    const droppedChunkIds = this.ctx.storage.transactionSync(() => {
      const files = batchesTable.batchFileIds(this.sql, batchId);
      // Slices already written for a file now cancelled would linger in FTS and crowd out real matches.
      const dropped: number[] = [];
      for (const id of files) if (filesTable.getFile(this.sql, id)?.status === "in_progress") dropped.push(...chunksTable.deleteFileChunks(this.sql, id));
      filesTable.cancelInProgress(this.sql, files, now);
      batchesTable.markCancelled(this.sql, batchId);
      return dropped;
    });
    await this.afterChange();
    return { state: batchesTable.batchState(this.sql, batchId)!, droppedChunkIds };
  }

  // --- ingestion (called by the queue consumer) ------------------------------------------

  /** Null when the message is stale: the file was detached, cancelled, finished, or re-attached meanwhile. */
  claimSlice(fileId: string, generation: number): SliceClaim | null {
    const row = filesTable.getFile(this.sql, fileId);
    if (!row || row.generation !== generation || row.status !== "in_progress") return null;
    const checkpoint: Checkpoint = row.checkpoint ? (JSON.parse(row.checkpoint) as Checkpoint) : { startChar: 0, firstIndex: 0 };
    const meta = this.meta();
    return {
      projectId: meta.projectId,
      embed: meta.vectors !== false,
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
  /**
   * claimSlice for several messages at once (one RPC per queue batch and store). A live claim is ingest activity:
   * a message of in-progress work arrived, so the store is not quiet (stale duplicates do not count).
   */
  claimSlices(items: Array<{ fileId: string; generation: number }>): Array<SliceClaim | null> {
    const claims = items.map((i) => this.claimSlice(i.fileId, i.generation));
    if (claims.some((c) => c !== null)) noteIngestActivity(this.sql, Date.now());
    return claims;
  }

  /**
   * Writes slices of several files in one transaction (one commit for a whole queue batch) and moves their
   * checkpoints. A slice whose start is not the current checkpoint (a redelivered or duplicate message) changes nothing.
   */
  async writeSlices(inputs: SliceWrite[]): Promise<SliceWritten[]> {
    const now = Math.floor(Date.now() / 1000);
    const results = this.ctx.storage.transactionSync(() => {
      noteIngestActivity(this.sql, Date.now());
      return inputs.map((input): SliceWritten => {
        const claim = this.claimSlice(input.fileId, input.generation);
        if (!claim || claim.checkpoint.startChar !== input.from.startChar || claim.checkpoint.firstIndex !== input.from.firstIndex)
          return { outcome: "stale", inserted: [], dropped: [] };
        const inserted = chunksTable.insertChunks(this.sql, input.fileId, input.generation, input.chunks, input.vectors, input.keepVectors, input.mutationId);
        if (input.next) {
          filesTable.setCheckpoint(this.sql, input.fileId, input.next, now);
          return { outcome: "more", inserted, dropped: [] };
        }
        // Chunks of earlier generations (a re-attach after failure) are dropped once the new one is whole.
        const dropped = chunksTable.deleteFileChunks(this.sql, input.fileId, input.generation);
        filesTable.complete(this.sql, input.fileId, input.dimensions, now);
        return { outcome: "completed", inserted, dropped };
      });
    });
    if (results.some((r) => r.outcome === "completed")) {
      this.invalidateVectors();
      await this.afterChange();
    }
    if (results.some((r) => r.outcome !== "stale")) await this.markActive();
    return results;
  }

  /** Marks the file failed (only if the message is still current); returns the chunk ids it dropped (for Vectorize). */
  async failFile(fileId: string, generation: number, code: LastErrorCode, message: string): Promise<number[]> {
    const row = filesTable.getFile(this.sql, fileId);
    if (!row || row.generation !== generation || row.status !== "in_progress") return [];
    const dropped = this.ctx.storage.transactionSync(() => {
      const ids = chunksTable.deleteFileChunks(this.sql, fileId);
      filesTable.fail(this.sql, fileId, code, message, Math.floor(Date.now() / 1000));
      noteIngestActivity(this.sql, Date.now());
      return ids;
    });
    this.invalidateVectors();
    await this.afterChange();
    await this.markActive();
    return dropped;
  }

}
