// The store object's own facts (identity, expiry policy, activity) in its `meta` key/value table.
import type { Sql } from "./sql";

export interface StoreMeta {
  storeId: string;
  projectId: string;
  createdAt: number;
  expiresAfterDays: number | null;
  lastActiveAt: number;
  expired: boolean;
  /** False: no embeddings are made or written (StoreInit.vectors); absent (stores made before it) = true. */
  vectors?: boolean | undefined;
}

const KEYS = ["storeId", "projectId", "createdAt", "expiresAfterDays", "lastActiveAt", "expired", "vectors"] as const;

export function readMeta(sql: Sql): StoreMeta | null {
  const rows = sql.all<{ key: string; value: string }>(`SELECT key, value FROM meta WHERE key IN (${KEYS.map(() => "?").join(",")})`, ...KEYS);
  if (rows.length === 0) return null;
  const m = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return m as unknown as StoreMeta;
}

/**
 * Writes the given keys. Only a whole meta (initialize) creates it: a partial patch on an object without meta — one
 * destroyed because its store was deleted, reached by a request already in flight — writes nothing, so the store
 * cannot come back half-made.
 */
export function writeMeta(sql: Sql, patch: Partial<StoreMeta>): void {
  if (patch.storeId === undefined && readMeta(sql) === null) return;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    sql.run(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`, key, JSON.stringify(value));
  }
}

export function expiresAt(meta: StoreMeta): number | null {
  return meta.expiresAfterDays === null ? null : meta.lastActiveAt + meta.expiresAfterDays * 86_400;
}

/**
 * Store-wide counters that never go back: file generations (a re-attach after a detach must not reuse a
 * generation an old queue message still carries) and chunk ids (Vectorize may still hold `vs:N` of a deleted
 * chunk N, so N must never name another chunk). Returns the first of `count` new values.
 */
export function nextSequence(sql: Sql, key: "generation_seq" | "chunk_seq", count = 1): number {
  const row = sql.all<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key)[0];
  let current = row ? Number(row.value) : 0;
  if (key === "chunk_seq" && !row) {
    // Stores created before this counter existed continue after their highest chunk id.
    current = sql.all<{ m: number | null }>(`SELECT MAX(chunk_id) AS m FROM chunks`)[0]?.m ?? 0;
  }
  sql.run(`INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)`, key, String(current + count));
  return current + 1;
}
