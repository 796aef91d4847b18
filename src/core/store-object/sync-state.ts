// The sync state of a LlamaCloud index, kept in its export store's object: the run, its phase, and what it exported.
import type { SyncStatus } from "../catalog/indexes";
import type { StoreFileStatus } from "./files";

export type SyncPhase = "applying" | "exporting";

/** Timestamps are epoch milliseconds. */
export interface SyncState {
  index_id: string;
  /** Bumped by every sync; queue messages carry it, so a message of an earlier run is stale. */
  run: number;
  status: SyncStatus;
  /** While syncing: "applying" the directory diff, then "exporting" (waiting for the files to be processed). */
  phase: SyncPhase | null;
  error_message: string | null;
  /** JSON SkippedFile[]: directory files this run could not export at all. */
  skipped: string | null;
  started_at: number;
  /** The last progress of the run's live message chain (or its start). */
  heartbeat_at: number;
  /** The run's live message chain: 0 at start, bumped by each re-send of a silent run (platform/store-object/recovery.ts). */
  lease: number;
  /** When the current lease was issued by a re-send; null while the run is on its first chain. */
  lease_at: number | null;
  /** Re-sends since the last heartbeat: each doubles the quiet time before the next. */
  resends: number;
  last_synced_at: number | null;
  last_exported_at: number | null;
}

/** Which message chain a sync step belongs to: the run, and the lease within it. */
export interface SyncTicket {
  run: number;
  lease: number;
}

/** What the index exported: one row per store file, with the directory file it came from. */
export interface ManifestRow {
  file_id: string;
  directory_file_id: string;
  sha256: string | null;
  attributes_hash: string;
}

export interface ExportedFile extends ManifestRow {
  /** The file's status in this store now; null when it is no longer attached. */
  store_status: StoreFileStatus | null;
}

/** A directory file a run could not export at all, and why. */
export interface SkippedFile {
  file_id: string;
  filename: string;
  reason: string;
}

/** An exported file that ended failed or cancelled, named in the run's error_message. */
export interface FailedExport {
  filename: string;
  code: string | null;
  message: string | null;
}
