// The catalog's LlamaCloud indexes (D1 `indexes`): the row the core works with, the mirror of its sync state, and the port.
import type { Sequenced, TokenPage, TokenPageRequest } from "../pagination";

export type SyncStatus = "syncing" | "ready" | "failed";

/** LlamaCloud's `sync_frequency` (indexes.d.ts: "One of: manual, daily, on_source_change. Defaults to manual."). */
export const SYNC_FREQUENCIES = ["manual", "daily", "on_source_change"] as const;
export type SyncFrequency = (typeof SYNC_FREQUENCIES)[number];
/** LlamaCloud's `vector_target`: DISABLED keeps parsed text and chunks but exports (and embeds) no vectors. */
export type VectorTarget = "DEFAULT" | "DISABLED";

/** Times are ISO-8601. The status fields mirror the sync state kept in the export store's object. */
export interface IndexRow {
  id: string;
  project_id: string;
  name: string;
  description: string | null;
  source_directory_id: string;
  vector_store_id: string;
  sync_config_id: string;
  output_directory_id: string;
  status: SyncStatus;
  error_message: string | null;
  last_synced_at: string | null;
  last_exported_at: string | null;
  created_at: string;
  updated_at: string;
  /** From `index_settings` (manual / DEFAULT for an index without a row). */
  sync_frequency: SyncFrequency;
  vector_target: VectorTarget;
}

/** An on_source_change index whose source directory changed: the change's number, which a delayed start checks. */
export interface SourceChange {
  index_id: string;
  seq: number;
}

/** What the store object mirrors after each sync transition. */
export type SyncMirror = Pick<IndexRow, "status" | "error_message" | "last_synced_at" | "last_exported_at" | "updated_at">;

export interface IndexesCatalog {
  insert(row: IndexRow): Promise<void>;
  get(projectId: string, id: string): Promise<IndexRow | null>;
  /** For the queue consumer, which has no project: the message names the index. */
  getById(id: string): Promise<IndexRow | null>;
  /** The index exporting to a store (retrieval accepts the export_config_id in place of the index id). */
  getByStore(projectId: string, storeId: string): Promise<IndexRow | null>;
  list(projectId: string, q: TokenPageRequest & { sourceDirectoryId?: string | undefined }): Promise<TokenPage<Sequenced<IndexRow>>>;
  writeSyncMirror(id: string, m: SyncMirror): Promise<void>;
  /** The index row (with its settings) and its output directory, in one transaction. */
  delete(row: IndexRow): Promise<void>;
  /** Daily indexes whose slot (the UTC quarter hour 0-95, see dailySlot) is `slot`, at most `limit`, in id order after `afterId`. */
  dueDaily(slot: number, afterId: string, limit: number): Promise<IndexRow[]>;
  /** Counts a change of the directory for each on_source_change index over it; answers each index's new change number. */
  noteSourceChange(directoryId: string): Promise<SourceChange[]>;
  /** Whether change `seq` is still the index's latest change and no sync was started for it yet. */
  isPendingSourceChange(indexId: string, seq: number): Promise<boolean>;
  /** Records that a sync started for change `seq` (and every change before it). */
  markSourceChangeSynced(indexId: string, seq: number): Promise<void>;
}
