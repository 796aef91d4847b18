// StoreFileRow → the spec's VectorStoreFileObject (chunking echoed as static, never auto).
import { chunkPosition, type FileChunk, type StoreFileRow } from "../../../core/store-object/files";

export function serializeVectorStoreFile(storeId: string, row: StoreFileRow) {
  return {
    id: row.file_id,
    object: "vector_store.file" as const,
    usage_bytes: row.usage_bytes,
    created_at: row.created_at,
    vector_store_id: storeId,
    status: row.status,
    last_error: row.last_error_code ? { code: row.last_error_code, message: row.last_error_message ?? "" } : null,
    chunking_strategy: {
      type: "static" as const,
      static: { max_chunk_size_tokens: row.max_chunk_tokens, chunk_overlap_tokens: row.overlap_tokens },
    },
    attributes: row.attributes === null ? null : (JSON.parse(row.attributes) as Record<string, string | number | boolean>),
  };
}

/** A stored chunk → an item of the content endpoint's chunk view (field names as LlamaCloud retrieval's static_fields). */
export function serializeContentChunk(chunk: FileChunk) {
  return { type: "chunk" as const, text: chunk.text, ...chunkPosition(chunk) };
}
