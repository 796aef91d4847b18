// Cursor pagination shared by every list: order by (created_at, id); `after`/`before` are object ids.

export type Order = "asc" | "desc";

export interface PageRequest {
  limit: number;
  order: Order;
  after?: string | undefined;
  before?: string | undefined;
}

export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

/** Builds a page from rows fetched with limit+1 (the extra row only proves has_more). */
export function pageFromRows<T>(rows: T[], limit: number, reversed: boolean): Page<T> {
  const hasMore = rows.length > limit;
  const data = rows.slice(0, limit);
  if (reversed) data.reverse();
  return { data, hasMore };
}

/** Token pagination (the LlamaCloud face): resume strictly after the (sort key, id) of the previous page's last row. */
export interface TokenPageRequest {
  pageSize: number;
  after: { key: string | number; id: string } | null;
}

export interface TokenPage<T> {
  items: T[];
  /** The last row of this page when more rows follow; the face turns it into next_page_token. */
  last: T | null;
}

export function tokenPageFromRows<T>(rows: T[], pageSize: number): TokenPage<T> {
  const items = rows.slice(0, pageSize);
  return { items, last: rows.length > pageSize ? (items[items.length - 1] ?? null) : null };
}

/** A listed row carries its insertion sequence (SQLite rowid), the page cursor of creation-ordered lists. */
export type Sequenced<T> = T & { seq: number };
