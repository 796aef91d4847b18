// FileRow → the spec's OpenAIFile object.
import type { FileRow } from "../../platform/d1/files-repo";

export function serializeFile(row: FileRow) {
  return {
    id: row.id,
    object: "file" as const,
    bytes: row.bytes,
    created_at: row.created_at,
    // The spec types expires_at as an integer (not nullable): omit it for files that never expire.
    ...(row.expires_at !== null ? { expires_at: row.expires_at } : {}),
    filename: row.filename,
    purpose: row.purpose,
    status: "processed" as const,
  };
}
