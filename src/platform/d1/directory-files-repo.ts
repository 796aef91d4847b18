// SQL for the `directory_files` catalog table: documents of a LlamaCloud directory, each pointing at a file.
import type { DirectoryFileListQuery, DirectoryFileRow, DirectoryFilesCatalog, ExportRow } from "../../core/catalog/directory-files";
import type { FileRow } from "../../core/catalog/files";
import { tokenPageFromRows, type Sequenced, type TokenPage } from "../../core/pagination";
import { insertionOrder } from "./token-keyset";
import { setClause } from "./set-clause";

/** Thrown by D1 when (directory_id, unique_id) would repeat. */
const isUniqueViolation = (error: unknown) => String(error).includes("UNIQUE constraint failed");

export class DirectoryFilesRepo implements DirectoryFilesCatalog {
  constructor(private readonly db: D1Database) {}

  /**
   * Inserts, or — when the directory already has this unique_id — points that row at the new file (a new version
   * of the document). `keepMetadata` leaves the existing row's metadata when the caller sent none. One statement,
   * conditional on the file's row existing in the same project: null when the file is gone (a file delete removes
   * the file row and its directory entries in one transaction, so no entry can point at a deleted file).
   */
  async upsert(row: DirectoryFileRow, keepMetadata: boolean): Promise<DirectoryFileRow | null> {
    // The SELECT's WHERE also avoids SQLite's INSERT … SELECT … ON CONFLICT parsing ambiguity.
    return this.db
      .prepare(
        `INSERT INTO directory_files (id, directory_id, project_id, file_id, display_name, unique_id, metadata, created_at, updated_at)
         SELECT ?, ?, f.project_id, f.id, ?, ?, ?, ?, ? FROM files f WHERE f.id = ? AND f.project_id = ?
         ON CONFLICT (directory_id, unique_id) DO UPDATE SET file_id = excluded.file_id, display_name = excluded.display_name,
           metadata = CASE WHEN ? THEN directory_files.metadata ELSE excluded.metadata END, updated_at = excluded.updated_at
         RETURNING *`,
      )
      .bind(row.id, row.directory_id, row.display_name, row.unique_id, row.metadata, row.created_at, row.updated_at, row.file_id, row.project_id, keepMetadata ? 1 : 0)
      .first<DirectoryFileRow>();
  }

  get(projectId: string, directoryId: string, id: string): Promise<DirectoryFileRow | null> {
    return this.db
      .prepare(`SELECT * FROM directory_files WHERE id = ? AND directory_id = ? AND project_id = ?`)
      .bind(id, directoryId, projectId)
      .first<DirectoryFileRow>();
  }

  /** "conflict" when the new (directory_id, unique_id) is taken by another directory file. */
  async update(id: string, fields: Partial<Pick<DirectoryFileRow, "directory_id" | "display_name" | "unique_id" | "metadata">> & { updated_at: string }): Promise<"ok" | "conflict"> {
    const set = setClause(fields);
    try {
      await this.db.prepare(`UPDATE directory_files SET ${set.sql} WHERE id = ?`).bind(...set.binds, id).run();
      return "ok";
    } catch (error) {
      if (isUniqueViolation(error)) return "conflict";
      throw error;
    }
  }

  async delete(projectId: string, directoryId: string, id: string): Promise<boolean> {
    const res = await this.db.prepare(`DELETE FROM directory_files WHERE id = ? AND directory_id = ? AND project_id = ?`).bind(id, directoryId, projectId).run();
    return res.meta.changes > 0;
  }

  async list(projectId: string, directoryId: string, q: DirectoryFileListQuery): Promise<TokenPage<Sequenced<DirectoryFileRow>>> {
    const where: string[] = [];
    const binds: string[] = [];
    const add = (clause: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(clause);
      binds.push(value);
    };
    add(" AND display_name = ?", q.displayName);
    // instr() instead of LIKE: the client's text needs no escaping of % and _.
    add(" AND instr(lower(display_name), lower(?)) > 0", q.displayNameContains);
    add(" AND file_id = ?", q.fileId);
    add(" AND unique_id = ?", q.uniqueId);
    add(" AND updated_at >= ?", q.updatedOnOrAfter);
    add(" AND updated_at <= ?", q.updatedOnOrBefore);
    const ks = insertionOrder("ASC", q);
    const { results } = await this.db
      .prepare(`SELECT rowid AS seq, * FROM directory_files WHERE directory_id = ? AND project_id = ?${where.join("")}${ks.where} ORDER BY ${ks.orderBy} LIMIT ?`)
      .bind(directoryId, projectId, ...binds, ...ks.binds, q.pageSize + 1)
      .all<Sequenced<DirectoryFileRow>>();
    return tokenPageFromRows(results, q.pageSize);
  }

  /** Every directory file whose file still exists and has not expired, oldest first (the first of duplicates wins). */
  async exportRows(projectId: string, directoryId: string, now: number): Promise<ExportRow[]> {
    const { results } = await this.db
      .prepare(
        `SELECT d.id AS directory_file_id, d.metadata AS dfl_metadata, f.*
           FROM directory_files d JOIN files f ON f.id = d.file_id AND f.project_id = d.project_id
          WHERE d.directory_id = ? AND d.project_id = ? AND (f.expires_at IS NULL OR f.expires_at > ?)
          ORDER BY d.rowid`,
      )
      .bind(directoryId, projectId, now)
      .all<FileRow & { directory_file_id: string; dfl_metadata: string | null }>();
    return results.map(({ directory_file_id, dfl_metadata, ...file }) => ({ directory_file_id, metadata: dfl_metadata, file }));
  }
}
