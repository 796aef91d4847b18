// What a store object's hybrid search is asked, and the chunks it answers.
import type { Filter } from "../ports";
import type { HybridWeights } from "../search/fusion";
import type { VectorHit } from "../search/vector-index";

export interface StoreSearchInput {
  /** One entry per query string: its FTS5 expression, its embedding, and hits Vectorize already found for it. */
  queries: Array<{ fts: string | null; vector: ArrayBuffer | null; externalHits?: VectorHit[] }>;
  filter: Filter | null;
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  weights: HybridWeights;
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

/** `score` is the fused relevance in [0, 1]. */
export type ScoredChunk = HydratedChunk & { score: number };
