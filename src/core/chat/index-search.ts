// The chat's search: every query over every index's export store (LlamaCloud retrieval), merged into the best passages.
import type { Attributes } from "../ports";
import type { FileSearchRunner } from "../responses/engine";
import type { FileSearchResult } from "../responses/items";
import type { RetrievalService } from "../indexes/retrieval-service";

/** Passages one chat search gives the model, over all its queries and indexes (LlamaCloud retrieve's default top_k is 10). */
export const CHAT_TOP_K = 10;

/** An index a turn searches: its id and its export store (the vector store it keeps in sync). */
export interface SearchableIndex {
  indexId: string;
  vectorStoreId: string;
}

/**
 * Runs each query on each index through `retrieval.retrieve` (hybrid search, re-ranked where a re-ranker is configured),
 * keeps each passage once and the CHAT_TOP_K best by score. Throws when an export store has expired or vanished, so the
 * engine reports the search as failed instead of answering from nothing.
 */
export function indexSearchRunner(retrieval: RetrievalService, indexes: readonly SearchableIndex[]): FileSearchRunner {
  return async (queries) => {
    const perSearch = await Promise.all(
      indexes.flatMap((index) =>
        queries.map(async (query) => {
          const result = await retrieval.retrieve(index.vectorStoreId, {
            query,
            topK: CHAT_TOP_K,
            scoreThreshold: 0,
            filter: null,
            directoryFiles: null,
            weights: null,
            rerank: true,
            rerankTopN: null,
            candidates: null,
          });
          if (!result) throw new Error(`The export store of index '${index.indexId}' is gone; sync or re-create the index.`);
          return result.chunks.map((chunk) => ({ key: `${index.vectorStoreId}:${chunk.chunk_id}`, chunk }));
        }),
      ),
    );
    const best = new Map<string, FileSearchResult>();
    for (const { key, chunk } of perSearch.flat()) {
      const seen = best.get(key);
      if (seen && seen.score >= chunk.score) continue;
      best.set(key, {
        file_id: chunk.file_id,
        filename: chunk.filename,
        score: chunk.score,
        text: chunk.text,
        attributes: chunk.attributes ? (JSON.parse(chunk.attributes) as Attributes) : null,
      });
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, CHAT_TOP_K);
  };
}
