// How the ingest consumer and a store object hand a file over, one slice of chunks at a time.
import type { Chunk } from "../ports";

/** Where the next slice of a large file starts (a char offset into the parsed text, and the next chunk's index). */
export interface Checkpoint {
  startChar: number;
  firstIndex: number;
  /** Plain text read in byte ranges (text-window.ts): where `startChar` is in the file's bytes. */
  text?: TextCursor;
}

/** A streamed text file's position in its bytes, and what earlier slices learnt about it. */
export interface TextCursor {
  /** Byte offset in the stored file of the checkpoint's `startChar`. */
  byte: number;
  /** Chosen from the file's first bytes (BOM or zero-byte pattern) in its first slice. */
  encoding: "utf-8" | "utf-16le" | "utf-16be";
  /** cl100k tokens of the text before `startChar` (checked against the per-file limit as slices go). */
  tokens: number;
}

/** What the ingest consumer needs to process the next slice of a file. */
export interface SliceClaim {
  projectId: string;
  filename: string;
  bytes: number;
  maxTokens: number;
  overlapTokens: number;
  checkpoint: Checkpoint;
  /** False: write the chunks without embedding them (the store keeps no vectors). */
  embed: boolean;
}

/** "stale": the message is not current (the file was detached, finished or re-attached, or the slice was written already): nothing changed. */
export type SliceOutcome = "more" | "completed" | "stale";

/** One slice of one file, as the ingest consumer hands it to the store object. */
export interface SliceWrite {
  fileId: string;
  generation: number;
  from: Checkpoint;
  chunks: Chunk[];
  vectors: ArrayBuffer[];
  next: Checkpoint | null;
  dimensions: number;
  keepVectors: boolean;
  mutationId: string | null;
}

export interface SliceWritten {
  outcome: SliceOutcome;
  /** Chunk ids assigned, with each chunk's position in the slice. */
  inserted: Array<{ chunkId: number; position: number }>;
  /** Chunk ids of earlier generations removed on completion (their vectors must leave Vectorize). */
  dropped: number[];
}
