// The store Durable Object's retrieval: hybrid search over its chunks, and Vectorize write confirmation.
import { readMeta } from "./meta";
import type { Calibration } from "../../core/search/calibration";
import { fuse, type HybridWeights } from "../../core/search/fusion";
import type { FtsQuery } from "../../core/search/rewrite";
import type { Filter } from "../../core/ports";
import type { DirectoryFileFilter } from "../../core/search/directory-file-filter";
import type { VectorHit } from "../../core/search/vector-index";
import { VectorCache } from "./vector-cache";
import { allowedFiles, hydrate, keywordCandidates } from "./search-table";
import type { ScoredChunk, StoreSearchInput } from "../../core/store-object/search";
import { StoreObjectFiles } from "./store-files";
import * as syncTable from "./sync-table";

export type { ScoredChunk, StoreSearchInput };

export abstract class StoreObjectSearch extends StoreObjectFiles {
  // --- search ----------------------------------------------------------------------------

  /**
   * Hybrid retrieval inside the store: filter → BM25 + vector candidates per query → fusion → merge queries
   * (a chunk keeps its best score) → hydrate. Refreshes last_active_at. Null when the store has expired.
   */
  async search(input: StoreSearchInput): Promise<ScoredChunk[] | "expired" | "missing"> {
    // No meta: the store was deleted (callers may hold a cached catalog answer).
    const meta = readMeta(this.sql);
    if (!meta) return "missing";
    if (meta.expired) return "expired";
    const allowed = this.allowed(input.filter, input.directoryFiles ?? null);
    this.vectorCache ??= VectorCache.load(this.sql);
    const best = new Map<number, number>();
    for (const q of input.queries) {
      // A retriever whose weight is 0 is not asked at all: its candidates could only score 0.
      const keyword = q.fts && input.weights.text > 0 ? keywordCandidates(this.sql, q.fts, input.candidates, allowed) : [];
      let vector = q.vector && input.weights.embedding > 0 ? this.vectorCache.search(new Float32Array(q.vector), input.candidates, allowed) : [];
      if (q.externalHits?.length && input.weights.embedding > 0) vector = mergeHits(vector, q.externalHits);
      for (const f of fuse(keyword, vector, input.weights, { candidateLimit: input.candidates, vectorCalibration: input.vectorCalibration })) best.set(f.chunkId, Math.max(best.get(f.chunkId) ?? 0, f.score));
    }
    const top = [...best.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, input.limit);
    const rows = hydrate(this.sql, top.map(([id]) => id));
    const out: ScoredChunk[] = [];
    for (const [id, score] of top) {
      const row = rows.get(id);
      // Hits of detached files (still in Vectorize for a moment) have no row and are dropped here.
      if (row && (!allowed || allowed.has(row.file_id))) out.push({ ...row, score });
    }
    await this.markActive();
    return out;
  }

  /** Completed files whose attributes pass the filter: Vectorize gets them as a `file_id $in` list. */
  matchingFileIds(filter: Filter | null, directoryFiles: DirectoryFileFilter | null = null): string[] {
    return [...(this.allowed(filter, directoryFiles) ?? [])];
  }

  /** Files that pass the attribute filter and the static filter (null: no restriction). */
  private allowed(filter: Filter | null, directoryFiles: DirectoryFileFilter | null): Set<string> | null {
    return intersect(allowedFiles(this.sql, filter), directoryFiles ? syncTable.filesExportedFrom(this.sql, directoryFiles) : null);
  }

  // --- Vectorize write confirmation ---------------------------------------------------------

  /**
   * Vectorize applies writes asynchronously, so the object keeps the vectors it just wrote and searches them too
   * until Vectorize confirms the mutation; `mutation_id` holds "<written at ms>:<mutation id>".
   */
  async markPending(chunkIds: number[], mutationId: string): Promise<void> {
    const tag = `${Date.now()}:${mutationId}`;
    for (const id of chunkIds) this.sql.run(`UPDATE vectors SET mutation_id = ? WHERE chunk_id = ?`, tag, id);
  }

  /** Drops local copies of vectors written before Vectorize's processedUpToDatetime; returns how many remain. */
  confirmVectorsBefore(processedUpToMs: number): number {
    this.sql.run(`DELETE FROM vectors WHERE mutation_id IS NOT NULL AND CAST(substr(mutation_id, 1, instr(mutation_id, ':') - 1) AS INTEGER) <= ?`, processedUpToMs);
    this.invalidateVectors();
    return this.sql.all<{ n: number }>(`SELECT COUNT(*) AS n FROM vectors WHERE mutation_id IS NOT NULL`)[0]?.n ?? 0;
  }
}

/** Vectorize hits and the object's own (unconfirmed) vectors: a chunk found by both keeps its higher score. */
function mergeHits(a: VectorHit[], b: VectorHit[]): VectorHit[] {
  const best = new Map<number, number>();
  for (const h of [...a, ...b]) best.set(h.chunkId, Math.max(best.get(h.chunkId) ?? -Infinity, h.score));
  return [...best.entries()].map(([chunkId, score]) => ({ chunkId, score })).sort((x, y) => y.score - x.score || x.chunkId - y.chunkId);
}

/** Files allowed by both restrictions (null = no restriction). */
function intersect(a: Set<string> | null, b: Set<string> | null): Set<string> | null {
  if (!a || !b) return a ?? b;
  return new Set([...a].filter((id) => b.has(id)));
}
