// Applies schema.sql to D1 once per isolate (every statement is IF NOT EXISTS, so re-running is harmless).
import schemaSql from "../../../schema.sql";

const applied = new WeakMap<D1Database, Promise<void>>();

export function catalogStatements(sql: string = schemaSql): string[] {
  // Comments go first: they may contain ";". (schema.sql has no string literal containing "--".)
  return sql
    .replace(/--[^\n]*/g, "")
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);
}

export function ensureCatalogSchema(db: D1Database): Promise<void> {
  let pending = applied.get(db);
  if (!pending) {
    pending = db
      .batch(catalogStatements().map((s) => db.prepare(s)))
      .then(() => undefined)
      .catch((error: unknown) => {
        applied.delete(db);
        throw error;
      });
    applied.set(db, pending);
  }
  return pending;
}
