// SQL for the `vector_stores` catalog table and the `store_files` membership table.
import type { VectorStoreRow, VectorStoresCatalog } from "../../core/catalog/vector-stores";
import { pageFromRows, type Page, type PageRequest } from "../../core/pagination";
import { keyset } from "./keyset";
import { setClause } from "./set-clause";

/** What the store object mirrors into the catalog after each of its commits. */
export interface StoreMirror {
  status: VectorStoreRow["status"];
  usage_bytes: number;
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  last_active_at: number | null;
  expires_at: number | null;
}

export class VectorStoresRepo implements VectorStoresCatalog {
  constructor(private readonly db: D1Database) {}

  async insert(row: VectorStoreRow): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO vector_stores (id, project_id, name, description, metadata, created_at, expires_after_days, status,
           usage_bytes, count_in_progress, count_completed, count_failed, count_cancelled, last_active_at, expires_at, vector_index)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(row.id, row.project_id, row.name, row.description, row.metadata, row.created_at, row.expires_after_days, row.status,
        row.usage_bytes, row.count_in_progress, row.count_completed, row.count_failed, row.count_cancelled, row.last_active_at, row.expires_at, row.vector_index)
      .run();
  }

  async get(projectId: string, id: string): Promise<VectorStoreRow | null> {
    return this.db.prepare(`SELECT * FROM vector_stores WHERE id = ? AND project_id = ?`).bind(id, projectId).first<VectorStoreRow>();
  }

  async list(projectId: string, req: PageRequest): Promise<Page<VectorStoreRow> | "bad_cursor"> {
    const cursorId = req.after ?? req.before;
    let cursor: { created_at: number; id: string } | null = null;
    if (cursorId) {
      cursor = await this.db
        .prepare(`SELECT created_at, id FROM vector_stores WHERE id = ? AND project_id = ?`)
        .bind(cursorId, projectId)
        .first<{ created_at: number; id: string }>();
      if (!cursor) return "bad_cursor";
    }
    const ks = keyset(req, cursor);
    const { results } = await this.db
      .prepare(`SELECT * FROM vector_stores WHERE project_id = ?${ks.where} ORDER BY ${ks.orderBy} LIMIT ?`)
      .bind(projectId, ...ks.binds, req.limit + 1)
      .all<VectorStoreRow>();
    return pageFromRows(results, req.limit, ks.reversed);
  }

  async update(id: string, fields: { name?: string | null; metadata?: string | null; expires_after_days?: number | null }): Promise<void> {
    const set = setClause(fields);
    if (set.binds.length === 0) return;
    await this.db.prepare(`UPDATE vector_stores SET ${set.sql} WHERE id = ?`).bind(...set.binds, id).run();
  }

  async writeMirror(id: string, m: StoreMirror): Promise<void> {
    await this.db
      .prepare(
        `UPDATE vector_stores SET status = ?, usage_bytes = ?, count_in_progress = ?, count_completed = ?, count_failed = ?,
           count_cancelled = ?, last_active_at = ?, expires_at = ? WHERE id = ?`,
      )
      .bind(m.status, m.usage_bytes, m.in_progress, m.completed, m.failed, m.cancelled, m.last_active_at, m.expires_at, id)
      .run();
  }

  /** Deletes the store row and its memberships in one transaction. */
  async delete(id: string): Promise<void> {
    await this.db.batch([
      this.db.prepare(`DELETE FROM store_files WHERE vector_store_id = ?`).bind(id),
      this.db.prepare(`DELETE FROM vector_stores WHERE id = ?`).bind(id),
    ]);
  }

  /**
   * Records the store's membership of each file whose catalog row still exists (and has not expired at `now`, unix
   * seconds), while the store's row exists, in one transaction. Answers the ids that are members now (earlier
   * memberships included), or "store_missing" when the store's row is gone (then nothing was written).
   * A file delete removes the file row before it reads memberships, so a file it removed is never added here.
   */
  async addMembers(storeId: string, projectId: string, fileIds: string[], now: number): Promise<Set<string> | "store_missing"> {
    // The no-op DO UPDATE makes RETURNING answer existing memberships too; the SELECT's WHERE avoids SQLite's upsert parsing ambiguity.
    const insert = this.db.prepare(
      `INSERT INTO store_files (vector_store_id, file_id)
         SELECT s.id, f.id FROM vector_stores s JOIN files f ON f.project_id = s.project_id
          WHERE s.id = ? AND s.project_id = ? AND f.id = ? AND (f.expires_at IS NULL OR f.expires_at > ?)
       ON CONFLICT (vector_store_id, file_id) DO UPDATE SET file_id = excluded.file_id
       RETURNING file_id`,
    );
    const storeCheck = this.db.prepare(`SELECT id FROM vector_stores WHERE id = ? AND project_id = ?`).bind(storeId, projectId);
    const results = await this.db.batch<{ file_id?: string; id?: string }>([storeCheck, ...fileIds.map((f) => insert.bind(storeId, projectId, f, now))]);
    if ((results[0]?.results.length ?? 0) === 0) return "store_missing";
    return new Set(results.slice(1).flatMap((r) => r.results.map((row) => row.file_id ?? "")));
  }

  async removeMember(storeId: string, fileId: string): Promise<void> {
    await this.removeMembers(storeId, [fileId]);
  }

  async removeMembers(storeId: string, fileIds: string[]): Promise<void> {
    if (fileIds.length === 0) return;
    const stmt = this.db.prepare(`DELETE FROM store_files WHERE vector_store_id = ? AND file_id = ?`);
    await this.db.batch(fileIds.map((f) => stmt.bind(storeId, f)));
  }

  async storesOfFile(fileId: string): Promise<string[]> {
    const { results } = await this.db.prepare(`SELECT vector_store_id FROM store_files WHERE file_id = ?`).bind(fileId).all<{ vector_store_id: string }>();
    return results.map((r) => r.vector_store_id);
  }
}
