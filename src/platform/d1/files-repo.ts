// SQL for the `files` catalog table (bound parameters only).
import type { FileQuery, FileRow, FilesCatalog } from "../../core/catalog/files";
import { pageFromRows, tokenPageFromRows, type Page, type PageRequest, type Sequenced, type TokenPage } from "../../core/pagination";
import { keyset } from "./keyset";
import { insertionOrder, tokenKeyset } from "./token-keyset";

/**
 * The INSERT of a file row, for use inside another repo's batch; with `onlyIf` (an SQL condition and its binds) the
 * row is inserted only when the condition holds at that point of the transaction.
 */
export function insertFileStatement(db: D1Database, row: FileRow, onlyIf?: { sql: string; binds: Array<string | number> }): D1PreparedStatement {
  const values = [row.id, row.project_id, row.filename, row.bytes, row.purpose, row.content_type, row.content_sha256, row.created_at, row.expires_at, row.external_file_id];
  const columns = `INSERT INTO files (id, project_id, filename, bytes, purpose, content_type, content_sha256, created_at, expires_at, external_file_id)`;
  if (!onlyIf) return db.prepare(`${columns} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).bind(...values);
  return db.prepare(`${columns} SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE ${onlyIf.sql}`).bind(...values, ...onlyIf.binds);
}

export class FilesRepo implements FilesCatalog {
  constructor(private readonly db: D1Database) {}

  async insert(row: FileRow): Promise<void> {
    await insertFileStatement(this.db, row).run();
  }

  /** Expired files are gone for every reader, like deleted ones. */
  async get(projectId: string, id: string, now: number): Promise<FileRow | null> {
    return this.db
      .prepare(`SELECT * FROM files WHERE id = ? AND project_id = ? AND (expires_at IS NULL OR expires_at > ?)`)
      .bind(id, projectId, now)
      .first<FileRow>();
  }

  async getMany(projectId: string, ids: string[], now: number): Promise<FileRow[]> {
    const out: FileRow[] = [];
    // D1 allows 100 bound parameters per statement.
    for (let i = 0; i < ids.length; i += 90) {
      const part = ids.slice(i, i + 90);
      const { results } = await this.db
        .prepare(`SELECT * FROM files WHERE project_id = ? AND (expires_at IS NULL OR expires_at > ?) AND id IN (${part.map(() => "?").join(",")})`)
        .bind(projectId, now, ...part)
        .all<FileRow>();
      out.push(...results);
    }
    return out;
  }

  async list(projectId: string, req: PageRequest, now: number, purpose?: string): Promise<Page<FileRow> | "bad_cursor"> {
    const cursorId = req.after ?? req.before;
    let cursor: { created_at: number; id: string } | null = null;
    if (cursorId) {
      cursor = await this.db
        .prepare(`SELECT created_at, id FROM files WHERE id = ? AND project_id = ?`)
        .bind(cursorId, projectId)
        .first<{ created_at: number; id: string }>();
      if (!cursor) return "bad_cursor";
    }
    const ks = keyset(req, cursor);
    const purposeClause = purpose ? " AND purpose = ?" : "";
    const { results } = await this.db
      .prepare(
        `SELECT * FROM files WHERE project_id = ? AND (expires_at IS NULL OR expires_at > ?)${purposeClause}${ks.where}
         ORDER BY ${ks.orderBy} LIMIT ?`,
      )
      .bind(projectId, now, ...(purpose ? [purpose] : []), ...ks.binds, req.limit + 1)
      .all<FileRow>();
    return pageFromRows(results, req.limit, ks.reversed);
  }

  async query(projectId: string, q: FileQuery, now: number): Promise<TokenPage<Sequenced<FileRow>>> {
    const where: string[] = [];
    const binds: Array<string | number> = [];
    if (q.fileName !== undefined) {
      where.push(" AND filename = ?");
      binds.push(q.fileName);
    }
    if (q.externalFileId !== undefined) {
      where.push(" AND external_file_id = ?");
      binds.push(q.externalFileId);
    }
    if (q.fileIds) {
      // D1 allows 100 bound parameters per statement; the face caps file_ids below that.
      where.push(` AND id IN (${q.fileIds.map(() => "?").join(",") || "NULL"})`);
      binds.push(...q.fileIds);
    }
    // created_at descending is newest first: insertion order, which also orders files created in the same second.
    const ks = q.orderBy === "created_at" ? insertionOrder("DESC", q) : q.orderBy === "name" ? tokenKeyset("filename", "ASC", q) : tokenKeyset("id", "ASC", q, true);
    const { results } = await this.db
      .prepare(`SELECT rowid AS seq, * FROM files WHERE project_id = ? AND (expires_at IS NULL OR expires_at > ?)${where.join("")}${ks.where} ORDER BY ${ks.orderBy} LIMIT ?`)
      .bind(projectId, now, ...binds, ...ks.binds, q.pageSize + 1)
      .all<Sequenced<FileRow>>();
    return tokenPageFromRows(results, q.pageSize);
  }

  /** The file row and the directory entries that point at it (LlamaCloud directories), in one transaction. */
  async delete(projectId: string, id: string): Promise<{ deleted: boolean; directoryIds: string[] }> {
    const [res, entries] = await this.db.batch<{ directory_id: string }>([
      this.db.prepare(`DELETE FROM files WHERE id = ? AND project_id = ?`).bind(id, projectId),
      this.db.prepare(`DELETE FROM directory_files WHERE file_id = ? AND project_id = ? RETURNING directory_id`).bind(id, projectId),
    ]);
    return { deleted: (res?.meta.changes ?? 0) > 0, directoryIds: [...new Set((entries?.results ?? []).map((r) => r.directory_id))] };
  }
}
