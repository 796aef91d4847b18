// The VectorIndex port: where a store's vectors are searched. Locally the store object is the index.
import type { DirectoryFileFilter } from "./directory-file-filter";

export interface VectorHit {
  chunkId: number;
  score: number;
}

export interface VectorIndex {
  readonly kind: "durable-object" | "vectorize";
  /** Writes vectors for chunks the store object has stored; returns a mutation id to confirm, or null. */
  upsertChunks(storeId: string, chunkIds: number[], vectors: Float32Array[], fileId: string): Promise<string | null>;
  deleteChunks(storeId: string, chunkIds: number[]): Promise<void>;
}

/** The query side of an external index (Vectorize); the store object's own vectors are searched inside it. */
export interface VectorQueryIndex {
  /** `directoryFiles`: LlamaCloud's static filter, pushed down with `filter` as the list of files that pass both. */
  query(storeId: string, vector: Float32Array, topK: number, filter: import("../ports").Filter | null, directoryFiles?: DirectoryFileFilter | null): Promise<VectorHit[]>;
}

/** Locally the vectors live in the store object's `vectors` table (written with the chunks): nothing more to do. */
export class DurableObjectVectorIndex implements VectorIndex {
  readonly kind = "durable-object" as const;
  async upsertChunks(): Promise<string | null> {
    return null;
  }
  async deleteChunks(): Promise<void> {}
}
