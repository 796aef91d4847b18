// The catalog's files (D1 `files`): the row the core works with, and what the core asks of the table (src/platform/d1 implements it).
import type { Page, PageRequest, Sequenced, TokenPage, TokenPageRequest } from "../pagination";

/** One uploaded file. Times are unix seconds; `expires_at` null = never. */
export interface FileRow {
  id: string;
  project_id: string;
  filename: string;
  bytes: number;
  purpose: string;
  content_type: string | null;
  content_sha256: string | null;
  created_at: number;
  expires_at: number | null;
  external_file_id: string | null;
}

/** The LlamaCloud face's file listing: filters, and `order_by` name/id ascending or created_at descending. */
export interface FileQuery extends TokenPageRequest {
  orderBy: "created_at" | "name" | "id";
  fileName?: string | undefined;
  externalFileId?: string | undefined;
  fileIds?: string[] | undefined;
}

/** Reads take `now` (unix seconds): an expired file is gone for every reader, like a deleted one. */
export interface FilesCatalog {
  insert(row: FileRow): Promise<void>;
  get(projectId: string, id: string, now: number): Promise<FileRow | null>;
  getMany(projectId: string, ids: string[], now: number): Promise<FileRow[]>;
  /** "bad_cursor" when `after`/`before` names no file of the project. */
  list(projectId: string, req: PageRequest, now: number, purpose?: string): Promise<Page<FileRow> | "bad_cursor">;
  query(projectId: string, q: FileQuery, now: number): Promise<TokenPage<Sequenced<FileRow>>>;
  /**
   * Removes the file row and the directory entries that point at it, in one transaction. `deleted` is false when the
   * row was not there; `directoryIds` are the directories that lost an entry (their indexes may sync on change).
   */
  delete(projectId: string, id: string): Promise<{ deleted: boolean; directoryIds: string[] }>;
}
