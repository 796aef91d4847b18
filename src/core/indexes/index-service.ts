// LlamaCloud indexes: a source directory kept in sync with a vector store of ours (export_config_id = its vs_ id).
import { conflict, notFound } from "../../http/errors";
import type { DirectoriesRepo } from "../../platform/d1/directories-repo";
import type { IndexesRepo, IndexRow } from "../../platform/d1/indexes-repo";
import type { SyncState } from "../../platform/store-object/sync-table";
import type { Sequenced } from "../../platform/d1/token-keyset";
import { newDirectoryId, newIndexId, newSyncConfigId, nowIso } from "../ids";
import { syncIndexMessage } from "../ingestion/messages";
import type { TokenPage, TokenPageRequest } from "../pagination";
import type { StoreObjects } from "../vector-stores/store-objects";
import type { VectorStoreService } from "../vector-stores/vector-store-service";

export type { IndexRow };

/** The catalog row, and the live sync state from the store object (null when the store is gone). */
export interface IndexView {
  row: IndexRow;
  state: SyncState | null;
  /** The export store was deleted through the OpenAI face: the index can only be deleted now. */
  exportTargetDeleted?: boolean;
}

export interface CreateIndex {
  sourceDirectoryId: string;
  name?: string | null | undefined;
  description?: string | null | undefined;
}

export class IndexService {
  constructor(
    private readonly repo: IndexesRepo,
    private readonly directories: DirectoriesRepo,
    private readonly vectorStores: VectorStoreService,
    private readonly objects: StoreObjects,
    private readonly queue: Queue,
  ) {}

  /** Creates the export store, the output directory and the index, then starts the first sync. */
  async create(projectId: string, params: CreateIndex): Promise<IndexView> {
    const source = await this.directories.get(projectId, params.sourceDirectoryId);
    if (!source) throw notFound("directory", params.sourceDirectoryId, "source_directory_id");
    const id = newIndexId();
    const name = params.name ?? source.name;
    const store = await this.vectorStores.create(projectId, { name, description: params.description ?? null, metadata: { llamacloud_index_id: id } });
    const now = nowIso();
    const outputDirectoryId = newDirectoryId();
    await this.directories.insert({ id: outputDirectoryId, project_id: projectId, name: `${name} (index output)`, description: `Output of index ${id}.`, type: "index", system_metadata: null, created_at: now, updated_at: now });
    const row: IndexRow = {
      id,
      project_id: projectId,
      name,
      description: params.description ?? null,
      source_directory_id: source.id,
      vector_store_id: store.row.id,
      sync_config_id: newSyncConfigId(),
      output_directory_id: outputDirectoryId,
      status: "syncing",
      error_message: null,
      last_synced_at: null,
      last_exported_at: null,
      created_at: now,
      updated_at: now,
    };
    await this.repo.insert(row);
    return { row, state: await this.startSync(row) };
  }

  async get(projectId: string, id: string): Promise<IndexView | null> {
    const row = await this.repo.get(projectId, id);
    return row ? this.view(row) : null;
  }

  /** Listings read the catalog mirror, so they never fan out to every store object. */
  list(projectId: string, q: TokenPageRequest & { sourceDirectoryId?: string | undefined }): Promise<TokenPage<Sequenced<IndexRow>>> {
    return this.repo.list(projectId, q);
  }

  /** 409 (not to be retried) while a run is syncing. */
  async sync(projectId: string, id: string): Promise<IndexView | null> {
    const row = await this.repo.get(projectId, id);
    if (!row) return null;
    if (!(await this.vectorStores.getRow(projectId, row.vector_store_id)))
      throw conflict(`The vector store '${row.vector_store_id}' of index '${id}' was deleted; delete the index and create it again.`, "export_target_deleted");
    return { row, state: await this.startSync(row) };
  }

  /** Removes the sync and the export (the vector store and its chunks); the source directory and its files stay. */
  async delete(projectId: string, id: string): Promise<boolean> {
    const row = await this.repo.get(projectId, id);
    if (!row) return false;
    await this.vectorStores.delete(projectId, row.vector_store_id);
    await this.repo.delete(row);
    return true;
  }

  /** An index by its own id, or by its export_config_id (the official demo retrieves with the latter). */
  async resolve(projectId: string, idOrStoreId: string): Promise<IndexRow | null> {
    return (await this.repo.get(projectId, idOrStoreId)) ?? (await this.repo.getByStore(projectId, idOrStoreId));
  }

  private async view(row: IndexRow): Promise<IndexView> {
    if (!(await this.vectorStores.getRow(row.project_id, row.vector_store_id))) return { row, state: null, exportTargetDeleted: true };
    return { row, state: await this.objects.get(row.vector_store_id).syncState() };
  }

  private async startSync(row: IndexRow): Promise<SyncState> {
    const object = this.objects.get(row.vector_store_id);
    const { started, state } = await object.startSync(row.id);
    if (!started) throw conflict(`A sync of index '${row.id}' is already running.`, "sync_in_progress");
    try {
      await this.queue.send(syncIndexMessage(row.id, row.vector_store_id, state.run));
    } catch (error) {
      // Without its message the run would stay `syncing` until it stalls out; fail it now so a retry can start.
      await object.failSync(state.run, "The sync could not be queued.");
      throw error;
    }
    return state;
  }
}
