// The catalog's LlamaCloud directories (D1 `directories`): the row the core works with, and what it asks of the table.
import type { Sequenced, TokenPage, TokenPageRequest } from "../pagination";

export type DirectoryType = "user" | "ephemeral" | "index";

/** Times are ISO-8601 (the LlamaCloud face's format); `system_metadata` is JSON text. */
export interface DirectoryRow {
  id: string;
  project_id: string;
  name: string;
  description: string | null;
  type: DirectoryType;
  system_metadata: string | null;
  created_at: string;
  updated_at: string;
}

export interface DirectoryListQuery extends TokenPageRequest {
  name?: string | undefined;
  types?: DirectoryType[] | undefined;
}

export interface DirectoriesCatalog {
  insert(row: DirectoryRow): Promise<void>;
  get(projectId: string, id: string): Promise<DirectoryRow | null>;
  list(projectId: string, q: DirectoryListQuery): Promise<TokenPage<Sequenced<DirectoryRow>>>;
  /** Only the fields present are written. */
  update(id: string, fields: { name?: string | undefined; description?: string | null | undefined; updated_at: string }): Promise<void>;
  /** The directory and its directory files, in one transaction; the files themselves stay. */
  delete(id: string): Promise<void>;
}
