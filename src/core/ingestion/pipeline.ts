// One ingest message: claim the next slice of a file, parse (cached), chunk, embed, write through the store object.
import type { Checkpoint, SliceClaim, SliceOutcome, SliceWrite } from "../store-object/slices";
import { openFileBytes } from "../files/file-blobs";
import { chunkText, countTokens, type ChunkTextResult } from "./chunker";
import { parseDocument } from "./parse";
import { formatOf } from "./file-types";
import { readParsed, writeParsed, type CachedParse } from "./parsed-cache";
import type { IngestFileMessage } from "./messages";
import { sizeLimitMessage } from "./size-limits";
import { readTextWindow, streamsText } from "./text-window";
import type { Embedder } from "../ports";
import type { StoreObjects } from "../store-object/store-objects";
import type { VectorIndex } from "../search/vector-index";
import type { FilesCatalog } from "../catalog/files";
import type { AttachmentService } from "../vector-stores/attachments";
import { nowSeconds } from "../ids";

/** OpenAI's per-file limit for vector stores (retrieval guide). */
export const MAX_TOKENS_PER_FILE = 5_000_000;
/**
 * Chunks per message. 200 chunks × 800 tokens is ~160k tokens to embed: a few seconds of CPU for the hash
 * embedder and 2 Workers AI calls of 100 — far from the 30 s CPU, 128 MB and subrequest limits.
 */
export const SLICE_CHUNKS = 200;
/**
 * Largest text decoded whole (for a store file's parsed content; ingestion streams text above TEXT_WINDOW_BYTES):
 * the HTML parser, which holds more per byte, passed 20 MB within a 128 MB heap (bench/parse-limits.ts).
 */
const WHOLE_TEXT_MAX_BYTES = 16_000_000;
/** Plain-text files above this size get their parsed text cached (they are read once per slice). */
const PARSE_CACHE_MIN_BYTES = 1024 * 1024;

export type IngestResult = { outcome: SliceOutcome | "failed" | "gone" };

export interface IngestDeps {
  bucket: R2Bucket;
  objects: StoreObjects;
  embedder: Embedder;
  vectorIndex: VectorIndex;
  /** The catalog's files: a message that finds no bytes asks whether the file was deleted. */
  files: FilesCatalog;
  attachments: AttachmentService;
  /** Tokens per file above which a file fails `invalid_file` (MAX_FILE_TOKENS; OpenAI's 5,000,000 by default). */
  maxFileTokens: number;
}

/**
 * Whether the parsed form is worth an R2 object: parsing PDF/DOCX/PPTX/HTML costs CPU, and a large file is read
 * once per slice. A small plain-text file is its own parsed form, so it is decoded from its bytes each time
 * (one R2 read instead of a read, a miss and a write — the local R2 serializes them).
 */
export function cachesParsedText(filename: string, bytes: number): boolean {
  return formatOf(filename) !== "text" || (bytes > PARSE_CACHE_MIN_BYTES && !streamsText(filename, bytes));
}

/** The file-level failure for a text with more tokens than allowed. */
function tooManyTokens(count: string, limit: number): { kind: "failed"; code: "invalid_file"; message: string } {
  return { kind: "failed", code: "invalid_file", message: `The file could not be parsed because it is too large: ${count} tokens, the limit is ${limit}.` };
}

/**
 * The parsed text of a file: from the cache, or parsed from its bytes (and cached when worth it). A file above its
 * format's size limit (size-limits.ts) fails before any byte is read; so does a text too large to be held whole
 * (WHOLE_TEXT_MAX_BYTES; the pipeline streams text, see text-window.ts).
 */
