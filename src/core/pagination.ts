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
