// Search inside one store: the attribute filter, BM25 keyword candidates, and hydration of ranked chunks.
import { matchesFilter } from "../../core/search/filters";
import { LANGUAGES, MARKER_WORDS } from "../../core/search/language";
import { matchExpression, type FtsPhrase, type FtsQuery } from "../../core/search/rewrite";
import type { Attributes, Filter } from "../../core/ports";
import { PRIOR_ROWS } from "./chunks-table";
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

/** FTS5's bm25() term-frequency saturation k1 (fts5_aux.c: k1 = 1.2, b = 0.75). */
const BM25_K1 = 1.2;

/** Rows in the keyword index (chunks of every state, and the prior's pseudo-documents): FTS5's N. */
function indexedRows(sql: Sql): number {
  return sql.all<{ n: number }>(`SELECT count(*) AS n FROM chunks_terms_docsize`)[0]?.n ?? 0;
}

/**
 * The most bm25() can give this query in this store: Σ over its phrases of IDF × (k1 + 1), the limit of each
 * phrase's saturation as its frequency in a chunk grows. IDF exactly as FTS5 computes it (fts5_aux.c):
 * ln((N − n + 0.5) / (n + 0.5)), at least 1e-6, with N the indexed chunks and n those containing the phrase.
 */
export function bm25Ceiling(sql: Sql, phrases: readonly FtsPhrase[]): number {
  const total = indexedRows(sql);
  const terms = phrases.filter((p) => p.length === 1).map((p) => p[0]!);
  const df = new Map<string, number>();
  if (terms.length > 0)
    for (const r of sql.all<{ term: string; doc: number }>(`SELECT term, doc FROM chunks_terms_vocab WHERE term IN (${terms.map(() => "?").join(",")})`, ...terms))
      df.set(r.term, r.doc);
  let ceiling = 0;
  for (const p of phrases) {
    const n = p.length === 1
      ? (df.get(p[0]!) ?? 0)
      : (sql.all<{ n: number }>(`SELECT count(*) AS n FROM chunks_terms WHERE chunks_terms MATCH ?`, matchExpression([p]))[0]?.n ?? 0);
    ceiling += Math.max(1e-6, Math.log((total - n + 0.5) / (n + 0.5))) * (BM25_K1 + 1);
  }
  return ceiling;
}

/**
 * BM25 candidates, best first, each scored on an absolute scale: bm25() over the analysed terms (`chunks_terms`),
 * divided by bm25Ceiling() — in [0, 1], the share of what this query could score at most here. A chunk with every
 * query term once at average length scores 1 / (k1 + 1) ≈ 0.45; one incidental word of five scores about a fifth
 * of that. Only chunks of completed files' current generation count.
 */
export function keywordCandidates(sql: Sql, query: FtsQuery, limit: number, allowed: Set<string> | null): Array<{ chunkId: number; score: number }> {
  const language = query.stemmedFor ? storeLanguage(sql) : null;
  const phrases = (language && query.stemmedFor?.[language]) || query.phrases;
  if (phrases.length === 0 || (allowed && allowed.size === 0)) return [];
  const raw = rawKeywordCandidates(sql, matchExpression(phrases), limit, allowed);
  if (raw.length === 0) return raw;
  const ceiling = bm25Ceiling(sql, phrases);
  return raw.map(({ chunkId, score }) => ({ chunkId, score: ceiling > 0 ? Math.min(1, Math.max(0, score / ceiling)) : 0 }));
}

/**
 * The language most of the store's chunks are written in, when one is (its marker word in more than half the
 * chunks): the language a query that does not tell its own is taken to be in.
 */
function storeLanguage(sql: Sql): (typeof LANGUAGES)[number] | null {
  const chunks = indexedRows(sql) - PRIOR_ROWS;
  const markers = LANGUAGES.map((l) => MARKER_WORDS[l]);
  const rows = sql.all<{ term: string; doc: number }>(`SELECT term, doc FROM chunks_terms_vocab WHERE term IN (${markers.map(() => "?").join(",")})`, ...markers);
  const top = rows.sort((a, b) => b.doc - a.doc)[0];
  return top && top.doc * 2 > chunks ? (LANGUAGES.find((l) => MARKER_WORDS[l] === top.term) ?? null) : null;
}

/** -bm25() (SQLite's bm25() is negative, better matches more negative) of the best searchable chunks. */
function rawKeywordCandidates(sql: Sql, ftsQuery: string, limit: number, allowed: Set<string> | null): Array<{ chunkId: number; score: number }> {
  if (!allowed) {
    // Rank inside FTS5 first and join only the top rows: joining every match before ORDER BY costs a lookup per
    // matching chunk. The extra rows cover chunks of in-progress files or old generations, which are dropped;
    // if so many were dropped that the list came up short, the exact (joined) query below runs instead.
    const fast = sql.all<{ chunkId: number; score: number; searchable: number }>(
      `SELECT t.chunkId, t.score, (f.file_id IS NOT NULL) AS searchable FROM (
         SELECT rowid AS chunkId, -bm25(chunks_terms) AS score FROM chunks_terms WHERE chunks_terms MATCH ? ORDER BY bm25(chunks_terms) LIMIT ?
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
    `SELECT c.chunk_id AS chunkId, -bm25(chunks_terms) AS score
       FROM chunks_terms JOIN chunks c ON c.chunk_id = chunks_terms.rowid
       JOIN files f ON f.file_id = c.file_id AND f.generation = c.generation AND f.status = 'completed'
      WHERE chunks_terms MATCH ?${onlyFiles} ORDER BY bm25(chunks_terms) LIMIT ?`,
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
