// UploadRow / UploadPartRow → the spec's Upload and UploadPart objects.
import type { FileRow } from "../../core/catalog/files";
import type { UploadPartRow, UploadRow } from "../../core/catalog/uploads";
import { serializeFile } from "../files/serialize";

/** Spec `Upload`; `file` is the made File once completed, else null. */
export function serializeUpload(row: UploadRow, file: FileRow | null = null) {
  return {
    id: row.id,
    object: "upload" as const,
    bytes: row.bytes,
    created_at: row.created_at,
    filename: row.filename,
    purpose: row.purpose,
    status: row.status,
    expires_at: row.expires_at,
    file: file ? serializeFile(file) : null,
  };
}

/** Spec `UploadPart`. */
export function serializeUploadPart(part: UploadPartRow) {
  return { id: part.id, object: "upload.part" as const, created_at: part.created_at, upload_id: part.upload_id };
}
