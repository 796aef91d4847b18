// Vector stores: the catalog row (name, metadata, policy) joined with the live state its object computes.
import type { VectorStoreRow, VectorStoresCatalog } from "../catalog/vector-stores";
import type { StoreSummary } from "../store-object/summary";
import { newVectorStoreId, nowSeconds } from "../ids";
import type { Page, PageRequest } from "../pagination";
import type { StoreObjects } from "../store-object/store-objects";
import type { VectorIndex } from "../search/vector-index";

export interface VectorStoreView {
  row: VectorStoreRow;
  summary: StoreSummary;
}

export interface CreateVectorStore {
  name?: string | null | undefined;
  description?: string | null | undefined;
  metadata?: Record<string, string> | null | undefined;
  expiresAfterDays?: number | null | undefined;
  /** False: the store keeps chunks without embeddings (StoreInit.vectors). Default true. */
  vectors?: boolean | undefined;
}

export interface UpdateVectorStore {
  name?: string | null | undefined;
  metadata?: Record<string, string> | null | undefined;
  /** null clears the policy; undefined leaves it. */
  expiresAfterDays?: number | null | undefined;
}

/** The catalog mirror as a summary, for listings that must not fan out to every store object. */
export function mirroredSummary(row: VectorStoreRow): StoreSummary {
  const total = row.count_in_progress + row.count_completed + row.count_failed + row.count_cancelled;
  return {
    status: row.status,
    usage_bytes: row.usage_bytes,
    file_counts: { in_progress: row.count_in_progress, completed: row.count_completed, failed: row.count_failed, cancelled: row.count_cancelled, total },
    last_active_at: row.last_active_at ?? row.created_at,
    expires_at: row.expires_at,
  };
}

export class VectorStoreService {
  constructor(
    private readonly repo: VectorStoresCatalog,
    private readonly objects: StoreObjects,
    private readonly vectorIndex: VectorIndex,
  ) {}

  async create(projectId: string, params: CreateVectorStore): Promise<VectorStoreView> {
    const id = newVectorStoreId();
    const createdAt = nowSeconds();
    const days = params.expiresAfterDays ?? null;
    const row: VectorStoreRow = {
      id,
      project_id: projectId,
      name: params.name ?? null,
      description: params.description ?? null,
      metadata: params.metadata ? JSON.stringify(params.metadata) : null,
      created_at: createdAt,
      expires_after_days: days,
      status: "completed",
      usage_bytes: 0,
      count_in_progress: 0,
      count_completed: 0,
      count_failed: 0,
      count_cancelled: 0,
      last_active_at: createdAt,
      expires_at: days === null ? null : createdAt + days * 86_400,
      vector_index: null,
    };
    await this.repo.insert(row);
    const summary = await this.objects.get(id).initialize({ storeId: id, projectId, createdAt, expiresAfterDays: days, ...(params.vectors === false ? { vectors: false } : {}) });
    return { row, summary };
  }

  /** The catalog row alone: enough to prove the store exists in this project. */
  getRow(projectId: string, id: string): Promise<VectorStoreRow | null> {
    return this.repo.get(projectId, id);
  }

  async get(projectId: string, id: string): Promise<VectorStoreView | null> {
    const row = await this.repo.get(projectId, id);
    if (!row) return null;
    // Null: the store was deleted after its row was read (the object goes first, then the row).
    const summary = await this.objects.get(id).liveSummary();
    return summary ? { row, summary } : null;
  }

  async list(projectId: string, req: PageRequest): Promise<Page<VectorStoreView> | "bad_cursor"> {
    const page = await this.repo.list(projectId, req);
    if (page === "bad_cursor") return page;
    return { hasMore: page.hasMore, data: page.data.map((row) => ({ row, summary: mirroredSummary(row) })) };
  }

  async update(projectId: string, id: string, params: UpdateVectorStore): Promise<VectorStoreView | null> {
    const existing = await this.repo.get(projectId, id);
    if (!existing) return null;
    await this.repo.update(id, {
      name: params.name,
      metadata: params.metadata === undefined ? undefined : params.metadata === null ? null : JSON.stringify(params.metadata),
      expires_after_days: params.expiresAfterDays,
    });
    const object = this.objects.get(id);
    // A modify is activity: last_active_at moves (setExpiryPolicy does it too).
    if (params.expiresAfterDays !== undefined) await object.setExpiryPolicy(params.expiresAfterDays);
    else await object.touch();
    return this.get(projectId, id);
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    const row = await this.repo.get(projectId, id);
    if (!row) return false;
    const chunkIds = await this.objects.get(id).destroy();
    await this.vectorIndex.deleteChunks(id, chunkIds);
    await this.repo.delete(id);
    return true;
  }
}
