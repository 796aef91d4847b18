// LlamaCloud's cursor pagination: `page_size` + `page_token` in, `{items, next_page_token}` out (null on the last page).
import { z } from "zod";
import { badRequest } from "../../http/errors";
import type { TokenPage, TokenPageRequest } from "../../core/pagination";

export const DEFAULT_PAGE_SIZE = 50;
/** "The maximum value is typically 1000; values above this will be coerced to the maximum" (LlamaCloud SDK docs). */
export const MAX_PAGE_SIZE = 1000;

export const PageParams = {
  page_size: z.coerce.number().int().min(1).optional().transform((n) => Math.min(n ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)),
  page_token: z.string().max(1024).optional(),
};

/** The token is opaque to clients: base64url of [sort key, id] of the previous page's last row. */
export function encodePageToken(key: string | number, id: string): string {
  return btoa(JSON.stringify([key, id])).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodePageToken(token: string | undefined): TokenPageRequest["after"] {
  if (token === undefined) return null;
  try {
    const value: unknown = JSON.parse(atob(token.replace(/-/g, "+").replace(/_/g, "/")));
    if (Array.isArray(value) && value.length === 2 && (typeof value[0] === "string" || typeof value[0] === "number") && typeof value[1] === "string")
      return { key: value[0], id: value[1] };
  } catch {
    // Not base64 or not JSON: answered below like any other foreign token.
  }
  throw badRequest("Invalid 'page_token': pass the next_page_token of the previous page unchanged.", "page_token", "invalid_page_token");
}

export function pageRequest(q: { page_size: number; page_token?: string | undefined }): TokenPageRequest {
  return { pageSize: q.page_size, after: decodePageToken(q.page_token) };
}

export function pageResponse<T, W>(page: TokenPage<T>, serialize: (row: T) => W, cursorOf: (row: T) => [string | number, string]) {
  return {
    items: page.items.map(serialize),
    next_page_token: page.last ? encodePageToken(...cursorOf(page.last)) : null,
  };
}

/** Cursor of the creation-ordered lists (directories, directory files, indexes): the row's insertion sequence. */
export const bySequence = (row: { seq: number; id: string }): [number, string] => [row.seq, row.id];
