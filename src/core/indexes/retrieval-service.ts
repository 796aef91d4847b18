// LlamaCloud retrieval: the top chunks of an index's vector store, over the same search core as the OpenAI face.
import type { ScoredChunk } from "../store-object/search";
import type { Filter } from "../ports";
import type { DirectoryFileFilter } from "../search/directory-file-filter";
import type { HybridWeights } from "../search/fusion";
import type { SearchService } from "../search/search-service";
import type { StoreObjects } from "../store-object/store-objects";

export interface RetrieveRequest {
  query: string;
  topK: number;
  scoreThreshold: number;
  filter: Filter | null;
  /** `static_filters.parsed_directory_file_id`: applied with `filter`, before ranking. */
  directoryFiles: DirectoryFileFilter | null;
  weights: HybridWeights | null;
  /** Re-rank where a re-ranker is configured (LlamaCloud's default), keeping `rerankTopN` results if given. */
  rerank: boolean;
  rerankTopN: number | null;
  candidates: number | null;
}

export interface RetrievedChunk extends ScoredChunk {
  /** The directory file this chunk's file was exported from, when the index exported it. */
  directoryFileId: string | null;
}

export class RetrievalService {
  constructor(
    private readonly search: SearchService,
    private readonly objects: StoreObjects,
  ) {}

  /** Null when the store has expired. */
  async retrieve(storeId: string, req: RetrieveRequest): Promise<{ chunks: RetrievedChunk[]; reranked: boolean } | null> {
    const count = req.rerank && req.rerankTopN !== null ? req.rerankTopN : req.topK;
    const result = await this.search.retrieveChunks(storeId, {
      queries: [req.query],
      rewrite: false,
      filter: req.filter,
      directoryFiles: req.directoryFiles,
      ranker: req.rerank ? "auto" : "none",
      scoreThreshold: req.scoreThreshold,
      weights: req.weights,
      limit: Math.max(req.topK, count),
      candidates: req.candidates ?? undefined,
    });
    // The index's store vanishing under it reads like an expired one to the caller: nothing to retrieve from.
    if (result === "expired" || result === "missing") return null;
    const chunks = result.chunks.slice(0, count);
    const origin = await this.objects.get(storeId).exportedFrom([...new Set(chunks.map((c) => c.file_id))]);
    return { reranked: result.reranked, chunks: chunks.map((c) => ({ ...c, directoryFileId: origin[c.file_id] ?? null })) };
  }
}
