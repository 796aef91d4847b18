// The catalog's vector stores (D1 `vector_stores`, `store_files`): the row the core works with, and what it asks of them.
import type { Page, PageRequest } from "../pagination";

/**
 * A store's catalog row: what the client set, plus the mirror of the live state its store object computes (so
 * listings never fan out to every object). Times are unix seconds.
 */
export interface VectorStoreRow {
  id: string;
  project_id: string;
  name: string | null;
  description: string | null;
  metadata: string | null;
  created_at: number;
  expires_after_days: number | null;
  status: "expired" | "in_progress" | "completed";
  usage_bytes: number;
  count_in_progress: number;
  count_completed: number;
  count_failed: number;
  count_cancelled: number;
  last_active_at: number | null;
  expires_at: number | null;
  vector_index: string | null;
}

export interface VectorStoresCatalog {
  insert(row: VectorStoreRow): Promise<void>;
  get(projectId: string, id: string): Promise<VectorStoreRow | null>;
  /** "bad_cursor" when `after`/`before` names no store of the project. */
  list(projectId: string, req: PageRequest): Promise<Page<VectorStoreRow> | "bad_cursor">;
  /** Only the fields present are written. */
  update(id: string, fields: { name?: string | null; metadata?: string | null; expires_after_days?: number | null }): Promise<void>;
  /** The store row and its memberships, in one transaction. */
  delete(id: string): Promise<void>;
  /**
   * Records the store's membership of each file whose row exists (unexpired at `now`, unix seconds) while the
   * store's row exists, in one transaction: the ids that are members now, or "store_missing" (nothing written).
   */
  addMembers(storeId: string, projectId: string, fileIds: string[], now: number): Promise<Set<string> | "store_missing">;
  removeMember(storeId: string, fileId: string): Promise<void>;
  removeMembers(storeId: string, fileIds: string[]): Promise<void>;
  /** The stores the catalog says a file is attached to. */
  storesOfFile(fileId: string): Promise<string[]>;
}
