// A retrieved chunk → LlamaCloud's retrieval result: content, score, metadata (attributes + file), static_fields.
import type { RetrievedChunk } from "../../core/indexes/retrieval-service";
import type { Attributes } from "../../core/ports";

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
      chunk_index: chunk.chunk_index,
      chunk_start_char: chunk.start_char,
      chunk_end_char: chunk.end_char,
      chunk_token_count: chunk.token_count,
      page_range_start: chunk.page_start,
      page_range_end: chunk.page_end,
      attachments: [],
    },
  };
}
