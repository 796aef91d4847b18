// The store object's RPC surface as the core sees it: one object per vector store, every call a Promise (Workers RPC).
// src/platform/store-object/object.ts implements it; the composition root checks that its stubs satisfy this port.
import type { Attributes, Filter } from "../ports";
import type { DirectoryFileFilter } from "../search/directory-file-filter";
import type { AttachSpec, Attached, BatchState, FileChunkPage, FileListQuery, FileTextWindow, LastErrorCode, StoreFileRow } from "./files";
import type { ScoredChunk, StoreSearchInput } from "./search";
import type { SliceClaim, SliceWrite, SliceWritten } from "./slices";
import type { StoreInit, StoreSummary } from "./summary";
import type { ExportedFile, ManifestRow, SkippedFile, SyncState, SyncTicket } from "./sync-state";

/** Creation, live state, expiry policy and removal. "Destroyed" = the store was deleted (its catalog row goes next). */
export interface StoreLifecyclePort {
  /** Idempotent: a retried create finds the object initialized and changes nothing. */
  initialize(init: StoreInit): Promise<StoreSummary>;
  /** Null once destroyed. */
  liveSummary(): Promise<StoreSummary | null>;
  /** A modify with `expires_after` in days (null clears it); counts as activity. Null once destroyed. */
  setExpiryPolicy(days: number | null): Promise<StoreSummary | null>;
  /** Any other modify: refreshes last_active_at. Null once destroyed. */
  touch(): Promise<StoreSummary | null>;
  /** Drops everything; answers the chunk ids whose vectors must leave the vector index. */
  destroy(): Promise<number[]>;
}

/** The store's files and file batches. */
export interface StoreFilesPort {
  /** Records the files in_progress (a file already in progress or completed is left as it is); null once destroyed. */
  attachFiles(specs: AttachSpec[], batch?: { batchId: string; createdAt: number }): Promise<Attached[] | null>;
  getFile(fileId: string): Promise<StoreFileRow | null>;
  /** Characters [start, end) of a file's parsed text (see FileTextWindow); null when the file is not attached. */
  fileText(fileId: string, start: number, end: number): Promise<FileTextWindow | null>;
  /** Up to `limit` chunks of a completed file with chunk_index > `afterIndex` (−1: from the first); null when not attached. */
  fileChunks(fileId: string, afterIndex: number, limit: number): Promise<FileChunkPage | null>;
  listFiles(q: FileListQuery): Promise<{ rows: StoreFileRow[]; hasMore: boolean } | "bad_cursor">;
  /** Null when the file is not attached. */
  updateAttributes(fileId: string, attributes: Attributes | null): Promise<StoreFileRow | null>;
  /** Removes the file and its chunks; answers the chunk ids whose vectors must leave the vector index. */
  detachFile(fileId: string): Promise<{ detached: boolean; chunkIds: number[] }>;
  getBatch(batchId: string): Promise<BatchState | null>;
  /** Unprocessed files become cancelled; a batch that already ended is answered unchanged. Null: no such batch. */
  cancelBatch(batchId: string): Promise<{ state: BatchState; droppedChunkIds: number[] } | null>;
}

/** What the ingest consumer asks, one queue batch at a time. */
export interface StoreIngestionPort {
  /** Null for a message that is not current (the file was detached, finished or re-attached meanwhile). */
  claimSlices(items: Array<{ fileId: string; generation: number }>): Promise<Array<SliceClaim | null>>;
  /** One transaction for all slices; a slice not starting at the file's checkpoint changes nothing. */
  writeSlices(inputs: SliceWrite[]): Promise<SliceWritten[]>;
  /** Fails the file if the message is current; answers the chunk ids it dropped. */
  failFile(fileId: string, generation: number, code: LastErrorCode, message: string): Promise<number[]>;
}

/** Hybrid search over the store's chunks, and the local copies of vectors the vector index has not confirmed yet. */
export interface StoreSearchPort {
  search(input: StoreSearchInput): Promise<ScoredChunk[] | "expired" | "missing">;
  /** Completed files whose attributes pass the filter and, if given, exported from a directory file that passes `directoryFiles`. */
  matchingFileIds(filter: Filter | null, directoryFiles?: DirectoryFileFilter | null): Promise<string[]>;
  markPending(chunkIds: number[], mutationId: string): Promise<void>;
  /** Drops local vectors written before `processedUpToMs` (epoch ms); answers how many remain. */
  confirmVectorsBefore(processedUpToMs: number): Promise<number>;
}

/**
 * The sync of the LlamaCloud index that exports into this store. A step's `ticket` names its run and the lease of
 * the run's live message chain: messages of an older run or lease are stale and change nothing.
 */
export interface StoreSyncPort {
  /** Starts a run unless one is running (and has not stalled). */
  startSync(indexId: string): Promise<{ started: boolean; state: SyncState }>;
  syncState(): Promise<SyncState | null>;
  /** Null when `ticket` is not the chain of the run applying now. */
  exportedFiles(ticket: SyncTicket): Promise<ExportedFile[] | null>;
  /** False when `ticket` is not the chain of the run applying now (nothing recorded). */
  recordExported(ticket: SyncTicket, upserts: ManifestRow[], removed: string[]): Promise<boolean>;
  /** The directory diff is applied; the run now waits for its files. False when `ticket` is not applying. */
  finishApply(ticket: SyncTicket, skipped: SkippedFile[]): Promise<boolean>;
  /** Ends the run once none of its files is in progress; else answers how many are pending. Null: not this chain's export. */
  checkExport(ticket: SyncTicket): Promise<{ state: SyncState; pending: number } | null>;
  /** Fails the syncing run (`run` null: whichever is running); a finished or newer run is left alone. */
  failSync(run: number | null, message: string): Promise<SyncState | null>;
  /** file id → the directory file it was exported from. */
  exportedFrom(fileIds: string[]): Promise<Record<string, string>>;
}

export interface StoreObjectPort extends StoreLifecyclePort, StoreFilesPort, StoreIngestionPort, StoreSearchPort, StoreSyncPort {}
