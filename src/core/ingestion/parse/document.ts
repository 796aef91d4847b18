// The result shapes every format parser returns, and the page join shared by the paged formats.
import type { ParseResult } from "../../ports";

export const UNPARSABLE = "The file could not be parsed.";

export function parsed(text: string, pageStarts: number[] | null = null): ParseResult {
  return { ok: true, document: { text, pageStarts } };
}

export function invalidFile(detail?: string): ParseResult {
  return { ok: false, code: "invalid_file", message: detail ? `${UNPARSABLE} ${detail}` : UNPARSABLE };
}

export function unsupportedFile(message = "The file type is not supported."): ParseResult {
  return { ok: false, code: "unsupported_file", message };
}

/** One text with a blank line between pages; pageStarts[i] is where page i+1 begins. */
export function joinPages(pages: readonly string[]): ParseResult {
  const pageStarts: number[] = [];
  let text = "";
  for (const [i, page] of pages.entries()) {
    if (i > 0) text += "\n\n";
    pageStarts.push(text.length);
    text += page;
  }
  return parsed(text, pageStarts);
}

/** CRLF and lone CR become LF, so offsets and boundary detection see one newline convention. */
export function normalizeNewlines(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}
