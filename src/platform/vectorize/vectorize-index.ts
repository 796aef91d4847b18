// The Vectorize adapter: one namespace per vector store, vector id `${storeId}:${chunkId}`, metadata {file_id}.
import type { Filter } from "../../core/ports";
import type { DirectoryFileFilter } from "../../core/search/directory-file-filter";
import type { VectorHit, VectorIndex, VectorQueryIndex } from "../../core/search/vector-index";
import type { StoreObjects } from "../../core/store-object/store-objects";

/** Vectorize limits (PLATFORM.md §1): 1000 vectors per upsert through the binding, ids ≤ 64 bytes, topK ≤ 100 without values/metadata. */
export const UPSERT_BATCH = 1000;
export const DELETE_BATCH = 1000;
export const MAX_TOP_K = 100;
/** Filter JSON must stay under 2048 bytes; a file-id $in list longer than this is post-filtered instead. */
const MAX_FILTER_BYTES = 2000;

export function vectorId(storeId: string, chunkId: number): string {
  return `${storeId}:${chunkId}`;
}

export function chunkIdOf(id: string): number | null {
  const n = Number(id.slice(id.lastIndexOf(":") + 1));
  return Number.isInteger(n) ? n : null;
}

export class VectorizeVectorIndex implements VectorIndex, VectorQueryIndex {
  readonly kind = "vectorize" as const;

  constructor(
    private readonly index: Vectorize,
    private readonly objects: StoreObjects,
  ) {}

  async upsertChunks(storeId: string, chunkIds: number[], vectors: Float32Array[], fileId: string): Promise<string | null> {
    let mutationId: string | null = null;
    for (let i = 0; i < chunkIds.length; i += UPSERT_BATCH) {
      const res = await this.index.upsert(
        chunkIds.slice(i, i + UPSERT_BATCH).map((chunkId, j) => ({
          id: vectorId(storeId, chunkId),
          values: vectors[i + j]!,
          namespace: storeId,
          metadata: { file_id: fileId },
        })),
      );
      mutationId = res.mutationId;
    }
    return mutationId;
  }

  async deleteChunks(storeId: string, chunkIds: number[]): Promise<void> {
    for (let i = 0; i < chunkIds.length; i += DELETE_BATCH) await this.index.deleteByIds(chunkIds.slice(i, i + DELETE_BATCH).map((c) => vectorId(storeId, c)));
  }

  /**
   * Vectorize filters are AND-only over indexed metadata, so attribute filters (with `or`, nesting, any key) are
   * resolved by the store object into the list of matching file ids and pushed as `file_id $in […]` when it fits;
   * otherwise the query over-fetches and the store object post-filters while hydrating.
   */
  async query(storeId: string, vector: Float32Array, topK: number, filter: Filter | null, directoryFiles: DirectoryFileFilter | null = null): Promise<VectorHit[]> {
    let metadataFilter: VectorizeVectorMetadataFilter | undefined;
    if (filter || directoryFiles) {
      const allowed = await this.objects.get(storeId).matchingFileIds(filter, directoryFiles);
      if (allowed.length === 0) return [];
      const pushed = { file_id: { $in: allowed } };
      if (JSON.stringify(pushed).length < MAX_FILTER_BYTES) metadataFilter = pushed;
    }
    const res = await this.index.query(vector, { topK: Math.min(topK, MAX_TOP_K), namespace: storeId, filter: metadataFilter, returnValues: false, returnMetadata: "none" });
    return res.matches.flatMap((m) => {
      const chunkId = chunkIdOf(m.id);
      return chunkId === null ? [] : [{ chunkId, score: m.score }];
    });
  }
}
