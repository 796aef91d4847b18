// A worker that parses one posted document the way a slice does (parse, cache form, first slice of chunks), with no
// size limit: bench/parse-limits.ts measures its memory in workerd to set MAX_PARSE_BYTES.
import { parseDocument } from "../../src/core/ingestion/parse";
import { chunkText } from "../../src/core/ingestion/chunker";

export default {
  async fetch(request: Request): Promise<Response> {
    const name = new URL(request.url).searchParams.get("name") ?? "doc.txt";
    const result = await parseDocument(new Uint8Array(await request.arrayBuffer()), name);
    if (!result.ok) return Response.json({ error: result.message }, { status: 422 });
    // The pipeline writes the parsed text to R2 as JSON (parsed-cache.ts): one more copy of the text.
    const cached = JSON.stringify({ ...result.document, tokenCount: null });
    const { chunks } = await chunkText(result.document, { maxTokens: 800, overlapTokens: 400 }, { startChar: 0, firstIndex: 0, maxChunks: 200 });
    return Response.json({ chars: result.document.text.length, cachedChars: cached.length, chunks: chunks.length });
  },
};
