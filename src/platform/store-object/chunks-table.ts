// SQL over the store object's `chunks` (+ their analysed terms in FTS5 `chunks_terms`) and `vectors` tables.
import type { Chunk } from "../../core/ports";
import type { FileChunk } from "../../core/store-object/files";
import { indexText } from "../../core/search/language";
import type { Sql } from "./sql";
import { nextSequence } from "./meta";

/** A row of `chunks`: the chunk as the core sees it (FileChunk) plus its store-wide id, file and generation. */
export interface ChunkRow extends FileChunk {
  chunk_id: number;
  file_id: string;
  generation: number;
}

/**
 * Chunk ids are integers unique within the store and never reused (meta `chunk_seq`); the Vectorize id is
 * `${storeId}:${chunkId}` (≤ 64 bytes).
 */
export function insertChunks(sql: Sql, fileId: string, generation: number, chunks: Chunk[], vectors: ArrayBuffer[], keepVectors: boolean, mutationId: string | null): Array<{ chunkId: number; position: number }> {
  const ids: Array<{ chunkId: number; position: number }> = [];
  if (chunks.length === 0) return ids;
  let nextId = nextSequence(sql, "chunk_seq", chunks.length);
  chunks.forEach((c, i) => {
    // DO NOTHING: a redelivered slice that already landed inserts nothing twice.
    const row = sql.all<{ chunk_id: number }>(
      `INSERT INTO chunks (chunk_id, file_id, generation, chunk_index, text, start_char, end_char, token_count, page_start, page_end)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (file_id, generation, chunk_index) DO NOTHING RETURNING chunk_id`,
      nextId++, fileId, generation, c.index, c.text, c.startChar, c.endChar, c.tokenCount, c.pageStart, c.pageEnd,
    )[0];
    if (!row) return;
    ids.push({ chunkId: row.chunk_id, position: i });
    sql.run(`INSERT INTO chunks_terms (rowid, terms) VALUES (?, ?)`, row.chunk_id, indexText(c.text));
    if (keepVectors) sql.run(`INSERT OR REPLACE INTO vectors (chunk_id, file_id, embedding, mutation_id) VALUES (?, ?, ?, ?)`, row.chunk_id, fileId, vectors[i]!, mutationId);
  });
  return ids;
}

/** Pseudo-documents in `chunks_terms` (seedPriorRows): how many, and how many terms each. */
export const PRIOR_ROWS = 50;
const PRIOR_LENGTH = 200;
/** The one term of the pseudo-documents: fold() maps ˣ to x, so no analysed text or query ever contains it. */
const PRIOR_TERM = "ˣ";

/**
 * Adds PRIOR_ROWS pseudo-documents (rowids −1…−PRIOR_ROWS, no chunk: never returned) that contain no query term.
 * FTS5's BM25 IDF, ln((N − n + 0.5) / (n + 0.5)), is 0 for a term in half the chunks, so in a store of a few
 * files every matching word weighs nothing and only the missing ones count: scores would say nothing. The
 * pseudo-documents are a prior on document frequency ("as if the store also held 50 unrelated texts"); in stores
 * of thousands of chunks they change nothing (SciFact nDCG@10 the same to 4 digits). 50 × 200 terms were the
 * best of the settings tried on SciFact, XQuAD-R and the calibration figure (1,000 rows cost XQuAD-R up to 0.03).
 */
export function seedPriorRows(sql: Sql): void {
  const text = Array.from({ length: PRIOR_LENGTH }, () => PRIOR_TERM).join(" ");
  for (let i = 1; i <= PRIOR_ROWS; i++) {
    sql.run(`DELETE FROM chunks_terms WHERE rowid = ?`, -i);
    sql.run(`INSERT INTO chunks_terms (rowid, terms) VALUES (?, ?)`, -i, text);
  }
}

/** Chunks re-analysed per statement batch by reanalyzeChunks: bounds the memory one page of chunk texts takes. */
const REANALYZE_PAGE = 500;

/**
 * Rebuilds `chunks_terms` from every chunk's text with the current analyser (schema migration v4: chunks written
 * before it were indexed by FTS5's own `porter unicode61`). Idempotent: existing rows are replaced.
 */
export function reanalyzeChunks(sql: Sql): void {
  for (let after = -1; ; ) {
    const page = sql.all<{ chunk_id: number; text: string }>(`SELECT chunk_id, text FROM chunks WHERE chunk_id > ? ORDER BY chunk_id LIMIT ?`, after, REANALYZE_PAGE);
    for (const c of page) {
      sql.run(`DELETE FROM chunks_terms WHERE rowid = ?`, c.chunk_id);
      sql.run(`INSERT INTO chunks_terms (rowid, terms) VALUES (?, ?)`, c.chunk_id, indexText(c.text));
    }
    if (page.length < REANALYZE_PAGE) return;
    after = page[page.length - 1]!.chunk_id;
  }
}

/** Removes a file's chunks (FTS rows go with them via the trigger) and vectors; returns the removed chunk ids. */
export function deleteFileChunks(sql: Sql, fileId: string, exceptGeneration?: number): number[] {
  const cond = exceptGeneration === undefined ? "" : " AND generation <> ?";
  const binds: (string | number)[] = exceptGeneration === undefined ? [fileId] : [fileId, exceptGeneration];
  const ids = sql.all<{ chunk_id: number }>(`SELECT chunk_id FROM chunks WHERE file_id = ?${cond}`, ...binds).map((r) => r.chunk_id);
  sql.run(`DELETE FROM chunks WHERE file_id = ?${cond}`, ...binds);
  if (exceptGeneration === undefined) sql.run(`DELETE FROM vectors WHERE file_id = ?`, fileId);
  else for (const id of ids) sql.run(`DELETE FROM vectors WHERE chunk_id = ?`, id);
  return ids;
}

/** The chunks of a file's generation that overlap characters [start, end), in order. */
export function chunksOverlapping(sql: Sql, fileId: string, generation: number, start: number, end: number): Array<Pick<ChunkRow, "text" | "start_char" | "end_char">> {
  return sql.all(`SELECT text, start_char, end_char FROM chunks WHERE file_id = ? AND generation = ? AND end_char > ? AND start_char < ? ORDER BY chunk_index`, fileId, generation, start, end);
}

/** Up to `limit` chunks of a file generation after chunk_index `afterIndex`, in order (for the content endpoint's chunk view). */
export function chunksPage(sql: Sql, fileId: string, generation: number, afterIndex: number, limit: number): FileChunk[] {
  return sql.all(
    `SELECT chunk_index, text, start_char, end_char, token_count, page_start, page_end FROM chunks
     WHERE file_id = ? AND generation = ? AND chunk_index > ? ORDER BY chunk_index LIMIT ?`,
    fileId, generation, afterIndex, limit,
  );
}

/** Length of a file generation's parsed text: the furthest chunk end (0 without chunks). */
export function textLength(sql: Sql, fileId: string, generation: number): number {
  return sql.all<{ n: number | null }>(`SELECT MAX(end_char) AS n FROM chunks WHERE file_id = ? AND generation = ?`, fileId, generation)[0]?.n ?? 0;
}

