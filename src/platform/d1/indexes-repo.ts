// SQL for the `indexes` and `index_settings` catalog tables: LlamaCloud indexes, their schedule, and the mirror of their sync state.
import type { IndexesCatalog, IndexRow, SourceChange, SyncMirror } from "../../core/catalog/indexes";
import { dailySlot } from "../../core/indexes/schedule";
import { tokenPageFromRows, type Sequenced, type TokenPage, type TokenPageRequest } from "../../core/pagination";
import { tokenKeyset } from "./token-keyset";

/** An index with its settings; an index without a settings row (created before the table) is manual and DEFAULT. */
const SELECT = `SELECT i.*, COALESCE(s.sync_frequency, 'manual') AS sync_frequency, COALESCE(s.vector_target, 'DEFAULT') AS vector_target
  FROM indexes i LEFT JOIN index_settings s ON s.index_id = i.id`;

export class IndexesRepo implements IndexesCatalog {
  constructor(private readonly db: D1Database) {}

  async insert(row: IndexRow): Promise<void> {
    await this.db.batch([
      this.db
        .prepare(
          `INSERT INTO indexes (id, project_id, name, description, source_directory_id, vector_store_id, sync_config_id, output_directory_id,
             status, error_message, last_synced_at, last_exported_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(row.id, row.project_id, row.name, row.description, row.source_directory_id, row.vector_store_id, row.sync_config_id,
          row.output_directory_id, row.status, row.error_message, row.last_synced_at, row.last_exported_at, row.created_at, row.updated_at),
      this.db
        .prepare(`INSERT INTO index_settings (index_id, source_directory_id, sync_frequency, vector_target, daily_slot) VALUES (?, ?, ?, ?, ?)`)
        .bind(row.id, row.source_directory_id, row.sync_frequency, row.vector_target, dailySlot(row.id)),
    ]);
  }

  get(projectId: string, id: string): Promise<IndexRow | null> {
    return this.db.prepare(`${SELECT} WHERE i.id = ? AND i.project_id = ?`).bind(id, projectId).first<IndexRow>();
  }

  /** For the queue consumer, which has no project: the message names the index. */
  getById(id: string): Promise<IndexRow | null> {
    return this.db.prepare(`${SELECT} WHERE i.id = ?`).bind(id).first<IndexRow>();
  }

  /** The index exporting to a store (retrieval accepts the export_config_id in place of the index id). */
  getByStore(projectId: string, storeId: string): Promise<IndexRow | null> {
    return this.db.prepare(`${SELECT} WHERE i.vector_store_id = ? AND i.project_id = ?`).bind(storeId, projectId).first<IndexRow>();
  }

  async list(projectId: string, q: TokenPageRequest & { sourceDirectoryId?: string | undefined }): Promise<TokenPage<Sequenced<IndexRow>>> {
    const filter = q.sourceDirectoryId === undefined ? "" : " AND i.source_directory_id = ?";
    // Insertion order (as insertionOrder), on the indexes row's rowid: index_settings has one too.
    const ks = tokenKeyset("i.rowid", "ASC", q, true);
    const { results } = await this.db
      .prepare(`${SELECT.replace("SELECT ", "SELECT i.rowid AS seq, ")} WHERE i.project_id = ?${filter}${ks.where} ORDER BY ${ks.orderBy} LIMIT ?`)
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

  /** The index row (with its settings) and its output directory, in one transaction. */
  async delete(row: IndexRow): Promise<void> {
    await this.db.batch([
      this.db.prepare(`DELETE FROM indexes WHERE id = ?`).bind(row.id),
      this.db.prepare(`DELETE FROM index_settings WHERE index_id = ?`).bind(row.id),
      this.db.prepare(`DELETE FROM directory_files WHERE directory_id = ?`).bind(row.output_directory_id),
      this.db.prepare(`DELETE FROM directories WHERE id = ? AND type = 'index'`).bind(row.output_directory_id),
    ]);
  }

  async dueDaily(slot: number, afterId: string, limit: number): Promise<IndexRow[]> {
    const { results } = await this.db
      .prepare(`${SELECT} WHERE s.sync_frequency = 'daily' AND s.daily_slot = ? AND i.id > ? ORDER BY i.id LIMIT ?`)
      .bind(slot, afterId, limit)
      .all<IndexRow>();
    return results;
  }

  async noteSourceChange(directoryId: string): Promise<SourceChange[]> {
    const { results } = await this.db
      .prepare(
        `UPDATE index_settings SET source_change_seq = source_change_seq + 1
          WHERE source_directory_id = ? AND sync_frequency = 'on_source_change' RETURNING index_id, source_change_seq AS seq`,
      )
      .bind(directoryId)
      .all<SourceChange>();
    return results;
  }

  async isPendingSourceChange(indexId: string, seq: number): Promise<boolean> {
    const row = await this.db
      .prepare(`SELECT 1 AS hit FROM index_settings WHERE index_id = ? AND source_change_seq = ? AND source_synced_seq < ?`)
      .bind(indexId, seq, seq)
      .first<{ hit: number }>();
    return row !== null;
  }

  async markSourceChangeSynced(indexId: string, seq: number): Promise<void> {
    await this.db.prepare(`UPDATE index_settings SET source_synced_seq = MAX(source_synced_seq, ?) WHERE index_id = ?`).bind(seq, indexId).run();
  }
}
