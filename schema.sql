-- Shelf D1 catalog. Applied idempotently (CREATE ... IF NOT EXISTS) by the worker on first use per isolate,
-- and by `npm run dev` / the tests. Documented in docs/storage.md.
-- Everything about one vector store's contents lives in its Durable Object; this catalog holds what crosses stores.

CREATE TABLE IF NOT EXISTS files (
  id TEXT PRIMARY KEY,                -- file-<22 base62>
  project_id TEXT NOT NULL,
  filename TEXT NOT NULL,             -- as sent by the client; data only, never part of an R2 key
  bytes INTEGER NOT NULL,
  purpose TEXT NOT NULL,
  content_type TEXT,
  content_sha256 TEXT,                -- hex digest of the bytes, for index sync change detection
  created_at INTEGER NOT NULL,        -- unix seconds
  expires_at INTEGER,                 -- unix seconds, null = never
  external_file_id TEXT               -- LlamaCloud face
);
CREATE INDEX IF NOT EXISTS files_by_project ON files (project_id, created_at, id);

CREATE TABLE IF NOT EXISTS vector_stores (
  id TEXT PRIMARY KEY,                -- vs_<32 hex>
  project_id TEXT NOT NULL,
  name TEXT,
  description TEXT,
  metadata TEXT,                      -- JSON object or null
  created_at INTEGER NOT NULL,
  expires_after_days INTEGER,         -- policy anchor is always last_active_at
  -- Mirror of the store object's state, written by the object after its own commit (for listings).
  status TEXT NOT NULL DEFAULT 'completed',
  usage_bytes INTEGER NOT NULL DEFAULT 0,
  count_in_progress INTEGER NOT NULL DEFAULT 0,
  count_completed INTEGER NOT NULL DEFAULT 0,
  count_failed INTEGER NOT NULL DEFAULT 0,
  count_cancelled INTEGER NOT NULL DEFAULT 0,
  last_active_at INTEGER,
  expires_at INTEGER,
  vector_index TEXT                   -- which Vectorize index holds the store's namespace (null locally)
);
CREATE INDEX IF NOT EXISTS vector_stores_by_project ON vector_stores (project_id, created_at, id);

-- Which stores a file is attached to: drives the cascade when a file is deleted.
CREATE TABLE IF NOT EXISTS store_files (
  vector_store_id TEXT NOT NULL,
  file_id TEXT NOT NULL,
  PRIMARY KEY (vector_store_id, file_id)
);
CREATE INDEX IF NOT EXISTS store_files_by_file ON store_files (file_id);

