// Wire shapes of vector store search and of LlamaCloud's directories, indexes and retrieval, as the dashboard reads them.
import type { Attributes, ChunkPosition } from "./types";

/** One file of `vector_store.search_results.page`: its best chunks in `content`; `score` in [0, 1]. */
export interface SearchResult {
  file_id: string;
  filename: string;
  score: number;
  attributes: Attributes | null;
  content: Array<{ type: "text"; text: string }>;
}

/** POST /v1/vector_stores/{id}/search; `search_query` is the (rewritten) query of each query string. */
export interface SearchResultsPage {
  object: "vector_store.search_results.page";
  search_query: string[];
  data: SearchResult[];
  has_more: boolean;
  next_page: string | null;
}

/** A LlamaCloud list page (`page_size`/`page_token` in, `items`/`next_page_token` out). */
export interface TokenPage<T> {
  items: T[];
  next_page_token: string | null;
}

/** LlamaCloud directory; times are ISO 8601. */
export interface Directory {
  id: string;
  name: string;
  description: string | null;
  type: string;
  created_at: string;
  updated_at: string;
}

/** A file in a directory; `metadata` becomes the exported chunks' attributes. */
export interface DirectoryFile {
  id: string;
  directory_id: string;
  display_name: string;
  unique_id: string;
  file_id: string;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

/** LlamaCloud index; `metadata.status` is syncing | ready | failed (with `error_message`). */
export interface LlamaIndex {
  id: string;
  name: string | null;
  description: string | null;
  source_directory_id: string;
  export_config_id: string;
  sync_frequency: string;
  vector_target: string;
  created_at: string;
  last_synced_at: string | null;
  metadata: { status: string; error_message?: string; sync_run?: number; next_scheduled_sync_at?: string };
}

/** One chunk of POST /api/v1/retrieval/retrieve; offsets in UTF-16 code units of the file's parsed text. */
export interface RetrieveResult {
  content: string;
  score: number;
  rerank_score: number | null;
  metadata: Record<string, unknown> & { file_id: string; file_name: string };
  static_fields: ChunkPosition & { parsed_directory_file_id: string | null };
}
