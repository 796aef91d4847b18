// A file as one store holds it: its row in the store object, how it is attached and listed, and the batches it is in.
import type { Attributes } from "../ports";
import type { FileCounts } from "./summary";

export type StoreFileStatus = "in_progress" | "completed" | "failed" | "cancelled";
/** The spec's `last_error.code` values. */
export type LastErrorCode = "server_error" | "unsupported_file" | "invalid_file";

/**
 * One attached file. `generation` grows with every (re)start of processing, so late work of an earlier one is
 * recognised and dropped. Times are unix seconds; `attributes` and `checkpoint` are JSON text.
 */
export interface StoreFileRow {
  file_id: string;
  generation: number;
  status: StoreFileStatus;
  created_at: number;
  updated_at: number;
  filename: string;
  bytes: number;
  attributes: string | null;
  max_chunk_tokens: number;
  overlap_tokens: number;
  usage_bytes: number;
  last_error_code: LastErrorCode | null;
  last_error_message: string | null;
  checkpoint: string | null;
}

/** What an attach tells the store object about each file (chunk sizes in tokens). */
export interface AttachSpec {
  fileId: string;
  filename: string;
  bytes: number;
  attributes: Attributes | null;
  maxTokens: number;
  overlapTokens: number;
}

export interface Attached {
  row: StoreFileRow;
  /** True when this call (re)started processing: the caller enqueues an ingest message for it. */
  started: boolean;
}

/** A keyset page over (created_at, file_id); `after`/`before` are file ids; `batchId` restricts to one batch's files. */
export interface FileListQuery {
  limit: number;
  order: "asc" | "desc";
  after?: string | undefined;
  before?: string | undefined;
  filter?: StoreFileStatus | undefined;
  batchId?: string | undefined;
}

/** A file batch; its counts come from its files' rows. `created_at` is unix seconds. */
export interface BatchState {
  batch_id: string;
  created_at: number;
  status: "in_progress" | "completed" | "cancelled";
  file_counts: FileCounts;
}

/**
 * A window of a file's parsed text, reassembled from its chunks (`text.slice(start_char, end_char)` of each; overlaps
 * counted once, whitespace the chunker dropped between chunks reads as spaces). Offsets are UTF-16 code units into the
 * same text as the chunks' `start_char`/`end_char`. `length` is the whole text's length (0 until the file completed).
 */
export interface FileTextWindow {
  status: StoreFileStatus;
  filename: string;
  length: number;
  /** The text of [start, min(end, length)). */
  text: string;
}

/**
 * One chunk of a completed file, as the chunker wrote it: `start_char`/`end_char` are UTF-16 offsets into the file's
 * parsed text (the same text FileTextWindow reads), `token_count` counts the chunker's tokens, pages are 1-based
 * (null for formats without pages).
 */
export interface FileChunk {
  chunk_index: number;
  text: string;
  start_char: number;
  end_char: number;
  token_count: number;
  page_start: number | null;
  page_end: number | null;
}

/**
 * A chunk's place in its file as both faces show it, in LlamaCloud retrieval's `static_fields` names (also those of the
 * OpenAI face's `?view=chunks` extension): UTF-16 offsets into the parsed text, cl100k tokens, 1-based pages or null.
 */
export function chunkPosition(chunk: Omit<FileChunk, "text">) {
  return {
    chunk_index: chunk.chunk_index,
    chunk_start_char: chunk.start_char,
    chunk_end_char: chunk.end_char,
    chunk_token_count: chunk.token_count,
    page_range_start: chunk.page_start,
    page_range_end: chunk.page_end,
  };
}

/** A page of a file's chunks in chunk_index order; `chunks` is empty until the file completed. */
export interface FileChunkPage {
  status: StoreFileStatus;
  chunks: FileChunk[];
  hasMore: boolean;
}
