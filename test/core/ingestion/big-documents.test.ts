// Big documents: plain text is read in byte ranges (bounded memory); whole-document formats above their limit fail clearly.
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, uploadFile } from "../../helpers";
import { deliver, generationOf, ingestMessage } from "../../ingest-helpers";
import { fileKey } from "../../../src/core/files/blob-keys";
import { chunkText } from "../../../src/core/ingestion/chunker";
import { TEXT_WINDOW_BYTES } from "../../../src/core/ingestion/text-window";
import { MAX_PARSE_BYTES } from "../../../src/core/ingestion/size-limits";

interface Read {
  key: string;
  /** Bytes asked for; null when the whole object was read. */
  length: number | null;
}

/** The FILES bucket, recording every get: handed to the consumer through the composition root (env). */
function countingBucket(reads: Read[]): R2Bucket {
  const bucket = env.FILES;
  return new Proxy(bucket, {
    get(target, prop) {
      if (prop === "get")
        return (key: string, options?: R2GetOptions) => {
          const range = options?.range;
          const length = range && "length" in range && range.length !== undefined ? range.length : null;
          reads.push({ key, length });
          return target.get(key, options);
        };
      const value: unknown = Reflect.get(target, prop);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** ~`bytes` of Markdown with multi-byte characters and CRLF line ends, so windows cut inside sequences and pairs. */
function bigText(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const para = `## Section ${i}\r\nThe café near gate ${i % 97} serves crème brûlée; 東京の天気 report ${i * 7919 % 10007}. ` +
      `Measurements 😀 varied by ${(i % 13) * 1.5} percent across ${i % 31} trials.\r\n\r\n`;
    parts.push(para);
    size += new TextEncoder().encode(para).length;
  }
  return parts.join("");
}

async function chunksOf(storeId: string, fileId: string) {
  return runInDurableObject(env.STORE.getByName(storeId), (_o, s) =>
    s.storage.sql.exec(`SELECT chunk_index, text, start_char, end_char FROM chunks WHERE file_id = ? ORDER BY chunk_index`, fileId).toArray(),
  );
}

/** UTF-16LE with a byte-order mark. */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + 2 * text.length);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes[2 + 2 * i] = c & 0xff;
    bytes[3 + 2 * i] = c >> 8;
  }
  return bytes;
}

describe("a text file much larger than one slice", () => {
  const encodings: Array<[string, (text: string) => string | Uint8Array, number]> = [
    ["UTF-8", (text) => text, 2.3 * TEXT_WINDOW_BYTES],
    ["UTF-16LE with a BOM", utf16le, 1.3 * TEXT_WINDOW_BYTES],
  ];
  it.each(encodings)("%s: is ingested from ranged reads of at most one window, with the chunks of a whole-document pass", async (_name, encode, size) => {
    const text = bigText(size);
    const f = await uploadFile("big.md", encode(text));
    const store = (await api("POST", "/v1/vector_stores", {
      json: { file_ids: [f.id], chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 2048, chunk_overlap_tokens: 256 } } },
    })).body;
    const generation = await generationOf(store.id, f.id);
    const reads: Read[] = [];
    const bucket = countingBucket(reads);
    for (let i = 0; i < 100; i++) {
      const row = await env.STORE.getByName(store.id).getFile(f.id);
      if (row?.status !== "in_progress") break;
      const result = await deliver([ingestMessage(store.id, f.id, generation)], "shelf-ingest", 1, { FILES: bucket });
      expect(result.retryMessages).toEqual([]);
    }
    const row = (await api("GET", `/v1/vector_stores/${store.id}/files/${f.id}`)).body;
    expect(row).toMatchObject({ status: "completed", last_error: null });

    const fileReads = reads.filter((r) => r.key === fileKey(f.id));
    expect(fileReads.length).toBeGreaterThanOrEqual(3);
    expect(fileReads.length).toBeLessThan(10);
    for (const r of fileReads) {
      expect(r.length).not.toBeNull();
      expect(r.length!).toBeLessThanOrEqual(TEXT_WINDOW_BYTES);
    }

    const normalized = text.replace(/\r\n?/g, "\n");
    const expected = (await chunkText({ text: normalized, pageStarts: null }, { maxTokens: 2048, overlapTokens: 256 })).chunks;
    const stored = await chunksOf(store.id, f.id);
    expect(stored.length).toBe(expected.length);
    stored.forEach((c, i) => {
      expect(c.chunk_index).toBe(i);
      expect(c.text).toBe(normalized.slice(c.start_char as number, c.end_char as number));
      expect([c.start_char, c.end_char]).toEqual([expected[i]!.startChar, expected[i]!.endChar]);
    });
  });
});

describe("a document larger than its format's parser can hold", () => {
  const cases: Array<[string, string, RegExp]> = [
    ["pdf", "huge.pdf", /^PDF files larger than \d+ MB cannot be processed/],
    ["docx", "huge.docx", /^DOCX files larger than \d+ MB cannot be processed/],
    ["pptx", "huge.pptx", /^PPTX files larger than \d+ MB cannot be processed/],
    ["html", "huge.html", /^HTML files larger than \d+ MB cannot be processed/],
  ];
  it.each(cases)("%s: fails invalid_file naming the limit, before parsing, and stays failed", async (format, filename, message) => {
    const limit = MAX_PARSE_BYTES[format as keyof typeof MAX_PARSE_BYTES]!;
    // Not a real document: the size alone decides, so no parser may be reached.
    const f = await uploadFile(filename, new Uint8Array(limit + 1).fill(0x20));
    const store = (await api("POST", "/v1/vector_stores", { json: { file_ids: [f.id] } })).body;
    const generation = await generationOf(store.id, f.id);
    const first = await deliver([ingestMessage(store.id, f.id, generation)]);
    expect(first.retryMessages).toEqual([]);
    const row = (await api("GET", `/v1/vector_stores/${store.id}/files/${f.id}`)).body;
    expect(row.status).toBe("failed");
    expect(row.last_error.code).toBe("invalid_file");
    expect(row.last_error.message).toMatch(message);
    // Terminal: a redelivered message changes nothing and is not retried.
    const again = await deliver([ingestMessage(store.id, f.id, generation)]);
    expect(again.retryMessages).toEqual([]);
    expect((await api("GET", `/v1/vector_stores/${store.id}/files/${f.id}`)).body).toMatchObject({ status: "failed", last_error: row.last_error });
    const view = (await api("GET", `/v1/vector_stores/${store.id}`)).body;
    expect(view.file_counts).toMatchObject({ in_progress: 0, failed: 1 });
  });
});
