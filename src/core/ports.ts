// Ports: what the core needs from the outside world. Adapters live in src/platform/ (Cloudflare) and src/core/embedding/.

/** Turns texts into vectors. `id` names the model so vectors of different models never mix in one store. */
export interface Embedder {
  readonly id: string;
  readonly dimensions: number;
  /** Most texts per call the backend accepts; callers split larger batches. */
  readonly maxBatchSize: number;
  embed(texts: string[], kind: "document" | "query"): Promise<Float32Array[]>;
}

/** A parsed document: plain text plus, for paged formats, the char offset where each page starts. */
export interface ParsedDocument {
  text: string;
  /** pageStarts[i] = char offset of page i+1 in `text`; null for formats without pages. */
  pageStarts: number[] | null;
}

/** Expected parse failures are values; the pipeline maps them to last_error codes. */
export type ParseResult =
  | { ok: true; document: ParsedDocument }
  | { ok: false; code: "unsupported_file" | "invalid_file"; message: string };

export interface Chunk {
  /** 0-based position of the chunk in the file. */
  index: number;
  text: string;
  /** Offsets into ParsedDocument.text, end exclusive. */
  startChar: number;
  endChar: number;
  tokenCount: number;
  /** 1-based page range for paged formats, else null. */
  pageStart: number | null;
  pageEnd: number | null;
}

export interface ChunkingOptions {
  maxTokens: number;
  overlapTokens: number;
}

/** Metadata filter over file attributes, as OpenAI's ComparisonFilter / CompoundFilter. */
export type ComparisonType = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in" | "nin";
export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;
export type Filter =
  | { type: ComparisonType; key: string; value: AttributeValue | Array<string | number> }
  | { type: "and" | "or"; filters: Filter[] };
