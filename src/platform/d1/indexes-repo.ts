// SQL for the `indexes` catalog table: LlamaCloud indexes and the mirror of their sync state.
import type { IndexesCatalog, IndexRow, SyncMirror } from "../../core/catalog/indexes";
import { tokenPageFromRows, type Sequenced, type TokenPage, type TokenPageRequest } from "../../core/pagination";
import { insertionOrder } from "./token-keyset";

export class IndexesRepo implements IndexesCatalog {
  constructor(private readonly db: D1Database) {}

  async insert(row: IndexRow): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO indexes (id, project_id, name, description, source_directory_id, vector_store_id, sync_config_id, output_directory_id,
           status, error_message, last_synced_at, last_exported_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(row.id, row.project_id, row.name, row.description, row.source_directory_id, row.vector_store_id, row.sync_config_id,
        row.output_directory_id, row.status, row.error_message, row.last_synced_at, row.last_exported_at, row.created_at, row.updated_at)
      .run();
  }

  get(projectId: string, id: string): Promise<IndexRow | null> {
    return this.db.prepare(`SELECT * FROM indexes WHERE id = ? AND project_id = ?`).bind(id, projectId).first<IndexRow>();
  }

  /** For the queue consumer, which has no project: the message names the index. */
  getById(id: string): Promise<IndexRow | null> {
    return this.db.prepare(`SELECT * FROM indexes WHERE id = ?`).bind(id).first<IndexRow>();
  }

  /** The index exporting to a store (retrieval accepts the export_config_id in place of the index id). */
  getByStore(projectId: string, storeId: string): Promise<IndexRow | null> {
    return this.db.prepare(`SELECT * FROM indexes WHERE vector_store_id = ? AND project_id = ?`).bind(storeId, projectId).first<IndexRow>();
  }

  async list(projectId: string, q: TokenPageRequest & { sourceDirectoryId?: string | undefined }): Promise<TokenPage<Sequenced<IndexRow>>> {
    const filter = q.sourceDirectoryId === undefined ? "" : " AND source_directory_id = ?";
    const ks = insertionOrder("ASC", q);
    const { results } = await this.db
      .prepare(`SELECT rowid AS seq, * FROM indexes WHERE project_id = ?${filter}${ks.where} ORDER BY ${ks.orderBy} LIMIT ?`)
      .bind(projectId, ...(q.sourceDirectoryId === undefined ? [] : [q.sourceDirectoryId]), ...ks.binds, q.pageSize + 1)
      .all<Sequenced<IndexRow>>();
    return tokenPageFromRows(results, q.pageSize);
  }

  async writeSyncMirror(id: string, m: SyncMirror): Promise<void> {
    await this.db
      .prepare(`UPDATE indexes SET status = ?, error_message = ?, last_synced_at = ?, last_exported_at = ?, updated_at = ? WHERE id = ?`)
      .bind(m.status, m.error_message, m.last_synced_at, m.last_exported_at, m.updated_at, id)
      .run();
  }

  /** The index row and its output directory, in one transaction. */
  async delete(row: IndexRow): Promise<void> {
    await this.db.batch([
      this.db.prepare(`DELETE FROM indexes WHERE id = ?`).bind(row.id),
      this.db.prepare(`DELETE FROM directory_files WHERE directory_id = ?`).bind(row.output_directory_id),
      this.db.prepare(`DELETE FROM directories WHERE id = ? AND type = 'index'`).bind(row.output_directory_id),
    ]);
  }
}
