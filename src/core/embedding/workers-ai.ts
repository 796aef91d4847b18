// Embeddings from Workers AI (the AI binding): bge-m3 style `{text: string[]}` → `{shape, data}`.
import type { Embedder } from "../ports";
import { normalize } from "./openai";

interface EmbeddingOutput {
  shape?: number[];
  data?: number[][];
}

export class WorkersAiEmbedder implements Embedder {
  readonly id: string;
  /** Workers AI text-embedding models take at most 100 texts per call (PLATFORM.md §2). */
  readonly maxBatchSize = 100;

  constructor(
    private readonly ai: Ai,
    private readonly model: string,
    readonly dimensions: number,
  ) {
    this.id = `workers-ai:${model}`;
  }

  async embed(texts: string[], _kind: "document" | "query"): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.maxBatchSize) {
      const batch = texts.slice(i, i + this.maxBatchSize);
      const res = (await this.ai.run(this.model as keyof AiModels, { text: batch } as never)) as EmbeddingOutput;
      if (!Array.isArray(res.data) || res.data.length !== batch.length) throw new Error(`${this.model} returned ${res.data?.length ?? 0} vectors for ${batch.length} texts`);
      for (const v of res.data) {
        if (v.length !== this.dimensions) throw new Error(`${this.model} returned ${v.length} dimensions, configured ${this.dimensions}`);
        out.push(normalize(Float32Array.from(v)));
      }
    }
    return out;
  }
}
