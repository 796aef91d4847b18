// Search inside one store: the attribute filter, BM25 keyword candidates, and hydration of ranked chunks.
import { matchesFilter } from "../../core/search/filters";
import type { Attributes, Filter } from "../../core/ports";
import type { Sql } from "./sql";
import type { HydratedChunk } from "../../core/store-object/search";

/** Completed files passing the filter; null = no filter (every file). */
export function allowedFiles(sql: Sql, filter: Filter | null): Set<string> | null {
  if (!filter) return null;
  const rows = sql.all<{ file_id: string; attributes: string | null }>(`SELECT file_id, attributes FROM files WHERE status = 'completed'`);
  return new Set(rows.filter((r) => matchesFilter(filter, r.attributes ? (JSON.parse(r.attributes) as Attributes) : null)).map((r) => r.file_id));
}

/** Extra FTS rows fetched before dropping chunks that are not searchable (in-progress files, old generations). */
const KEYWORD_SLACK = 20;

/**
 * BM25 candidates. SQLite's bm25() is negative with better matches more negative, so it is negated here
 * ("higher is better" for fusion). Only chunks of completed files' current generation count.
 */
export function keywordCandidates(sql: Sql, ftsQuery: string, limit: number, allowed: Set<string> | null): Array<{ chunkId: number; score: number }> {
  if (allowed && allowed.size === 0) return [];
  if (!allowed) {
    // Rank inside FTS5 first and join only the top rows: joining every match before ORDER BY costs a lookup per
    // matching chunk. The extra rows cover chunks of in-progress files or old generations, which are dropped;
    // if so many were dropped that the list came up short, the exact (joined) query below runs instead.
    const fast = sql.all<{ chunkId: number; score: number; searchable: number }>(
      `SELECT t.chunkId, t.score, (f.file_id IS NOT NULL) AS searchable FROM (
         SELECT rowid AS chunkId, -bm25(chunks_fts) AS score FROM chunks_fts WHERE chunks_fts MATCH ? ORDER BY bm25(chunks_fts) LIMIT ?
       ) t JOIN chunks c ON c.chunk_id = t.chunkId
         LEFT JOIN files f ON f.file_id = c.file_id AND f.generation = c.generation AND f.status = 'completed'
       ORDER BY t.score DESC`,
      ftsQuery, limit + KEYWORD_SLACK,
    );
    const kept = fast.filter((r) => r.searchable).slice(0, limit).map(({ chunkId, score }) => ({ chunkId, score }));
    if (kept.length === limit || fast.length < limit + KEYWORD_SLACK) return kept;
  }
  const onlyFiles = allowed ? ` AND c.file_id IN (SELECT value FROM json_each(?))` : "";
  return sql.all<{ chunkId: number; score: number }>(
    `SELECT c.chunk_id AS chunkId, -bm25(chunks_fts) AS score
       FROM chunks_fts JOIN chunks c ON c.chunk_id = chunks_fts.rowid
       JOIN files f ON f.file_id = c.file_id AND f.generation = c.generation AND f.status = 'completed'
      WHERE chunks_fts MATCH ?${onlyFiles} ORDER BY bm25(chunks_fts) LIMIT ?`,
    ...(allowed ? [ftsQuery, JSON.stringify([...allowed]), limit] : [ftsQuery, limit]),
  );
}

export type { HydratedChunk };

/** Chunk rows for ids; ids whose file is gone or not completed are dropped (deleted content is never returned). */
export function hydrate(sql: Sql, chunkIds: number[]): Map<number, HydratedChunk> {
  const out = new Map<number, HydratedChunk>();
  if (chunkIds.length === 0) return out;
  const rows = sql.all<HydratedChunk>(
    `SELECT c.chunk_id, c.file_id, f.filename, f.attributes, c.text, c.chunk_index, c.start_char, c.end_char, c.token_count, c.page_start, c.page_end
       FROM chunks c JOIN files f ON f.file_id = c.file_id AND f.generation = c.generation AND f.status = 'completed'
      WHERE c.chunk_id IN (SELECT value FROM json_each(?))`,
    JSON.stringify(chunkIds),
  );
  for (const r of rows) out.set(r.chunk_id, r);
  return out;
}
