// Keyset SQL for token-paginated catalog lists (the LlamaCloud face): strictly after the previous page's last row.
import type { TokenPageRequest } from "../../core/pagination";

export interface TokenKeyset {
  /** " AND (…) > (?, ?)" or "". */
  where: string;
  binds: Array<string | number>;
  orderBy: string;
}

/**
 * `column` is a trusted column name of ours (never client input). A `unique` column (rowid, id) orders alone;
 * any other is tie-broken by `id`.
 */
export function tokenKeyset(column: string, direction: "ASC" | "DESC", req: TokenPageRequest, unique = false): TokenKeyset {
  const orderBy = unique ? `${column} ${direction}` : `${column} ${direction}, id ${direction}`;
  if (!req.after) return { where: "", binds: [], orderBy };
  const cmp = direction === "ASC" ? ">" : "<";
  if (unique) return { where: ` AND ${column} ${cmp} ?`, binds: [req.after.key], orderBy };
  return { where: ` AND (${column}, id) ${cmp} (?, ?)`, binds: [req.after.key, req.after.id], orderBy };
}

/**
 * Insertion order: ids are random and ISO timestamps tie within a millisecond, so creation-ordered lists page by
 * SQLite's rowid (it only grows while the newest row exists, and a larger one is always newer), selected as `seq`.
 */
export const insertionOrder = (direction: "ASC" | "DESC", req: TokenPageRequest) => tokenKeyset("rowid", direction, req, true);
