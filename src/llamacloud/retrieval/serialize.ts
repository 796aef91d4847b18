// A retrieved chunk → LlamaCloud's retrieval result: content, score, metadata (attributes + file), static_fields.
import type { RetrievedChunk } from "../../core/indexes/retrieval-service";
import type { Attributes } from "../../core/ports";
import { chunkPosition } from "../../core/store-object/files";

export function serializeResult(chunk: RetrievedChunk, reranked: boolean) {
  const attributes = chunk.attributes ? (JSON.parse(chunk.attributes) as Attributes) : {};
  return {
    content: chunk.text,
    score: chunk.score,
    rerank_score: reranked ? chunk.score : null,
    // Our fields last: file_id and file_name always describe the chunk's file.
    metadata: { ...attributes, file_id: chunk.file_id, file_name: chunk.filename },
    static_fields: {
      parsed_directory_file_id: chunk.directoryFileId,
      ...chunkPosition(chunk),
      attachments: [],
    },
  };
}
