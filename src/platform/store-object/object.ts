// The per-vector-store Durable Object: typed RPC methods over the table modules beside it, layered store-core → store-files → store-search → index sync (here).
import { IndexesRepo } from "../d1/indexes-repo";
import * as syncTable from "./sync-table";
import type { ExportedFile, ManifestRow, SkippedFile, SyncState, SyncTicket } from "./sync-table";
import { SYNC_STALL_MS, SYNC_TIMED_OUT, SYNC_TIMEOUT_MS, syncOutcome } from "../../core/indexes/sync-outcome";
import { StoreObjectSearch } from "./store-search";

export { STALL_SECONDS, type StoreInit } from "./store-core";
export type { Attached, SliceClaim, SliceOutcome, SliceWrite, SliceWritten } from "./store-files";
export type { ScoredChunk, StoreSearchInput } from "./store-search";
export type { SyncTicket } from "./sync-table";

export class VectorStoreObject extends StoreObjectSearch {
  // --- index sync ------------------------------------------------------------------------
  // A LlamaCloud index exports into this store; its sync state lives here (sync-table.ts) and every transition is
  // mirrored to the catalog's `indexes` row. The queue consumer drives a run (src/core/indexes/sync-runner.ts).

  /** Starts a run unless one is running; a run without a heartbeat for SYNC_STALL_MS lost its message and is superseded. */
  async startSync(indexId: string): Promise<{ started: boolean; state: SyncState }> {
    const now = Date.now();
    const current = syncTable.readState(this.sql);
    if (current?.status === "syncing" && now - current.heartbeat_at < SYNC_STALL_MS) return { started: false, state: current };
    const state = syncTable.start(this.sql, indexId, now);
    // If the caller's message is lost, the alarm re-sends the step (recovery.ts).
    await this.scheduleAlarm();
    // The HTTP caller enqueues next; a failed mirror write is repaired by the next transition.
    await this.mirrorSync(state, false);
    return { started: true, state };
  }

  syncState(): SyncState | null {
    return syncTable.readState(this.sql);
  }

  /**
   * What the index exported so far, with each file's status here; null when `ticket` is not the live chain of the
   * run applying now. A step starting is progress: it records a heartbeat.
   */
  exportedFiles(ticket: SyncTicket): ExportedFile[] | null {
    if (!this.isApplying(ticket)) return null;
    syncTable.heartbeat(this.sql, Date.now());
    return syncTable.exportedFiles(this.sql);
  }

  /** Records applied changes as they happen, so a redelivered run resumes instead of redoing them. */
  recordExported(ticket: SyncTicket, upserts: ManifestRow[], removed: string[]): boolean {
    if (!this.isApplying(ticket)) return false;
    this.ctx.storage.transactionSync(() => {
      syncTable.recordExported(this.sql, upserts, removed);
      syncTable.heartbeat(this.sql, Date.now());
    });
    return true;
  }

  /** The directory diff is applied: last_synced_at is set and the run waits for its files to finish processing. */
  async finishApply(ticket: SyncTicket, skipped: SkippedFile[]): Promise<boolean> {
    if (!this.isApplying(ticket)) return false;
    syncTable.finishApply(this.sql, skipped, Date.now());
    await this.mirrorSync(syncTable.readState(this.sql)!, true);
    return true;
  }

  /**
   * Ends the run once none of the index's files is in progress (or the run timed out); otherwise records a heartbeat
   * and answers how many are pending. A finished run is mirrored again, so a redelivered message repairs the catalog.
   * Null for a message of another run or of a superseded lease (its chain ends there).
   */
  async checkExport(ticket: SyncTicket): Promise<{ state: SyncState; pending: number } | null> {
    const state = syncTable.readState(this.sql);
    if (!state || state.run !== ticket.run || state.phase === "applying") return null;
    if (state.status === "syncing" && !syncTable.isCurrent(state, ticket)) return null;
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

  private isApplying(ticket: SyncTicket): boolean {
    const state = syncTable.readState(this.sql);
    return !!state && syncTable.isCurrent(state, ticket) && state.status === "syncing" && state.phase === "applying";
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
}
