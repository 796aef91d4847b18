// FileRow → LlamaCloud's File object (ISO-8601 timestamps, `name`, `file_type` from the extension).
import { extensionOf } from "../../core/ingestion/file-types";
import type { FileRow } from "../../core/catalog/files";
import { isoFromSeconds } from "../shared/time";

export function serializeLlamaFile(row: FileRow) {
  const created = isoFromSeconds(row.created_at);
  return {
    id: row.id,
    name: row.filename,
    project_id: row.project_id,
    purpose: row.purpose,
    file_type: extensionOf(row.filename).slice(1) || null,
    file_size: row.bytes,
    external_file_id: row.external_file_id,
    data_source_id: null,
    download_url: null,
    created_at: created,
    updated_at: created,
    // Files are immutable: last modified is when the bytes arrived.
    last_modified_at: created,
    expires_at: isoFromSeconds(row.expires_at),
  };
}

/** Files sort newest first by default (insertion sequence), or by name / id ascending. */
export function fileCursor(orderBy: "created_at" | "name" | "id") {
  return (row: FileRow & { seq: number }): [string | number, string] => [orderBy === "created_at" ? row.seq : orderBy === "name" ? row.filename : row.id, row.id];
}
