// FileRow → the spec's OpenAIFile object.
import type { FileRow } from "../../core/catalog/files";

/** The purposes the spec's OpenAIFile may carry; LlamaCloud-only purposes (parse, extract, …) show as user_data. */
const OPENAI_PURPOSES = new Set(["assistants", "assistants_output", "batch", "batch_output", "fine-tune", "fine-tune-results", "vision", "user_data", "evals"]);

export function serializeFile(row: FileRow) {
  return {
    id: row.id,
    object: "file" as const,
    bytes: row.bytes,
    created_at: row.created_at,
    // The spec types expires_at as an integer (not nullable): omit it for files that never expire.
    ...(row.expires_at !== null ? { expires_at: row.expires_at } : {}),
    filename: row.filename,
    purpose: OPENAI_PURPOSES.has(row.purpose) ? row.purpose : "user_data",
    status: "processed" as const,
  };
}
