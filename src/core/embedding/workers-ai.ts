// Embeddings from Workers AI through the AI binding: bge-style `{text}` input, qwen3's `{documents}`/`{queries}`.
import type { Embedder } from "../ports";
import { normalizeInPlace } from "./hash";

/** The one method of the AI binding this embedder calls; `Ai` satisfies it, and so does test/fakes/workers-ai.ts. */
export interface AiRunner {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

/** Workers AI text-embedding models take at most 100 texts per call (PLATFORM.md §2). */
export const WORKERS_AI_MAX_BATCH = 100;

/** The request body for a batch: qwen3-embedding separates queries from documents, the others take `text`. */
function inputsFor(model: string, texts: string[], kind: "document" | "query"): Record<string, unknown> {
  if (model.includes("qwen3-embedding")) return kind === "query" ? { queries: texts } : { documents: texts };
  // bge-m3 errors on inputs over its token limit unless told to truncate; chunks stay far below 60k tokens anyway.
  if (model.endsWith("/bge-m3")) return { text: texts, truncate_inputs: true };
  return { text: texts };
}

function isNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === "number");
}

function vectorsOf(output: unknown): unknown[] | null {
  if (typeof output !== "object" || output === null || !("data" in output)) return null;
  return Array.isArray(output.data) ? output.data : null;
}

export class WorkersAiEmbedder implements Embedder {
  readonly id: string;
  readonly maxBatchSize = WORKERS_AI_MAX_BATCH;

  constructor(
    private readonly ai: AiRunner,
    private readonly model: string,
    readonly dimensions: number,
  ) {
    this.id = `workers-ai:${model}:${dimensions}`;
  }

  async embed(texts: string[], kind: "document" | "query"): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.maxBatchSize) {
      const batch = texts.slice(i, i + this.maxBatchSize);
      const vectors = vectorsOf(await this.ai.run(this.model, inputsFor(this.model, batch, kind)));
      if (vectors === null || vectors.length !== batch.length)
        throw new Error(`${this.model} returned ${vectors?.length ?? "no"} embeddings for ${batch.length} texts.`);
      for (const v of vectors) {
        if (!isNumberArray(v) || v.length !== this.dimensions)
          throw new Error(`${this.model} returned an embedding that is not ${this.dimensions} numbers (EMBEDDING_DIMENSIONS).`);
        out.push(normalizeInPlace(Float32Array.from(v)));
      }
    }
    return out;
  }
}
