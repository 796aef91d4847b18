// SQL for the `directories` catalog table (LlamaCloud directories; ISO-8601 timestamps).
import type { DirectoriesCatalog, DirectoryListQuery, DirectoryRow } from "../../core/catalog/directories";
import { tokenPageFromRows, type Sequenced, type TokenPage } from "../../core/pagination";
import { insertionOrder } from "./token-keyset";
import { setClause } from "./set-clause";

export class DirectoriesRepo implements DirectoriesCatalog {
  constructor(private readonly db: D1Database) {}

  async insert(row: DirectoryRow): Promise<void> {
    await this.db
      .prepare(`INSERT INTO directories (id, project_id, name, description, type, system_metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .bind(row.id, row.project_id, row.name, row.description, row.type, row.system_metadata, row.created_at, row.updated_at)
      .run();
  }

  get(projectId: string, id: string): Promise<DirectoryRow | null> {
    return this.db.prepare(`SELECT * FROM directories WHERE id = ? AND project_id = ?`).bind(id, projectId).first<DirectoryRow>();
  }

  async list(projectId: string, q: DirectoryListQuery): Promise<TokenPage<Sequenced<DirectoryRow>>> {
    const where: string[] = [];
    const binds: Array<string | number> = [];
    if (q.name !== undefined) {
      where.push(" AND name = ?");
      binds.push(q.name);
    }
    if (q.types?.length) {
      where.push(` AND type IN (${q.types.map(() => "?").join(",")})`);
      binds.push(...q.types);
    }
    const ks = insertionOrder("ASC", q);
    const { results } = await this.db
      .prepare(`SELECT rowid AS seq, * FROM directories WHERE project_id = ?${where.join("")}${ks.where} ORDER BY ${ks.orderBy} LIMIT ?`)
      .bind(projectId, ...binds, ...ks.binds, q.pageSize + 1)
      .all<Sequenced<DirectoryRow>>();
    return tokenPageFromRows(results, q.pageSize);
  }

  async update(id: string, fields: { name?: string | undefined; description?: string | null | undefined; updated_at: string }): Promise<void> {
    const set = setClause(fields);
    await this.db.prepare(`UPDATE directories SET ${set.sql} WHERE id = ?`).bind(...set.binds, id).run();
  }

  /** The directory and its directory files, in one transaction. The files themselves stay. */
  async delete(id: string): Promise<void> {
    await this.db.batch([
      this.db.prepare(`DELETE FROM directory_files WHERE directory_id = ?`).bind(id),
      this.db.prepare(`DELETE FROM directories WHERE id = ?`).bind(id),
    ]);
  }
}
