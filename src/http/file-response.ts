// A stored file's bytes as a download response, shared by both faces' content endpoints.
import type { FileRow } from "../core/catalog/files";

export function fileDownloadResponse(row: FileRow, body: R2ObjectBody): Response {
  return new Response(body.body, {
    headers: {
      "content-type": row.content_type && row.content_type !== "" ? row.content_type : "application/octet-stream",
      "content-length": String(body.size),
      // RFC 6266 / 5987: an ASCII fallback plus the exact UTF-8 name.
      "content-disposition": `attachment; filename="${row.filename.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
    },
  });
}
