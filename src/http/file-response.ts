// A stored file's bytes as a download response, shared by every download path of both faces.
import type { FileRow } from "../core/catalog/files";
import type { FileBytes } from "../core/files/file-blobs";

/**
 * Media types replayed as uploaded: ones browsers show as inert data (plain text, JSON, images without script) or
 * hand to a document viewer/app. Anything else — HTML, SVG, XML/XHTML, JavaScript, unknown types — would be rendered
 * or run by a browser as the client typed it, so it is served as `application/octet-stream`.
 */
const SAFE_TYPES: ReadonlySet<string> = new Set([
  "text/plain",
  "text/markdown",
  "text/x-markdown",
  "text/csv",
  "text/tab-separated-values",
  "application/json",
  "application/jsonl",
  "application/x-ndjson",
  "application/pdf",
  "application/octet-stream",
  "application/zip",
  "application/gzip",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

/** The Content-Type a download carries: the uploaded one (with its parameters) if its essence is safe. */
export function downloadContentType(stored: string | null): string {
  const essence = (stored ?? "").split(";")[0]!.trim().toLowerCase();
  return SAFE_TYPES.has(essence) ? stored! : "application/octet-stream";
}

/**
 * Every download: always an attachment (never rendered in place), `nosniff` so a browser keeps the declared type,
 * and a sandboxing CSP in case a viewer renders it anyway (no script, no subresources, opaque origin).
 */
export function fileDownloadResponse(row: FileRow, body: FileBytes): Response {
  return new Response(body.body, {
    headers: {
      "content-type": downloadContentType(row.content_type),
      "content-length": String(body.size),
      // RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name.
      "content-disposition": `attachment; filename="${row.filename.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
