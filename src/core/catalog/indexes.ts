// The catalog's LlamaCloud indexes (D1 `indexes`): the row the core works with, the mirror of its sync state, and the port.
import type { Sequenced, TokenPage, TokenPageRequest } from "../pagination";

export type SyncStatus = "syncing" | "ready" | "failed";

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
  /** The index row and its output directory, in one transaction. */
  delete(row: IndexRow): Promise<void>;
}
