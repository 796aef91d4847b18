import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config";

const bad = (overrides: Record<string, unknown>) => () => loadConfig({ ...env, ...overrides } as Env);

describe("configuration", () => {
  it("defaults to the offline backends: hash embeddings and vectors in the store object", () => {
    const c = loadConfig({ ...env });
    expect(c).toMatchObject({ EMBEDDER: "hash", vectorIndex: "durable-object", embeddingDimensions: 256 });
    expect(c.apiKeys.get("sk-test")).toBe("proj_a");
  });

  it("names the problem for every bad combination", () => {
    expect(bad({ EMBEDDER: "workers-ai" })).toThrow(/no \[ai\] binding/);
    expect(bad({ EMBEDDER: "openai" })).toThrow(/OPENAI_EMBEDDINGS_BASE_URL/);
    expect(bad({ VECTOR_INDEX: "vectorize" })).toThrow(/VECTORIZE/);
    expect(bad({ EMBEDDER: "workers-ai", AI: {}, WORKERS_AI_EMBEDDING_MODEL: "@cf/baai/bge-base-en-v1.5" })).toThrow(/512 tokens/);
    expect(bad({ EMBEDDER: "openai", OPENAI_EMBEDDINGS_BASE_URL: "http://x", OPENAI_EMBEDDINGS_MODEL: "mystery" })).toThrow(/EMBEDDING_DIMENSIONS/);
    expect(bad({ EMBEDDER: "openai", OPENAI_EMBEDDINGS_BASE_URL: "http://x", OPENAI_EMBEDDINGS_MODEL: "text-embedding-3-large", VECTORIZE: {} })).toThrow(/1536/);
    expect(bad({ EMBEDDER: "magic" })).toThrow(ConfigError);
    expect(bad({ LLM: "openai" })).toThrow(/LLM_BASE_URL/);
    expect(bad({ LLM: "magic" })).toThrow(/LLM/);
  });

  it("reads LLM_TOOLS as a boolean, true by default", () => {
    expect(loadConfig({ ...env }).LLM_TOOLS).toBe(true);
    expect(loadConfig({ ...env, LLM_TOOLS: "false" } as Env).LLM_TOOLS).toBe(false);
    expect(bad({ LLM_TOOLS: "sometimes" })).toThrow(/LLM_TOOLS/);
  });

  it("names the variable whose value is out of range", () => {
    expect(bad({ POLL_AFTER_MS: "-1" })).toThrow(/POLL_AFTER_MS/);
    expect(bad({ EMBEDDING_DIMENSIONS: "4096" })).toThrow(/EMBEDDING_DIMENSIONS/);
  });
});
