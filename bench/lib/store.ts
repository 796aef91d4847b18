// An in-process store for the quality benchmarks: the store object's own schema, writes and retrieval over node:sqlite.
//
// Nothing here re-implements search: migrate() creates the production tables (FTS5 over analysed terms),
// insertChunks() writes chunks and their terms, keywordCandidates() is the production BM25 query and its absolute
// scale, VectorCache is the local vector index, fuse() the production fusion and calibration. One file and one
// chunk per document (every benchmark document is far below 800 tokens).
import { DatabaseSync } from "node:sqlite";
import type { Embedder } from "../../src/core/ports";
import { vectorCalibration } from "../../src/core/search/calibration";
import { CANDIDATES_PER_RETRIEVER, defaultHybridWeights, fuse, type Candidate, type Fused, type HybridWeights } from "../../src/core/search/fusion";
import { ftsQuery } from "../../src/core/search/rewrite";
import { insertChunks } from "../../src/platform/store-object/chunks-table";
import { complete, upsertInProgress } from "../../src/platform/store-object/files-table";
import { migrate } from "../../src/platform/store-object/schema";
import { keywordCandidates } from "../../src/platform/store-object/search-table";
import type { Sql, SqlValue } from "../../src/platform/store-object/sql";
import { VectorCache } from "../../src/platform/store-object/vector-cache";

/** node:sqlite behind the store object's Sql surface (BLOBs in as Uint8Array, out as ArrayBuffer like DO SQLite). */
function nodeSql(db: DatabaseSync): Sql {
  const bind = (binds: SqlValue[]) => binds.map((b) => (b instanceof ArrayBuffer ? new Uint8Array(b) : b));
  const out = (row: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(row)) if (v instanceof Uint8Array) row[k] = v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
    return row;
  };
  return {
    all: <T>(query: string, ...binds: SqlValue[]) => db.prepare(query).all(...bind(binds)).map((r) => out(r as Record<string, unknown>)) as T[],
    run: (query: string, ...binds: SqlValue[]) => void db.prepare(query).run(...bind(binds)),
  };
}

export interface Ranked {
  /** Index of the document in the array the store was built from. */
  doc: number;
  score: number;
}

export interface Retrieved {
  keyword: Ranked[];
  vector: Ranked[];
  /** What search returns with `ranker: "none"`, before score_threshold: fused, best first. */
  hybrid: Ranked[];
}

export class BenchStore {
  private constructor(
    private readonly sql: Sql,
    private readonly embedder: Embedder,
    private readonly vectors: VectorCache,
    private readonly docOf: Map<number, number>,
  ) {}

  /** One completed file with one chunk per document, embedded with `embedder` as ingestion does. */
  static async build(docs: readonly string[], embedder: Embedder): Promise<BenchStore> {
    const db = new DatabaseSync(":memory:");
    const sql = nodeSql(db);
    migrate(sql);
    const docOf = new Map<number, number>();
    db.exec("BEGIN");
    for (let start = 0; start < docs.length; start += embedder.maxBatchSize) {
      const texts = docs.slice(start, start + embedder.maxBatchSize);
      const vectors = await embedder.embed([...texts], "document");
      texts.forEach((text, i) => {
        const fileId = `file-${start + i}`;
        const row = upsertInProgress(sql, { fileId, filename: `${fileId}.txt`, bytes: text.length, attributes: null, maxTokens: 800, overlapTokens: 400 }, 0);
        const v = vectors[i]!;
        const chunk = { index: 0, text, startChar: 0, endChar: text.length, tokenCount: 0, pageStart: null, pageEnd: null };
        for (const { chunkId } of insertChunks(sql, fileId, row.generation, [chunk], [v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer], true, null))
          docOf.set(chunkId, start + i);
        complete(sql, fileId, v.length, 0);
      });
    }
    db.exec("COMMIT");
    return new BenchStore(sql, embedder, VectorCache.load(sql), docOf);
  }

  /** Each retriever's candidates and the fused ranking for each query, with the production defaults unless `weights`. */
  async search(queries: readonly string[], weights?: HybridWeights): Promise<Retrieved[]> {
    const vectors = await this.embedder.embed([...queries], "query");
    const w = weights ?? defaultHybridWeights(this.embedder.id);
    const toDocs = (list: readonly (Candidate | Fused)[]) => list.map((c) => ({ doc: this.docOf.get(c.chunkId) ?? -1, score: c.score }));
    return queries.map((q, i) => {
      const fts = ftsQuery(q);
      const keyword = fts && w.text > 0 ? keywordCandidates(this.sql, fts, CANDIDATES_PER_RETRIEVER, null) : [];
      const vector = w.embedding > 0 ? this.vectors.search(vectors[i]!, CANDIDATES_PER_RETRIEVER, null) : [];
      const hybrid = fuse(keyword, vector, w, { candidateLimit: CANDIDATES_PER_RETRIEVER, vectorCalibration: vectorCalibration(this.embedder.id) });
      return { keyword: toDocs(keyword), vector: toDocs(vector), hybrid: toDocs(hybrid) };
    });
  }
}
