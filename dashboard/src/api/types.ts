// The wire shapes the dashboard reads, as the OpenAI API (and Shelf's documented extensions) define them.

/** A cursor page of an OpenAI list endpoint. */
export interface ListPage<T> {
  object: "list";
  data: T[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** OpenAI File object; `bytes` in bytes, `created_at` in Unix seconds. */
export interface FileObject {
  id: string;
  object: "file";
  bytes: number;
  created_at: number;
  expires_at: number | null;
  filename: string;
  purpose: string;
  status?: string;
}

/** OpenAI Upload object (Uploads API). */
export interface UploadObject {
  id: string;
  status: "pending" | "completed" | "cancelled" | "expired";
  file: FileObject | null;
}

/** Attribute values as the vector store files API allows them. */
export type Attributes = Record<string, string | number | boolean>;

/** `expires_after` of a vector store: `days` after last activity. */
export interface ExpiresAfter {
  anchor: "last_active_at";
  days: number;
}

/** File counts of a store or batch. */
export interface FileCounts {
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  total: number;
}

/** OpenAI VectorStore object; `usage_bytes` in bytes, times in Unix seconds. */
export interface VectorStore {
  id: string;
  object: "vector_store";
  name: string | null;
  status: "expired" | "in_progress" | "completed";
  usage_bytes: number;
  created_at: number;
  last_active_at: number | null;
  expires_after: ExpiresAfter | null;
  expires_at: number | null;
  file_counts: FileCounts;
  metadata: Record<string, string> | null;
}

/** A chunking strategy as sent on create/attach (static: token sizes). */
export type ChunkingStrategyParam = { type: "auto" } | { type: "static"; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } };

/** OpenAI VectorStoreFile object. */
export interface VectorStoreFile {
  id: string;
  object: "vector_store.file";
  status: "in_progress" | "completed" | "cancelled" | "failed";
  usage_bytes: number;
  created_at: number;
  vector_store_id: string;
  last_error: { code: string; message: string } | null;
  attributes: Attributes | null;
  chunking_strategy?: { type: string; static?: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } };
}

/** OpenAI VectorStoreFileBatch object. */
export interface FileBatch {
  id: string;
  object: "vector_store.files_batch";
  status: "in_progress" | "completed" | "cancelled" | "failed";
  created_at: number;
  vector_store_id: string;
  file_counts: FileCounts;
}

/** Where a chunk sits in its file's parsed text: UTF-16 offsets, tokens (cl100k), 1-based pages or null. */
export interface ChunkPosition {
  chunk_index: number;
  chunk_start_char: number;
  chunk_end_char: number;
  chunk_token_count: number;
  page_range_start: number | null;
  page_range_end: number | null;
}

/** One chunk of `GET …/files/{file_id}/content?view=chunks` (Shelf extension; field names as LlamaCloud's static_fields). */
export interface ContentChunk extends ChunkPosition {
  type: "chunk";
  text: string;
}

/** A page of a vector store file's content. */
export interface FileContentPage<T> {
  object: "vector_store.file_content.page";
  data: T[];
  has_more: boolean;
  next_page: string | null;
}
