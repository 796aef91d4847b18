// SQL for the `responses` and `response_items` catalog tables (bound parameters only).
import type { ResponseRow, ResponsesCatalog } from "../../core/catalog/responses";

/** Item rows per INSERT: 3 bound parameters each, under D1's 100 per statement. */
const ITEM_ROWS_PER_STATEMENT = 33;

export class ResponsesRepo implements ResponsesCatalog {
  constructor(private readonly db: D1Database) {}

  async insert(row: ResponseRow, itemIds: string[]): Promise<void> {
    const statements = [
      this.db
        .prepare(`INSERT INTO responses (id, project_id, previous_response_id, status, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .bind(row.id, row.project_id, row.previous_response_id, row.status, row.created_at, row.expires_at),
    ];
    const unique = [...new Set(itemIds)];
    for (let i = 0; i < unique.length; i += ITEM_ROWS_PER_STATEMENT) {
      const slice = unique.slice(i, i + ITEM_ROWS_PER_STATEMENT);
      // An item fed back into a later response keeps the row of the response that first held it.
      statements.push(
        this.db
          .prepare(`INSERT OR IGNORE INTO response_items (item_id, project_id, response_id) VALUES ${slice.map(() => "(?, ?, ?)").join(", ")}`)
          .bind(...slice.flatMap((id) => [id, row.project_id, row.id])),
      );
    }
    await this.db.batch(statements);
  }

  get(projectId: string, id: string, now: number): Promise<ResponseRow | null> {
    return this.db.prepare(`SELECT * FROM responses WHERE id = ? AND project_id = ? AND expires_at > ?`).bind(id, projectId, now).first<ResponseRow>();
  }

  findByItem(projectId: string, itemId: string, now: number): Promise<ResponseRow | null> {
    return this.db
      .prepare(
        `SELECT r.* FROM response_items i JOIN responses r ON r.id = i.response_id
         WHERE i.item_id = ? AND i.project_id = ? AND r.project_id = ? AND r.expires_at > ?`,
      )
      .bind(itemId, projectId, projectId, now)
      .first<ResponseRow>();
  }

  async remove(projectId: string, id: string): Promise<boolean> {
    const [removed] = await this.db.batch([
      this.db.prepare(`DELETE FROM responses WHERE id = ? AND project_id = ?`).bind(id, projectId),
      this.db.prepare(`DELETE FROM response_items WHERE response_id = ? AND project_id = ?`).bind(id, projectId),
    ]);
    return (removed?.meta.changes ?? 0) > 0;
  }

  async listExpired(now: number, limit: number): Promise<ResponseRow[]> {
    const { results } = await this.db.prepare(`SELECT * FROM responses WHERE expires_at <= ? ORDER BY expires_at LIMIT ?`).bind(now, limit).all<ResponseRow>();
    return results;
  }
}
