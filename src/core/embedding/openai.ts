// Embedder for any OpenAI-compatible POST /embeddings endpoint, with retries on rate limits and server errors.
import { z } from "zod";
import type { Embedder } from "../ports";
import { normalizeInPlace } from "./hash";

export interface OpenAIEmbedderOptions {
  /** Up to and including the version segment, e.g. "https://api.openai.com/v1". */
  baseURL: string;
  apiKey: string;
  model: string;
  dimensions: number;
  /** Retries after the first attempt for 429, 5xx and network failures. */
  maxRetries?: number;
  /** First backoff delay; doubles per retry unless the server sends retry-after. */
  retryBaseMs?: number;
}

const EmbeddingsResponse = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

// OpenAI's limit is 2048 inputs per request; 256 keeps a request well under its 300k-token cap at 800-token chunks.
const MAX_BATCH = 256;
// A retry-after longer than this is not worth holding a queue consumer for: fail and let the queue retry later.
const MAX_RETRY_WAIT_MS = 20_000;

/** Only text-embedding-3 models take `dimensions`; ada-002 and most compatible servers reject the field. */
function acceptsDimensions(model: string): boolean {
  return model.startsWith("text-embedding-3");
}

/** Milliseconds the server asked us to wait (retry-after-ms, or retry-after in seconds or as an HTTP date). */
function retryAfterMs(headers: Headers): number | null {
  const ms = Number(headers.get("retry-after-ms"));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers.get("retry-after");
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

async function errorDetail(response: Response): Promise<string> {
  const body = await response.text().catch(() => "");
  try {
    const parsed: unknown = JSON.parse(body);
    const message = z.object({ error: z.object({ message: z.string() }) }).safeParse(parsed);
    if (message.success) return message.data.error.message;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return body.slice(0, 200);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  readonly maxBatchSize = MAX_BATCH;
  private readonly url: string;

  constructor(private readonly options: OpenAIEmbedderOptions) {
    this.dimensions = options.dimensions;
    this.id = `openai:${options.model}:${options.dimensions}`;
    this.url = `${options.baseURL.replace(/\/+$/, "")}/embeddings`;
  }

  async embed(texts: string[], _kind: "document" | "query"): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += MAX_BATCH) out.push(...(await this.embedBatch(texts.slice(i, i + MAX_BATCH))));
    return out;
  }

  private async embedBatch(texts: string[]): Promise<Float32Array[]> {
    const { model, dimensions } = this.options;
    const body = JSON.stringify({
      model,
      // Some servers reject empty strings; a space embeds as "nothing" just the same.
      input: texts.map((t) => (t === "" ? " " : t)),
      encoding_format: "float",
      ...(acceptsDimensions(model) ? { dimensions } : {}),
    });
    const response = await this.post(body);
    const parsed = EmbeddingsResponse.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new Error(`Embeddings endpoint ${this.url} returned an unexpected body (model ${model}).`);
    const data = [...parsed.data.data].sort((a, b) => a.index - b.index);
    if (data.length !== texts.length || data.some((d, i) => d.index !== i))
      throw new Error(`Embeddings endpoint ${this.url} returned ${data.length} embeddings for ${texts.length} inputs.`);
    const wrong = data.find((d) => d.embedding.length !== dimensions);
    if (wrong)
      throw new Error(`Model ${model} returned ${wrong.embedding.length}-dimensional embeddings; ${dimensions} are configured (EMBEDDING_DIMENSIONS).`);
    // Compatible servers do not all return unit vectors; the vector index compares by dot product.
    return data.map((d) => normalizeInPlace(Float32Array.from(d.embedding)));
  }

  private async post(body: string): Promise<Response> {
    const maxRetries = this.options.maxRetries ?? 2;
    const baseMs = this.options.retryBaseMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      let response: Response | null = null;
      let failure = "";
      try {
        response = await fetch(this.url, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${this.options.apiKey}` },
          body,
        });
      } catch (error) {
        failure = error instanceof Error ? error.message : String(error);
      }
      if (response?.ok) return response;
      const retryable = response === null || response.status === 429 || response.status >= 500;
      const detail = response ? `${response.status} ${await errorDetail(response)}` : failure;
      const wait = (response && retryAfterMs(response.headers)) ?? baseMs * 2 ** attempt;
      if (!retryable || attempt >= maxRetries || wait > MAX_RETRY_WAIT_MS)
        throw new Error(`Embeddings request to ${this.url} failed after ${attempt + 1} attempt(s): ${detail}`);
      await sleep(wait);
    }
  }
}
