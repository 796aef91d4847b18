// The synchronous SQL surface the store object's table modules use (DO SQLite storage, or node:sqlite in benches).

export type SqlValue = string | number | null | ArrayBuffer | Uint8Array;

export interface Sql {
  all<T>(query: string, ...binds: SqlValue[]): T[];
  run(query: string, ...binds: SqlValue[]): void;
}

export function durableObjectSql(storage: DurableObjectStorage): Sql {
  return {
    all: <T>(query: string, ...binds: SqlValue[]) => storage.sql.exec(query, ...binds).toArray() as T[],
    run: (query: string, ...binds: SqlValue[]) => void storage.sql.exec(query, ...binds),
  };
}