export async function loadParsed(bucket: R2Bucket, fileId: string, filename: string, bytes: number): Promise<CachedParse | { failed: "unsupported_file" | "invalid_file"; message: string } | null> {
  const tooLarge = formatOf(filename) === "text" && bytes > WHOLE_TEXT_MAX_BYTES ? `Text files larger than ${WHOLE_TEXT_MAX_BYTES / 1_000_000} MB are only read in slices.` : sizeLimitMessage(filename, bytes);
  if (tooLarge) return { failed: "invalid_file", message: tooLarge };
  const cacheable = cachesParsedText(filename, bytes);
  if (cacheable) {
    const cached = await readParsed(bucket, fileId);
    if (cached) return cached;
  }
  const object = await openFileBytes(bucket, fileId);
  if (!object) return null;
  const result = await parseDocument(new Uint8Array(await object.arrayBuffer()), filename);
  if (!result.ok) return { failed: result.code, message: result.message };
  // Tokens never outnumber UTF-8 bytes (≤ 3 per UTF-16 unit), so a text that cannot reach the limit is not counted.
  const tokenCount = result.document.text.length * 3 <= MAX_TOKENS_PER_FILE ? null : await countTokens(result.document.text);
  const parsed: CachedParse = { ...result.document, tokenCount };
  if (cacheable) await writeParsed(bucket, fileId, parsed);
  return parsed;
}

type SliceChunks = { kind: "chunks"; chunks: ChunkTextResult["chunks"]; next: Checkpoint | null } | Exclude<PreparedSlice, { kind: "write" }>;

/** The chunks of one slice of a whole-document parse (cached between slices). */
async function parsedSliceChunks(deps: IngestDeps, msg: IngestFileMessage, claim: SliceClaim): Promise<SliceChunks> {
  const parsed = await loadParsed(deps.bucket, msg.file_id, claim.filename, claim.bytes);
  // The bytes are gone: the file was deleted while this message waited (see ingestSlices).
  if (parsed === null) return { kind: "gone", projectId: claim.projectId };
  if ("failed" in parsed) return { kind: "failed", code: parsed.failed, message: parsed.message };
  if (parsed.tokenCount !== null && parsed.tokenCount > deps.maxFileTokens) return tooManyTokens(String(parsed.tokenCount), deps.maxFileTokens);
  const result = await chunkText(parsed, { maxTokens: claim.maxTokens, overlapTokens: claim.overlapTokens }, {
    startChar: claim.checkpoint.startChar,
    firstIndex: claim.checkpoint.firstIndex,
    maxChunks: SLICE_CHUNKS,
  });
  return { kind: "chunks", ...result };
}

/**
 * The chunks of one slice of a large plain-text file, from one ranged read of its bytes (text-window.ts): memory
 * stays bounded whatever the file's size. Tokens are counted as slices go, so the per-file limit fails the file at
 * the slice that crosses it.
 */
async function streamedSliceChunks(deps: IngestDeps, msg: IngestFileMessage, claim: SliceClaim): Promise<SliceChunks> {
  const { checkpoint } = claim;
  const window = await readTextWindow(deps.bucket, msg.file_id, claim.bytes, checkpoint.text);
  if (window === null) return { kind: "gone", projectId: claim.projectId };
  if ("failed" in window) return { kind: "failed", code: window.failed, message: window.message };
  const { chunks, next } = await chunkText({ text: window.text, pageStarts: null }, { maxTokens: claim.maxTokens, overlapTokens: claim.overlapTokens }, {
    startChar: 0,
    firstIndex: checkpoint.firstIndex,
    maxChunks: SLICE_CHUNKS,
    partial: !window.final,
  });
  const tokens = (checkpoint.text?.tokens ?? 0) + (await countTokens(next ? window.text.slice(0, next.startChar) : window.text));
  if (tokens > deps.maxFileTokens) return tooManyTokens(`more than ${deps.maxFileTokens}`, deps.maxFileTokens);
  const base = checkpoint.startChar;
  return {
    kind: "chunks",
    chunks: chunks.map((c) => ({ ...c, startChar: base + c.startChar, endChar: base + c.endChar })),
    next: next && {
      startChar: base + next.startChar,
      firstIndex: next.firstIndex,
      text: { byte: window.byteAt(next.startChar), encoding: window.encoding, tokens },
    },
  };
}

