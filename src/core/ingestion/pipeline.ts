// One ingest message: claim the next slice of a file, parse (cached), chunk, embed, write through the store object.
import type { SliceOutcome } from "../../platform/store-object/object";
import { fileKey } from "../../platform/r2/blob-store";
import { chunkText, countTokens } from "./chunker";
import { parseDocument } from "./parse";
import { readParsed, writeParsed, type CachedParse } from "./parsed-cache";
import type { IngestFileMessage } from "./messages";
import type { Embedder } from "../ports";
import type { StoreObjects } from "../vector-stores/store-objects";
import type { VectorIndex } from "../search/vector-index";

/** OpenAI's per-file limit for vector stores (retrieval guide). */
export const MAX_TOKENS_PER_FILE = 5_000_000;
/**
 * Chunks per message. 200 chunks × 800 tokens is ~160k tokens to embed: a few seconds of CPU for the hash
 * embedder and 2 Workers AI calls of 100 — far from the 30 s CPU, 128 MB and subrequest limits.
 */
export const SLICE_CHUNKS = 200;

export type IngestResult = { outcome: SliceOutcome | "failed" | "gone" };

export interface IngestDeps {
  bucket: R2Bucket;
  objects: StoreObjects;
  embedder: Embedder;
  vectorIndex: VectorIndex;
}

async function loadParsed(deps: IngestDeps, fileId: string, filename: string): Promise<CachedParse | { failed: "unsupported_file" | "invalid_file"; message: string } | null> {
  const cached = await readParsed(deps.bucket, fileId);
  if (cached) return cached;
  const object = await deps.bucket.get(fileKey(fileId));
  if (!object) return null;
  const result = await parseDocument(new Uint8Array(await object.arrayBuffer()), filename);
  if (!result.ok) return { failed: result.code, message: result.message };
  const parsed: CachedParse = { ...result.document, tokenCount: await countTokens(result.document.text) };
  await writeParsed(deps.bucket, fileId, parsed);
  return parsed;
}

export async function ingestSlice(deps: IngestDeps, msg: IngestFileMessage): Promise<IngestResult> {
  const object = deps.objects.get(msg.store_id);
  const claim = await object.claimSlice(msg.file_id, msg.generation);
  if (!claim) return { outcome: "stale" };

  const parsed = await loadParsed(deps, msg.file_id, claim.filename);
  if (parsed === null) {
    // The bytes are gone: the file was deleted while this message waited. The delete cascade detaches it.
    return { outcome: "gone" };
  }
  if ("failed" in parsed) {
    await object.failFile(msg.file_id, msg.generation, parsed.failed, parsed.message);
    return { outcome: "failed" };
  }
  if (parsed.tokenCount > MAX_TOKENS_PER_FILE) {
    await object.failFile(msg.file_id, msg.generation, "invalid_file", `The file could not be parsed because it is too large: ${parsed.tokenCount} tokens, the limit is ${MAX_TOKENS_PER_FILE}.`);
    return { outcome: "failed" };
  }

  const { chunks, next } = await chunkText(parsed, { maxTokens: claim.maxTokens, overlapTokens: claim.overlapTokens }, {
    startChar: claim.checkpoint.startChar,
    firstIndex: claim.checkpoint.firstIndex,
    maxChunks: SLICE_CHUNKS,
  });
  const vectors: Float32Array[] = [];
  for (let i = 0; i < chunks.length; i += deps.embedder.maxBatchSize) {
    vectors.push(...(await deps.embedder.embed(chunks.slice(i, i + deps.embedder.maxBatchSize).map((c) => c.text), "document")));
  }
  const buffers = vectors.map((v) => v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer);
  const { outcome, inserted } = await object.writeSlice({
    fileId: msg.file_id,
    generation: msg.generation,
    from: claim.checkpoint,
    chunks,
    vectors: buffers,
    next,
    dimensions: deps.embedder.dimensions,
    keepVectors: true,
    mutationId: null,
  });
  if (inserted.length > 0 && deps.vectorIndex.kind === "vectorize") {
    // Vectors were written with the chunks (so `completed` is searchable at once); Vectorize catches up.
    const chunkIds = inserted.map((x) => x.chunkId);
    const mutationId = await deps.vectorIndex.upsertChunks(msg.store_id, chunkIds, inserted.map((x) => vectors[x.position]!), msg.file_id);
    if (mutationId) await object.markPending(chunkIds, mutationId);
  }
  return { outcome };
}
