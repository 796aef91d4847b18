// What a store object's hybrid search is asked, and the chunks it answers.
import type { Filter } from "../ports";
import type { DirectoryFileFilter } from "../search/directory-file-filter";
import type { Calibration } from "../search/calibration";
import type { HybridWeights } from "../search/fusion";
import type { FtsQuery } from "../search/rewrite";
import type { VectorHit } from "../search/vector-index";

export interface StoreSearchInput {
  /** One entry per query string: its FTS5 query (analysed), its embedding, and hits Vectorize already found for it. */
  queries: Array<{ fts: FtsQuery | null; vector: ArrayBuffer | null; externalHits?: VectorHit[] }>;
  filter: Filter | null;
  /** LlamaCloud's static filter: only files the index exported from a matching directory file (ANDed with `filter`). */
  directoryFiles?: DirectoryFileFilter | null | undefined;
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  weights: HybridWeights;
  /** The embedder's cosine calibration (core/search/calibration.ts). */
  vectorCalibration: Calibration;
  /** Fused chunks to return. */
  limit: number;
}

/** A chunk with its file's name and attributes (JSON text); chars are offsets into the parsed text, pages 1-based. */
export interface HydratedChunk {
  chunk_id: number;
  file_id: string;
  filename: string;
  attributes: string | null;
  text: string;
  chunk_index: number;
  start_char: number;
  end_char: number;
  token_count: number;
  page_start: number | null;
  page_end: number | null;
}

/** `score` is the fused, calibrated relevance in [0, 1]: the same score means the same relevance in any store (README "How search ranks"). */
export type ScoredChunk = HydratedChunk & { score: number };
