// An in-memory Workers AI binding for the text-embedding models, enforcing the documented limits (PLATFORM.md §2).
import { HashEmbedder } from "../../src/core/embedding/hash";
import { countTokens } from "../../src/core/ingestion/chunker";
import type { AiRunner } from "../../src/core/embedding/workers-ai";

interface ModelSpec {
  dimensions: number;
  maxInputTokens: number;
  /** The input fields the model's schema accepts besides `text`. */
  kind: "bge" | "bge-m3" | "qwen3";
}

// Dimensions and max input tokens from the model pages (PLATFORM.md §2 table).
const MODELS: Record<string, ModelSpec> = {
  "@cf/baai/bge-small-en-v1.5": { dimensions: 384, maxInputTokens: 512, kind: "bge" },
  "@cf/baai/bge-base-en-v1.5": { dimensions: 768, maxInputTokens: 512, kind: "bge" },
  "@cf/baai/bge-large-en-v1.5": { dimensions: 1024, maxInputTokens: 512, kind: "bge" },
  "@cf/baai/bge-m3": { dimensions: 1024, maxInputTokens: 60_000, kind: "bge-m3" },
  "@cf/google/embeddinggemma-300m": { dimensions: 768, maxInputTokens: 2048, kind: "bge" },
  "@cf/qwen/qwen3-embedding-0.6b": { dimensions: 1024, maxInputTokens: 8192, kind: "qwen3" },
};

/** Text-embedding batch limit: "`text[]` ≤100" for every embedding model. */
export const MAX_TEXTS_PER_CALL = 100;

function asTexts(value: unknown): string[] | null {
  if (typeof value === "string") return [value];
  return Array.isArray(value) && value.every((t) => typeof t === "string") ? value : null;
}

export class FakeWorkersAi implements AiRunner {
  readonly calls: { model: string; inputs: Record<string, unknown> }[] = [];
  private failures: Error[] = [];

  /** The next `errors.length` calls throw these, as the binding does on capacity or rate-limit errors. */
  failNext(...errors: Error[]): void {
    this.failures.push(...errors);
  }

  async run(model: string, inputs: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ model, inputs });
    const failure = this.failures.shift();
    if (failure) throw failure;
    const spec = MODELS[model];
    // The binding answers an unknown model name with error 5007.
    if (!spec) throw new Error(`5007: No such model ${model} or task`);
    // qwen3 takes `queries` / `documents` (and `text`); the bge family only `text`.
    const field = spec.kind === "qwen3" ? (["queries", "documents", "text"] as const).find((f) => f in inputs) : "text";
    const texts = field ? asTexts(inputs[field]) : null;
    if (!texts) throw new Error(`5006: Error: required properties at '/' are 'text'`);
    if (texts.length > MAX_TEXTS_PER_CALL) throw new Error(`5006: Error: oneOf at '/' not all items: array too long (max ${MAX_TEXTS_PER_CALL})`);
    // Token counts use cl100k as a stand-in for each model's own tokenizer; only bge-m3 has `truncate_inputs`.
    const truncate = spec.kind === "bge-m3" && inputs.truncate_inputs === true;
    for (const text of texts) {
      if (!truncate && (await countTokens(text)) > spec.maxInputTokens)
        throw new Error(`3010: Invalid or incomplete input for the model: input exceeds ${spec.maxInputTokens} tokens`);
    }
    // Deterministic, lexically meaningful vectors, so search tests built on this fake rank sensibly.
    const vectors = await new HashEmbedder(spec.dimensions).embed(texts, "document");
    return { shape: [texts.length, spec.dimensions], data: vectors.map((v) => Array.from(v)) };
  }
}
