// LlamaCloud indexes: a source directory kept in sync with a vector store of ours (export_config_id = its vs_ id).
import type { DirectoriesCatalog } from "../catalog/directories";
import type { IndexesCatalog, IndexRow, SyncFrequency, VectorTarget } from "../catalog/indexes";
import { newDirectoryId, newIndexId, newSyncConfigId, nowIso } from "../ids";
import { syncIndexMessage } from "../ingestion/messages";
import type { Sequenced, TokenPage, TokenPageRequest } from "../pagination";
import { failed, missing, ok, type Result } from "../result";
import type { StoreObjects } from "../store-object/store-objects";
import type { SyncState } from "../store-object/sync-state";
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
  /** Default manual. */
  syncFrequency?: SyncFrequency | undefined;
  /** Default DEFAULT; DISABLED keeps text and chunks but embeds and exports no vectors. */
  vectorTarget?: VectorTarget | undefined;
}

/** What a scheduled start did: started a run, found one syncing (skipped), or found no export store to sync into. */
export type ScheduledStart = "started" | "busy" | "gone";

export class IndexService {
  constructor(
    private readonly repo: IndexesCatalog,
    private readonly directories: DirectoriesCatalog,
    private readonly vectorStores: VectorStoreService,
    private readonly objects: StoreObjects,
    private readonly queue: Queue,
  ) {}

  /** Creates the export store, the output directory and the index, then starts the first sync. Fails `not_found` for the source directory. */
  async create(projectId: string, params: CreateIndex): Promise<Result<IndexView>> {
    const source = await this.directories.get(projectId, params.sourceDirectoryId);
    if (!source) return missing("directory", params.sourceDirectoryId, "source_directory_id");
    const id = newIndexId();
    const name = params.name ?? source.name;
    const store = await this.vectorStores.create(projectId, { name, description: params.description ?? null, metadata: { llamacloud_index_id: id }, vectors: params.vectorTarget !== "DISABLED" });
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
      sync_frequency: params.syncFrequency ?? "manual",
      vector_target: params.vectorTarget ?? "DEFAULT",
    };
    await this.repo.insert(row);
    return this.startSync(row);
  }

  async get(projectId: string, id: string): Promise<IndexView | null> {
    const row = await this.repo.get(projectId, id);
    return row ? this.view(row) : null;
  }

  /** Listings read the catalog mirror, so they never fan out to every store object. */
  list(projectId: string, q: TokenPageRequest & { sourceDirectoryId?: string | undefined }): Promise<TokenPage<Sequenced<IndexRow>>> {
    return this.repo.list(projectId, q);
  }

  /** Starts a run. Fails `not_found` (the index), `export_target_deleted`, or `sync_in_progress` while a run is syncing. */
  async sync(projectId: string, id: string): Promise<Result<IndexView>> {
    const row = await this.repo.get(projectId, id);
    if (!row) return missing("index", id, "index_id");
    if (!(await this.vectorStores.getRow(projectId, row.vector_store_id)))
      return failed({ kind: "export_target_deleted", indexId: id, vectorStoreId: row.vector_store_id });
    return this.startSync(row);
  }

  /** A run started by the schedule (daily, on_source_change) rather than a request: a run already syncing is left alone. */
  async startScheduled(row: IndexRow): Promise<ScheduledStart> {
    if (!(await this.vectorStores.getRow(row.project_id, row.vector_store_id))) return "gone";
    const started = await this.startSync(row);
    return started.ok ? "started" : "busy";
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

  private async startSync(row: IndexRow): Promise<Result<IndexView>> {
    const object = this.objects.get(row.vector_store_id);
    const { started, state } = await object.startSync(row.id);
    if (!started) return failed({ kind: "sync_in_progress", indexId: row.id });
    try {
      await this.queue.send(syncIndexMessage(row.id, row.vector_store_id, state.run));
    } catch (error) {
      // Without its message the run would stay `syncing` until it stalls out; fail it now so a retry can start.
      await object.failSync(state.run, "The sync could not be queued.");
      throw error;
    }
    return ok({ row, state });
  }
}
