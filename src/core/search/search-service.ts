// Vector store search: rewrite → embed → (Vectorize) → hybrid retrieval in the store object → re-rank → threshold → group.
import type { ScoredChunk } from "../store-object/search";
import type { Attributes, Embedder, Filter } from "../ports";
import type { StoreObjects } from "../store-object/store-objects";
import { CANDIDATES_PER_RETRIEVER, defaultHybridWeights, type HybridWeights } from "./fusion";
import { groupByFile } from "./grouping";
import { ftsQuery } from "./rewrite";
import { vectorCalibration } from "./calibration";
import type { Reranker } from "./reranker";
import type { QueryRewriter } from "./query-rewriter";
import type { VectorQueryIndex } from "./vector-index";
import type { DirectoryFileFilter } from "./directory-file-filter";

export interface SearchRequest {
  queries: string[];
  rewrite: boolean;
  maxResults: number;
  filter: Filter | null;
  ranker: "none" | "auto" | "default-2024-11-15";
  scoreThreshold: number;
  weights: HybridWeights | null;
}

export interface ChunkSearchRequest extends Omit<SearchRequest, "maxResults"> {
  /** Fused chunks to take before re-ranking and the threshold. */
  limit: number;
  /** Candidates per retriever inside the store object; never fewer than CANDIDATES_PER_RETRIEVER (Vectorize stays at that: topK ≤ 100). */
  candidates?: number | undefined;
  /** LlamaCloud's static filter on the exporting directory file, applied with `filter` before ranking. */
  directoryFiles?: DirectoryFileFilter | null | undefined;
}

export interface ChunkSearchResult {
  searchQuery: string[];
  /** True when a re-ranker replaced the fused scores. */
  reranked: boolean;
  chunks: ScoredChunk[];
}

export interface SearchHit {
  fileId: string;
  filename: string;
  score: number;
  attributes: Attributes | null;
  chunks: ScoredChunk[];
}

export interface SearchResult {
  searchQuery: string[];
  hits: SearchHit[];
}

/** Chunks fused and hydrated per search; grouping then keeps max_num_results files. */
const FUSED_CHUNKS = 150;
/** A re-ranker sees at most this many chunks (Workers AI cost and latency grow with it). */
const RERANK_CHUNKS = 40;

export class SearchService {
  constructor(
    private readonly objects: StoreObjects,
    private readonly embedder: Embedder,
    private readonly rewriter: QueryRewriter,
    private readonly reranker: Reranker | null,
    private readonly vectorIndex: VectorQueryIndex | null,
  ) {}

  /**
   * Ranked chunks, best first, above the score threshold — the chunk-level core of search (LlamaCloud retrieval
   * returns chunks, the OpenAI face groups them by file). "expired" / "missing" as for search().
   */
  async retrieveChunks(storeId: string, req: ChunkSearchRequest): Promise<ChunkSearchResult | "expired" | "missing"> {
    const candidates = Math.max(CANDIDATES_PER_RETRIEVER, req.candidates ?? 0);
    const searchQuery = req.rewrite ? await Promise.all(req.queries.map((q) => this.rewriter.rewrite(q))) : req.queries;
    const vectors = await this.embedder.embed(searchQuery, "query");
    const queries = await Promise.all(
      searchQuery.map(async (q, i) => {
        const vector = vectors[i]!;
        const externalHits = this.vectorIndex ? await this.vectorIndex.query(storeId, vector, CANDIDATES_PER_RETRIEVER, req.filter, req.directoryFiles ?? null) : undefined;
        return { fts: ftsQuery(q), vector: vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength) as ArrayBuffer, externalHits };
      }),
    );
    const chunks = await this.objects.get(storeId).search({
      queries,
      filter: req.filter,
      directoryFiles: req.directoryFiles ?? null,
      candidates,
      weights: req.weights ?? defaultHybridWeights(this.embedder.id),
      vectorCalibration: vectorCalibration(this.embedder.id),
      limit: req.limit,
    });
    if (chunks === "expired" || chunks === "missing") return chunks;
    let ranked: ScoredChunk[] = [...chunks];
    let reranked = false;
    if (req.ranker !== "none" && this.reranker && ranked.length > 0) {
      const head = ranked.slice(0, RERANK_CHUNKS);
      const scores = await this.reranker.rerank(searchQuery.join("\n"), head.map((c) => c.text));
      ranked = head.map((c, i) => ({ ...c, score: scores[i]! })).sort((a, b) => b.score - a.score || a.chunk_id - b.chunk_id);
      reranked = true;
    }
    return { searchQuery, reranked, chunks: ranked.filter((c) => c.score >= req.scoreThreshold) };
  }

  /** "expired": the store's policy ran out; "missing": the store is gone (deleted since the catalog was read). */
  async search(storeId: string, req: SearchRequest): Promise<SearchResult | "expired" | "missing"> {
    const retrieved = await this.retrieveChunks(storeId, { ...req, limit: FUSED_CHUNKS });
    if (retrieved === "expired" || retrieved === "missing") return retrieved;
    const { searchQuery, chunks: kept } = retrieved;
    const byId = new Map(kept.map((c) => [c.chunk_id, c]));
    const groups = groupByFile(
      kept.map((c) => ({ chunkId: c.chunk_id, fileId: c.file_id, score: c.score, text: c.text })),
      { maxResults: req.maxResults },
    );
    return {
      searchQuery,
      hits: groups.map((g) => {
        const first = byId.get(g.chunks[0]!.chunkId)!;
        return {
          fileId: g.fileId,
          filename: first.filename,
          score: g.score,
          attributes: first.attributes ? (JSON.parse(first.attributes) as Attributes) : null,
          chunks: g.chunks.map((c) => byId.get(c.chunkId)!),
        };
      }),
    };
  }
}