CREATE TABLE IF NOT EXISTS directories (
  id TEXT PRIMARY KEY,                -- dir-<24 hex>
  project_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  type TEXT NOT NULL DEFAULT 'user',  -- user | ephemeral | index (the output directory an index creates)
  system_metadata TEXT,               -- JSON object or null, stored as sent
  created_at TEXT NOT NULL,           -- ISO-8601 (LlamaCloud face)
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS directories_by_project ON directories (project_id, created_at, id);

CREATE TABLE IF NOT EXISTS directory_files (
  id TEXT PRIMARY KEY,                -- dfl-<24 hex>
  directory_id TEXT NOT NULL,
  project_id TEXT NOT NULL,
  file_id TEXT NOT NULL,
  display_name TEXT NOT NULL,
  unique_id TEXT NOT NULL,
  metadata TEXT,                      -- JSON object; becomes the store file's attributes on sync
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS directory_files_by_directory ON directory_files (directory_id, created_at, id);
-- unique_id names a document within its directory: adding or uploading the same unique_id again replaces its file.
CREATE UNIQUE INDEX IF NOT EXISTS directory_files_by_unique_id ON directory_files (directory_id, unique_id);
CREATE INDEX IF NOT EXISTS directory_files_by_file ON directory_files (file_id);

CREATE TABLE IF NOT EXISTS indexes (
  id TEXT PRIMARY KEY,                -- idx-<24 hex>
  project_id TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  source_directory_id TEXT NOT NULL,
  vector_store_id TEXT NOT NULL,      -- = export_config_id
  sync_config_id TEXT NOT NULL,
  output_directory_id TEXT NOT NULL,  -- a directory of type 'index', created and deleted with the index
  -- Mirror of the sync state kept by the store object.
  status TEXT NOT NULL,
  error_message TEXT,
  last_synced_at TEXT,
  last_exported_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS indexes_by_project ON indexes (project_id, created_at, id);
CREATE INDEX IF NOT EXISTS indexes_by_store ON indexes (vector_store_id);
-- An index's sync schedule and export target (a table of its own, so catalogs created before it need no migration;
-- an index without a row is manual and DEFAULT). Written with the index, deleted with it.
CREATE TABLE IF NOT EXISTS index_settings (
  index_id TEXT PRIMARY KEY,
  source_directory_id TEXT NOT NULL,
  sync_frequency TEXT NOT NULL,       -- manual | daily | on_source_change
  vector_target TEXT NOT NULL,        -- DEFAULT | DISABLED
  daily_slot INTEGER NOT NULL,        -- the quarter hour of the UTC day (0-95) of a daily sync, from a hash of index_id
  source_change_seq INTEGER NOT NULL DEFAULT 0,  -- changes of the source directory (on_source_change)
  source_synced_seq INTEGER NOT NULL DEFAULT 0   -- the change that last started a sync
);
CREATE INDEX IF NOT EXISTS index_settings_by_source ON index_settings (source_directory_id, sync_frequency);
CREATE INDEX IF NOT EXISTS index_settings_by_slot ON index_settings (sync_frequency, daily_slot);

-- The Uploads API (/v1/uploads): a file sent in parts. Each part is its own R2 object
-- (uploads/{upload_id}/{part_id}); completing writes a manifest at files/{file_id} that lists them in order.
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY,                -- upload_<24 base62>
  project_id TEXT NOT NULL,
  filename TEXT NOT NULL,             -- data only, never part of an R2 key
  bytes INTEGER NOT NULL,             -- declared at create; the parts named at complete must add up to it
  purpose TEXT NOT NULL,
  mime_type TEXT NOT NULL,
  file_expires_after INTEGER,         -- seconds: the completed file's expires_after policy (null = never)
  status TEXT NOT NULL,               -- pending | completed | cancelled | expired
  created_at INTEGER NOT NULL,        -- unix seconds
  expires_at INTEGER NOT NULL,        -- created_at + 3600: a pending upload past it is expired
  file_id TEXT                        -- the file made by complete
);
CREATE INDEX IF NOT EXISTS uploads_by_status ON uploads (status, expires_at);

-- Parts received and not yet consumed: removed when their upload completes, is cancelled or expires.
CREATE TABLE IF NOT EXISTS upload_parts (
  id TEXT PRIMARY KEY,                -- part_<24 base62>
  upload_id TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,               -- hex digest of the part's bytes
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS upload_parts_by_upload ON upload_parts (upload_id);

-- Stored responses (/v1/responses, store: true): the row is the commit point and carries the project and the expiry;
-- the body (input items, output, echo fields) is the R2 object responses/{id}.json, written before the row.
CREATE TABLE IF NOT EXISTS responses (
  id TEXT PRIMARY KEY,                -- resp_<48 hex>
  project_id TEXT NOT NULL,
  previous_response_id TEXT,          -- the response this one continued, or null
  status TEXT NOT NULL,               -- completed | incomplete | failed
  created_at INTEGER NOT NULL,        -- unix seconds
  expires_at INTEGER NOT NULL         -- created_at + 30 days; swept by the Cron Trigger
);
CREATE INDEX IF NOT EXISTS responses_by_expiry ON responses (expires_at);

-- Which response holds an item id (input and output items), for item_reference inputs. Deleted with the response.
CREATE TABLE IF NOT EXISTS response_items (
  item_id TEXT NOT NULL,              -- msg_…, fs_…, fc_…, fco_… (or an id the client sent)
  project_id TEXT NOT NULL,
  response_id TEXT NOT NULL,
  PRIMARY KEY (project_id, item_id)
);
CREATE INDEX IF NOT EXISTS response_items_by_response ON response_items (response_id);

-- LlamaCloud chat sessions (/api/v1/chat): kept until deleted. index_ids is locked by the first turn (turns > 0).
CREATE TABLE IF NOT EXISTS chat_sessions (
  id TEXT PRIMARY KEY,                -- chat-<24 hex>
  project_id TEXT NOT NULL,
  index_ids TEXT,                     -- JSON array of idx- ids, sorted; NULL = unbound
  shared_access INTEGER NOT NULL DEFAULT 0,
  generated_title TEXT,               -- the first prompt, shortened
  job_metadata TEXT,                  -- JSON: the latest turn's stop (usage, error)
  turns INTEGER NOT NULL DEFAULT 0,   -- turns begun
  created_at TEXT NOT NULL,
  last_updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chat_sessions_by_project ON chat_sessions (project_id);
-- A session's history: one row per event (user_input, text_delta, text, tool_call, tool_result, stop), in order.
CREATE TABLE IF NOT EXISTS chat_events (
  session_id TEXT NOT NULL,
  turn INTEGER NOT NULL,              -- 1-based turn of the session
  seq INTEGER NOT NULL,               -- emission order within the turn (0 = user_input)
  body TEXT NOT NULL,                 -- the event's JSON, as streamed
  PRIMARY KEY (session_id, turn, seq)
);
