// Bindings and secrets that wrangler.toml does not declare for local dev: set in production or by tests.
interface Env {
  API_KEYS?: string;
  AI?: Ai;
  VECTORIZE?: Vectorize;
  EMBEDDING_DIMENSIONS?: string;
  WORKERS_AI_EMBEDDING_MODEL?: string;
  OPENAI_EMBEDDINGS_BASE_URL?: string;
  OPENAI_EMBEDDINGS_API_KEY?: string;
  OPENAI_EMBEDDINGS_MODEL?: string;
  VECTOR_INDEX?: string;
  RERANKER?: string;
  RERANK_MODEL?: string;
  QUERY_REWRITER?: string;
  REWRITE_MODEL?: string;
  LLM?: string;
  LLM_BASE_URL?: string;
  LLM_API_KEY?: string;
  LLM_MODEL?: string;
}
