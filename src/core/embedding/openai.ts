// Embeddings from any OpenAI-compatible endpoint (POST {baseURL}/embeddings).
import type { Embedder } from "../ports";

export interface OpenAIEmbedderOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  dimensions: number;
  /** Sends `dimensions` in the request (text-embedding-3-*); off for servers that reject the field. */
  sendDimensions?: boolean;
  maxRetries?: number;
}

interface EmbeddingsResponse {
  data?: Array<{ index: number; embedding: number[] }>;
}

/** 429 and 5xx are transient; everything else is a configuration or input problem worth surfacing at once. */
const RETRYABLE = (status: number) => status === 429 || status >= 500;

export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;
  readonly maxBatchSize = 256;

  constructor(private readonly options: OpenAIEmbedderOptions) {
    this.id = `openai:${options.model}:${options.dimensions}`;
    this.dimensions = options.dimensions;
  }

  async embed(texts: string[], _kind: "document" | "query"): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const url = `${this.options.baseURL.replace(/\/+$/, "")}/embeddings`;
    const body = JSON.stringify({
      model: this.options.model,
      input: texts,
      encoding_format: "float",
      ...(this.options.sendDimensions === false ? {} : { dimensions: this.dimensions }),
    });
    const retries = this.options.maxRetries ?? 2;
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${this.options.apiKey}` },
        body,
      });
      if (res.ok) return this.parse((await res.json()) as EmbeddingsResponse, texts.length);
      if (!RETRYABLE(res.status) || attempt >= retries) {
        const detail = (await res.text()).slice(0, 300);
        throw new Error(`embeddings endpoint answered ${res.status}: ${detail}`);
      }
      const retryAfter = Number(res.headers.get("retry-after"));
      const delayMs = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : 500 * 2 ** attempt;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  private parse(json: EmbeddingsResponse, count: number): Float32Array[] {
    const data = json.data;
    if (!Array.isArray(data) || data.length !== count) throw new Error(`embeddings endpoint returned ${data?.length ?? 0} vectors for ${count} inputs`);
    const out = new Array<Float32Array>(count);
    for (const item of data) {
      if (item.embedding.length !== this.dimensions)
        throw new Error(`embeddings endpoint returned ${item.embedding.length} dimensions, configured ${this.dimensions} (EMBEDDING_DIMENSIONS)`);
      out[item.index] = normalize(Float32Array.from(item.embedding));
    }
    if (out.some((v) => v === undefined)) throw new Error("embeddings endpoint returned duplicate or missing indexes");
    return out;
  }
}

/** Search scores are dot products, so every vector is L2-normalized. */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = v[i]! / norm;
  return v;
}
