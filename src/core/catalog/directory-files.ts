// The catalog's directory files (D1 `directory_files`): documents of a directory, each pointing at a file.
import type { Sequenced, TokenPage, TokenPageRequest } from "../pagination";
import type { FileRow } from "./files";

/** Times are ISO-8601; `metadata` is JSON text. (directory_id, unique_id) is unique. */
export interface DirectoryFileRow {
  id: string;
  directory_id: string;
  project_id: string;
  file_id: string;
  display_name: string;
  unique_id: string;
  metadata: string | null;
  created_at: string;
  updated_at: string;
}

export interface DirectoryFileListQuery extends TokenPageRequest {
  displayName?: string | undefined;
  displayNameContains?: string | undefined;
  fileId?: string | undefined;
  uniqueId?: string | undefined;
  updatedOnOrAfter?: string | undefined;
  updatedOnOrBefore?: string | undefined;
}

/** A directory file joined with its (unexpired) file: what an index sync exports. */
export interface ExportRow {
  directory_file_id: string;
  metadata: string | null;
  file: FileRow;
}

export interface DirectoryFilesCatalog {
  /**
   * Inserts, or points the row of the same (directory_id, unique_id) at the new file; `keepMetadata` leaves that
   * row's metadata. Conditional on the file's row existing in the project: null when the file is gone.
   */
  upsert(row: DirectoryFileRow, keepMetadata: boolean): Promise<DirectoryFileRow | null>;
  get(projectId: string, directoryId: string, id: string): Promise<DirectoryFileRow | null>;
  /** "conflict" when the new (directory_id, unique_id) is taken by another directory file. */
  update(id: string, fields: Partial<Pick<DirectoryFileRow, "directory_id" | "display_name" | "unique_id" | "metadata">> & { updated_at: string }): Promise<"ok" | "conflict">;
  delete(projectId: string, directoryId: string, id: string): Promise<boolean>;
  list(projectId: string, directoryId: string, q: DirectoryFileListQuery): Promise<TokenPage<Sequenced<DirectoryFileRow>>>;
  /** Every directory file whose file exists and is unexpired at `now` (unix seconds), oldest first. */
  exportRows(projectId: string, directoryId: string, now: number): Promise<ExportRow[]>;
}
