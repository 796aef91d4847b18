// SQL for the `uploads` and `upload_parts` catalog tables (bound parameters only).
import type { FileRow } from "../../core/catalog/files";
import type { PartLimits, PartRefusal, UploadPartRow, UploadRow, UploadsCatalog } from "../../core/catalog/uploads";
import { insertFileStatement } from "./files-repo";

export class UploadsRepo implements UploadsCatalog {
  constructor(private readonly db: D1Database) {}

  async insert(row: UploadRow): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO uploads (id, project_id, filename, bytes, purpose, mime_type, file_expires_after, status, created_at, expires_at, file_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(row.id, row.project_id, row.filename, row.bytes, row.purpose, row.mime_type, row.file_expires_after, row.status, row.created_at, row.expires_at, row.file_id)
      .run();
  }

  get(projectId: string, id: string): Promise<UploadRow | null> {
    return this.db.prepare(`SELECT * FROM uploads WHERE id = ? AND project_id = ?`).bind(id, projectId).first<UploadRow>();
  }

  /** One statement, so D1's single writer orders it against complete/cancel and against parallel parts' totals. */
  async insertPart(part: UploadPartRow, limits: PartLimits): Promise<true | PartRefusal> {
    const res = await this.db
      .prepare(
        `INSERT INTO upload_parts (id, upload_id, bytes, sha256, created_at)
         SELECT ?, ?, ?, ?, ?
         WHERE EXISTS (SELECT 1 FROM uploads WHERE id = ? AND status = 'pending' AND expires_at > ?)
           AND (SELECT COALESCE(SUM(bytes), 0) FROM upload_parts WHERE upload_id = ?) + ? <= ?
           AND (SELECT COUNT(*) FROM upload_parts WHERE upload_id = ?) < ?`,
      )
      .bind(part.id, part.upload_id, part.bytes, part.sha256, part.created_at, part.upload_id, limits.now, part.upload_id, part.bytes, limits.maxTotalBytes, part.upload_id, limits.maxParts)
      .run();
    if (res.meta.changes > 0) return true;
    // Refused: say why (the answer may be stale by now, but the part was not recorded either way).
    const state = await this.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM uploads WHERE id = ? AND status = 'pending' AND expires_at > ?) AS pending,
                (SELECT COUNT(*) FROM upload_parts WHERE upload_id = ?) AS parts`,
      )
      .bind(part.upload_id, limits.now, part.upload_id)
      .first<{ pending: number; parts: number }>();
    if (!state?.pending) return "not_pending";
    return state.parts >= limits.maxParts ? "too_many_parts" : "too_many_bytes";
  }

  async partsOf(uploadId: string, ids: string[]): Promise<UploadPartRow[]> {
    const out: UploadPartRow[] = [];
    // D1 allows 100 bound parameters per statement.
    for (let i = 0; i < ids.length; i += 90) {
      const slice = ids.slice(i, i + 90);
      const { results } = await this.db
        .prepare(`SELECT * FROM upload_parts WHERE upload_id = ? AND id IN (${slice.map(() => "?").join(",")})`)
        .bind(uploadId, ...slice)
        .all<UploadPartRow>();
      out.push(...results);
    }
    return out;
  }

  async complete(uploadId: string, file: FileRow, now: number): Promise<boolean> {
    const [updated] = await this.db.batch([
      this.db
        .prepare(`UPDATE uploads SET status = 'completed', file_id = ? WHERE id = ? AND status = 'pending' AND expires_at > ?`)
        .bind(file.id, uploadId, now),
      insertFileStatement(this.db, file, { sql: `EXISTS (SELECT 1 FROM uploads WHERE id = ? AND status = 'completed' AND file_id = ?)`, binds: [uploadId, file.id] }),
      this.db.prepare(`DELETE FROM upload_parts WHERE upload_id = ?`).bind(uploadId),
    ]);
    return (updated?.meta.changes ?? 0) > 0;
  }

  async close(uploadId: string, status: "cancelled" | "expired", now: number): Promise<boolean> {
    const expiry = status === "expired" ? " AND expires_at <= ?" : "";
    const [updated] = await this.db.batch([
      this.db
        .prepare(`UPDATE uploads SET status = ? WHERE id = ? AND status = 'pending'${expiry}`)
        .bind(status, uploadId, ...(status === "expired" ? [now] : [])),
      this.db.prepare(`DELETE FROM upload_parts WHERE upload_id = ? AND EXISTS (SELECT 1 FROM uploads WHERE id = ? AND status = ?)`).bind(uploadId, uploadId, status),
    ]);
    return (updated?.meta.changes ?? 0) > 0;
  }

  async listExpired(now: number, limit: number): Promise<UploadRow[]> {
    const { results } = await this.db
      .prepare(`SELECT * FROM uploads WHERE status = 'pending' AND expires_at <= ? ORDER BY expires_at LIMIT ?`)
      .bind(now, limit)
      .all<UploadRow>();
    return results;
  }

  async listClosed(before: number, limit: number): Promise<string[]> {
    const { results } = await this.db
      .prepare(`SELECT id FROM uploads WHERE status IN ('cancelled', 'expired') AND expires_at < ? ORDER BY expires_at LIMIT ?`)
      .bind(before, limit)
      .all<{ id: string }>();
    return results.map((r) => r.id);
  }

  async remove(uploadId: string): Promise<void> {
    await this.db.batch([
      this.db.prepare(`DELETE FROM upload_parts WHERE upload_id = ?`).bind(uploadId),
      this.db.prepare(`DELETE FROM uploads WHERE id = ?`).bind(uploadId),
    ]);
  }
}
