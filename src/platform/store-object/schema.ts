// The store object's SQLite schema, created and upgraded idempotently, gated by a version in `meta`.
import { reanalyzeChunks, seedPriorRows } from "./chunks-table";
import type { Sql } from "./sql";

/** A statement, or a step SQL cannot express: one that checks before it changes (ALTER TABLE has no IF NOT EXISTS), or re-analyses text. */
type Step = string | ((sql: Sql) => void);

/** Adds a column unless it is there: storage wiped by deleteAll() is rebuilt from v1, and the step must hold either way. */
function addColumn(table: string, column: string, declaration: string): Step {
  return (sql) => {
    const columns = sql.all<{ name: string }>(`SELECT name FROM pragma_table_info(?)`, table).map((c) => c.name);
    if (!columns.includes(column)) sql.run(`ALTER TABLE ${table} ADD COLUMN ${column} ${declaration}`);
  };
}

const MIGRATIONS: Step[][] = [
  // v1
  [
    `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE IF NOT EXISTS files (
       file_id TEXT PRIMARY KEY,
       generation INTEGER NOT NULL,
       status TEXT NOT NULL,
       created_at INTEGER NOT NULL,
       updated_at INTEGER NOT NULL,
       filename TEXT NOT NULL,
       bytes INTEGER NOT NULL,
       attributes TEXT,
       max_chunk_tokens INTEGER NOT NULL,
       overlap_tokens INTEGER NOT NULL,
       usage_bytes INTEGER NOT NULL DEFAULT 0,
       last_error_code TEXT,
       last_error_message TEXT,
       checkpoint TEXT
     )`,
    `CREATE INDEX IF NOT EXISTS files_by_created ON files (created_at, file_id)`,
    `CREATE INDEX IF NOT EXISTS files_by_status ON files (status, updated_at)`,
    `CREATE TABLE IF NOT EXISTS batches (batch_id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0)`,
    `CREATE TABLE IF NOT EXISTS batch_files (batch_id TEXT NOT NULL, file_id TEXT NOT NULL, PRIMARY KEY (batch_id, file_id))`,
    `CREATE INDEX IF NOT EXISTS batch_files_by_file ON batch_files (file_id)`,
    `CREATE TABLE IF NOT EXISTS chunks (
       chunk_id INTEGER PRIMARY KEY,
       file_id TEXT NOT NULL,
       generation INTEGER NOT NULL,
       chunk_index INTEGER NOT NULL,
       text TEXT NOT NULL,
       start_char INTEGER NOT NULL,
       end_char INTEGER NOT NULL,
       token_count INTEGER NOT NULL,
       page_start INTEGER,
       page_end INTEGER
     )`,
    `CREATE UNIQUE INDEX IF NOT EXISTS chunks_by_file ON chunks (file_id, generation, chunk_index)`,
    // External-content FTS5 over chunks.text, kept in step by triggers (BM25 keyword retrieval).
    `CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(text, content='chunks', content_rowid='chunk_id', tokenize='porter unicode61')`,
    `CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
       INSERT INTO chunks_fts (rowid, text) VALUES (new.chunk_id, new.text);
     END`,
    `CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
       INSERT INTO chunks_fts (chunks_fts, rowid, text) VALUES ('delete', old.chunk_id, old.text);
     END`,
    // Locally: the whole vector index. With Vectorize: only vectors whose mutation is not yet confirmed.
    `CREATE TABLE IF NOT EXISTS vectors (
       chunk_id INTEGER PRIMARY KEY,
       file_id TEXT NOT NULL,
       embedding BLOB NOT NULL,
       mutation_id TEXT
     )`,
    `CREATE INDEX IF NOT EXISTS vectors_by_file ON vectors (file_id)`,
  ],
  // v2: LlamaCloud index sync (sync-table.ts). One row in sync_state: a store is the export target of at most one index.
  [
    `CREATE TABLE IF NOT EXISTS sync_state (
       index_id TEXT PRIMARY KEY,
       run INTEGER NOT NULL,
       status TEXT NOT NULL,
       phase TEXT,
       error_message TEXT,
       skipped TEXT,
       started_at INTEGER NOT NULL,
       heartbeat_at INTEGER NOT NULL,
       last_synced_at INTEGER,
       last_exported_at INTEGER
     )`,
    `CREATE TABLE IF NOT EXISTS sync_manifest (
       file_id TEXT PRIMARY KEY,
       directory_file_id TEXT NOT NULL,
       sha256 TEXT,
       attributes_hash TEXT NOT NULL
     )`,
  ],
  // v3: recovery of a run whose step message was lost (recovery.ts): the live message chain and its re-sends.
  [
    addColumn("sync_state", "lease", "INTEGER NOT NULL DEFAULT 0"),
    addColumn("sync_state", "lease_at", "INTEGER"),
    addColumn("sync_state", "resends", "INTEGER NOT NULL DEFAULT 0"),
  ],
  // v4: keyword search over analysed text in every script (core/search/analyzer.ts). `chunks_terms` holds each
  // chunk's analysed terms joined by spaces; the `ascii` tokenizer splits only at ASCII separators (non-ASCII
  // characters are token characters), so FTS5 indexes exactly the analyser's terms. Contentless: the text lives
  // in `chunks`. Rows are written by insertChunks and deleted by the trigger; existing chunks are re-analysed here
  // (this runs in blockConcurrencyWhile on the object's first use after the upgrade).
  [
    `DROP TRIGGER IF EXISTS chunks_ai`,
    `DROP TRIGGER IF EXISTS chunks_ad`,
    `DROP TABLE IF EXISTS chunks_fts`,
    `CREATE VIRTUAL TABLE IF NOT EXISTS chunks_terms USING fts5(terms, content='', contentless_delete=1, tokenize='ascii')`,
    // Document frequencies for the absolute BM25 scale (search-table.ts).
    `CREATE VIRTUAL TABLE IF NOT EXISTS chunks_terms_vocab USING fts5vocab(chunks_terms, 'row')`,
    `CREATE TRIGGER IF NOT EXISTS chunks_terms_ad AFTER DELETE ON chunks BEGIN
       DELETE FROM chunks_terms WHERE rowid = old.chunk_id;
     END`,
    seedPriorRows,
    reanalyzeChunks,
  ],
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(sql: Sql): void {
  sql.run(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  const row = sql.all<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`)[0];
  const current = row ? Number(row.value) : 0;
  for (let v = current; v < MIGRATIONS.length; v++) {
    for (const step of MIGRATIONS[v]!) {
      if (typeof step === "string") sql.run(step);
      else step(sql);
    }
  }
  if (current !== SCHEMA_VERSION)
    sql.run(`INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)`, String(SCHEMA_VERSION));
}