/** Chunks and embeds one claimed slice; a value, not a write, so a batch's slices are written together. */
async function prepareSlice(deps: IngestDeps, msg: IngestFileMessage, claim: SliceClaim): Promise<PreparedSlice> {
  const sliced = streamsText(claim.filename, claim.bytes) ? await streamedSliceChunks(deps, msg, claim) : await parsedSliceChunks(deps, msg, claim);
  if (sliced.kind !== "chunks") return sliced;
  const { chunks, next } = sliced;
  const vectors: Float32Array[] = [];
  // A store without vectors (vector_target DISABLED) keeps the chunks' text only: no embedding call, no vector write.
  for (let i = 0; claim.embed && i < chunks.length; i += deps.embedder.maxBatchSize) {
    vectors.push(...(await deps.embedder.embed(chunks.slice(i, i + deps.embedder.maxBatchSize).map((c) => c.text), "document")));
  }
  return {
    kind: "write",
    vectors,
    write: {
      fileId: msg.file_id,
      generation: msg.generation,
      from: claim.checkpoint,
      chunks,
      vectors: vectors.map((v) => v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer),
      next,
      dimensions: deps.embedder.dimensions,
      keepVectors: claim.embed,
      mutationId: null,
    },
  };
}

type PreparedSlice =
  | { kind: "gone"; projectId: string }
  | { kind: "failed"; code: "unsupported_file" | "invalid_file"; message: string }
  | { kind: "write"; write: SliceWrite; vectors: Float32Array[] };

/**
 * Processes ingest messages of one store together: one RPC claims their slices, each slice is parsed, chunked and
 * embedded, and one RPC writes them all in a single transaction. Returns one result per message, in order; a
 * message whose preparation threw gets the error, so only it is retried.
 */
export async function ingestSlices(deps: IngestDeps, storeId: string, msgs: IngestFileMessage[]): Promise<Array<IngestResult | Error>> {
  const object = deps.objects.get(storeId);
  const claims = await object.claimSlices(msgs.map((m) => ({ fileId: m.file_id, generation: m.generation })));
  const prepared = await Promise.all(
    msgs.map(async (msg, i): Promise<PreparedSlice | Error | null> => {
      const claim = claims[i];
      if (!claim) return null;
      try {
        return await prepareSlice(deps, msg, claim);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
  const writes: Array<{ at: number; slice: Extract<PreparedSlice, { kind: "write" }> }> = [];
  const results: Array<IngestResult | Error> = await Promise.all(
    prepared.map(async (p, i): Promise<IngestResult | Error> => {
      const msg = msgs[i]!;
      if (p === null) return { outcome: "stale" };
      if (p instanceof Error) return p;
      if (p.kind === "gone") {
        // A deleted file leaves the store (no `failed` row names it): this message may run before the delete's or the
        // attach's own detach. Bytes missing under a live catalog row end the file as failed, or the watchdog re-sends it forever.
        if (!(await deps.files.get(p.projectId, msg.file_id, nowSeconds()))) await deps.attachments.detach(storeId, msg.file_id);
        else await deps.vectorIndex.deleteChunks(storeId, await object.failFile(msg.file_id, msg.generation, "invalid_file", "The file's content is missing."));
        return { outcome: "gone" };
      }
      if (p.kind === "failed") {
        await deps.vectorIndex.deleteChunks(storeId, await object.failFile(msg.file_id, msg.generation, p.code, p.message));
        return { outcome: "failed" };
      }
      writes.push({ at: i, slice: p });
      return { outcome: "stale" };
    }),
  );
  if (writes.length === 0) return results;
  const written = await object.writeSlices(writes.map((w) => w.slice.write));
  await Promise.all(
    writes.map(async (w, j) => {
      const { outcome, inserted, dropped } = written[j]!;
      results[w.at] = { outcome };
      await deps.vectorIndex.deleteChunks(storeId, dropped);
      if (inserted.length > 0 && w.slice.vectors.length > 0 && deps.vectorIndex.kind === "vectorize") {
        // Vectors were written with the chunks (so `completed` is searchable at once); Vectorize catches up.
        const chunkIds = inserted.map((x) => x.chunkId);
        const mutationId = await deps.vectorIndex.upsertChunks(storeId, chunkIds, inserted.map((x) => w.slice.vectors[x.position]!), w.slice.write.fileId);
        if (mutationId) await object.markPending(chunkIds, mutationId);
      }
    }),
  );
  return results;
}
