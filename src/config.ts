// Configuration read from env once per env object and validated with zod; a bad combination is a clear error.
import { z } from "zod";

const csv = z.string().transform((s) => s.split(/[\s,]+/).filter(Boolean));

export const ConfigSchema = z
  .object({
    /** "key" or "key:project" entries separated by commas or whitespace. A key without project belongs to "default". */
    API_KEYS: csv.default([]),
    EMBEDDER: z.enum(["hash", "workers-ai", "openai"]).default("hash"),
    EMBEDDING_DIMENSIONS: z.coerce.number().int().min(8).max(1536).optional(),
    WORKERS_AI_EMBEDDING_MODEL: z.string().default("@cf/baai/bge-m3"),
    OPENAI_EMBEDDINGS_BASE_URL: z.url().optional(),
    OPENAI_EMBEDDINGS_API_KEY: z.string().optional(),
    OPENAI_EMBEDDINGS_MODEL: z.string().default("text-embedding-3-small"),
    VECTOR_INDEX: z.enum(["durable-object", "vectorize"]).optional(),
    RERANKER: z.enum(["none", "workers-ai"]).default("none"),
    RERANK_MODEL: z.string().default("@cf/baai/bge-reranker-base"),
    QUERY_REWRITER: z.enum(["keyword", "workers-ai"]).default("keyword"),
    REWRITE_MODEL: z.string().default("@cf/meta/llama-3.1-8b-instruct"),
    /**
     * Tokens per file in a vector store; more fails the file `invalid_file`. OpenAI's limit (retrieval guide) is the
     * default and the floor: a self-hosted store may index larger files (bench:large-ingest raises it).
     */
    MAX_FILE_TOKENS: z.coerce.number().int().min(5_000_000).default(5_000_000),
    /** Sent as openai-poll-after-ms on in-progress objects: how long SDK pollers sleep. */
    POLL_AFTER_MS: z.coerce.number().int().min(0).max(60_000).default(500),
    /** The chat model behind POST /v1/responses: "none" (the endpoint answers 400), "openai" (any Chat Completions endpoint) or "workers-ai" (the AI binding). */
    LLM: z.enum(["none", "openai", "workers-ai"]).default("none"),
    /** For LLM=openai: up to and including the version segment, e.g. https://api.openai.com/v1 or http://localhost:11434/v1. */
    LLM_BASE_URL: z.url().optional(),
    LLM_API_KEY: z.string().optional(),
    /** When set, every upstream call uses this model whatever the request's `model` says. */
    LLM_MODEL: z.string().min(1).optional(),
    /**
     * Whether the model can call tools. "false" (e.g. a local model without function calling) makes /v1/responses
     * search once with the latest user text and answer in one call without tools (notes §7.5); an upstream that
     * rejects tools (a 4xx naming them) gets the same path per response.
     */
    LLM_TOOLS: z.union([z.boolean(), z.stringbool()]).default(true),
  })
  .transform((c) => ({
    ...c,
    apiKeys: new Map(
      c.API_KEYS.map((entry) => {
        const at = entry.indexOf(":");
        return at < 0 ? [entry, "default"] : [entry.slice(0, at), entry.slice(at + 1) || "default"];
      }),
    ),
  }));

export type Config = z.output<typeof ConfigSchema> & {
  vectorIndex: "durable-object" | "vectorize";
  embeddingDimensions: number;
};

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Dimensions of the models we know; an unknown model needs EMBEDDING_DIMENSIONS. */
const KNOWN_DIMENSIONS: Record<string, number> = {
  "@cf/baai/bge-m3": 1024,
  "@cf/qwen/qwen3-embedding-0.6b": 1024,
  "@cf/google/embeddinggemma-300m": 768,
  "@cf/baai/bge-small-en-v1.5": 384,
  "@cf/baai/bge-base-en-v1.5": 768,
  "@cf/baai/bge-large-en-v1.5": 1024,
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

export const HASH_EMBEDDING_DIMENSIONS = 256;

const cache = new WeakMap<object, Config>();

export function loadConfig(env: Env): Config {
  const hit = cache.get(env);
  if (hit) return hit;
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Invalid configuration ${issue.path.join(".")}: ${issue.message}`);
  }
  const c = parsed.data;
  const vectorIndex = c.VECTOR_INDEX ?? (env.VECTORIZE ? "vectorize" : "durable-object");
  if (vectorIndex === "vectorize" && !env.VECTORIZE)
    throw new ConfigError("VECTOR_INDEX=vectorize needs a [[vectorize]] binding named VECTORIZE.");
  if ((c.EMBEDDER === "workers-ai" || c.RERANKER === "workers-ai" || c.QUERY_REWRITER === "workers-ai") && !env.AI)
    throw new ConfigError("A workers-ai backend is configured but there is no [ai] binding named AI.");
  if (c.LLM === "openai" && !c.LLM_BASE_URL) throw new ConfigError("LLM=openai needs LLM_BASE_URL.");
  if (c.LLM === "workers-ai" && !env.AI) throw new ConfigError("LLM=workers-ai needs an [ai] binding named AI.");
  if (c.EMBEDDER === "openai" && !c.OPENAI_EMBEDDINGS_BASE_URL)
    throw new ConfigError("EMBEDDER=openai needs OPENAI_EMBEDDINGS_BASE_URL.");
  if (c.EMBEDDER === "workers-ai" && /bge-(small|base|large)-en/.test(c.WORKERS_AI_EMBEDDING_MODEL))
    throw new ConfigError(`${c.WORKERS_AI_EMBEDDING_MODEL} stops at 512 tokens; chunks are up to 800 (auto) or 4096 tokens. Use @cf/baai/bge-m3 or @cf/qwen/qwen3-embedding-0.6b.`);
  const model = c.EMBEDDER === "workers-ai" ? c.WORKERS_AI_EMBEDDING_MODEL : c.EMBEDDER === "openai" ? c.OPENAI_EMBEDDINGS_MODEL : "";
  const embeddingDimensions =
    c.EMBEDDING_DIMENSIONS ?? (c.EMBEDDER === "hash" ? HASH_EMBEDDING_DIMENSIONS : KNOWN_DIMENSIONS[model]);
  if (!embeddingDimensions) throw new ConfigError(`Unknown dimensions for embedding model ${model}: set EMBEDDING_DIMENSIONS.`);
  if (vectorIndex === "vectorize" && embeddingDimensions > 1536)
    throw new ConfigError(`Vectorize indexes hold at most 1536 dimensions; ${model} gives ${embeddingDimensions}. Set EMBEDDING_DIMENSIONS.`);
  const config: Config = { ...c, vectorIndex, embeddingDimensions };
  cache.set(env, config);
  return config;
}
