// SQL for the `chat_sessions` and `chat_events` catalog tables: LlamaCloud chat sessions and their event history.
import type { ChatEvent, ChatJobMetadata } from "../../core/chat/events";
import type { BegunTurn, ChatSessionRow, ChatSessionsCatalog } from "../../core/chat/sessions";
import { tokenPageFromRows, type Sequenced, type TokenPage, type TokenPageRequest } from "../../core/pagination";
import { tokenKeyset } from "./token-keyset";

/** The row as stored: JSON columns as text, shared_access as 0/1. */
interface StoredSession {
  id: string;
  project_id: string;
  index_ids: string | null;
  shared_access: number;
  generated_title: string | null;
  job_metadata: string | null;
  turns: number;
  created_at: string;
  last_updated_at: string;
}

function rowOf<T extends StoredSession>(s: T): Omit<T, "index_ids" | "shared_access" | "job_metadata"> & ChatSessionRow {
  return {
    ...s,
    index_ids: s.index_ids === null ? null : (JSON.parse(s.index_ids) as string[]),
    shared_access: s.shared_access === 1,
    job_metadata: s.job_metadata === null ? null : (JSON.parse(s.job_metadata) as ChatJobMetadata),
  };
}

export class ChatSessionsRepo implements ChatSessionsCatalog {
  constructor(private readonly db: D1Database) {}

  async insert(row: ChatSessionRow): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO chat_sessions (id, project_id, index_ids, shared_access, generated_title, job_metadata, turns, created_at, last_updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(row.id, row.project_id, row.index_ids === null ? null : JSON.stringify(row.index_ids), row.shared_access ? 1 : 0, row.generated_title,
        row.job_metadata === null ? null : JSON.stringify(row.job_metadata), row.turns, row.created_at, row.last_updated_at)
      .run();
  }

  async get(projectId: string, id: string): Promise<ChatSessionRow | null> {
    const s = await this.db.prepare(`SELECT * FROM chat_sessions WHERE id = ? AND project_id = ?`).bind(id, projectId).first<StoredSession>();
    return s ? rowOf(s) : null;
  }

  async list(projectId: string, q: TokenPageRequest): Promise<TokenPage<Sequenced<ChatSessionRow>>> {
    const ks = tokenKeyset("rowid", "DESC", q, true);
    const { results } = await this.db
      .prepare(`SELECT rowid AS seq, * FROM chat_sessions WHERE project_id = ?${ks.where} ORDER BY ${ks.orderBy} LIMIT ?`)
      .bind(projectId, ...ks.binds, q.pageSize + 1)
      .all<StoredSession & { seq: number }>();
    return tokenPageFromRows(results.map(rowOf), q.pageSize);
  }

  async delete(projectId: string, id: string): Promise<boolean> {
    const [deleted] = await this.db.batch([
      this.db.prepare(`DELETE FROM chat_sessions WHERE id = ? AND project_id = ?`).bind(id, projectId),
      this.db.prepare(`DELETE FROM chat_events WHERE session_id = ? AND NOT EXISTS (SELECT 1 FROM chat_sessions WHERE id = ?)`).bind(id, id),
    ]);
    return (deleted?.meta.changes ?? 0) > 0;
  }

  async events(sessionId: string): Promise<ChatEvent[]> {
    const { results } = await this.db
      .prepare(`SELECT body FROM chat_events WHERE session_id = ? ORDER BY turn, seq`)
      .bind(sessionId)
      .all<{ body: string }>();
    return results.map((r) => JSON.parse(r.body) as ChatEvent);
  }

  async beginTurn(projectId: string, id: string, indexIds: string[], title: string, input: ChatEvent, now: string): Promise<BegunTurn | "missing" | "locked"> {
    const set = JSON.stringify(indexIds);
    // One transaction: the turn is counted only while the set is free or equal, and its user_input joins the same turn.
    const [updated] = await this.db.batch([
      this.db
        .prepare(
          `UPDATE chat_sessions SET index_ids = ?, turns = turns + 1, generated_title = COALESCE(generated_title, ?), last_updated_at = ?
            WHERE id = ? AND project_id = ? AND (turns = 0 OR index_ids = ?) RETURNING *`,
        )
        .bind(set, title, now, id, projectId, set),
      this.db
        .prepare(
          `INSERT INTO chat_events (session_id, turn, seq, body)
           SELECT id, turns, 0, ? FROM chat_sessions WHERE id = ? AND changes() > 0`,
        )
        .bind(JSON.stringify(input), id),
    ]);
    const session = updated?.results[0] as StoredSession | undefined;
    if (session) return { turn: session.turns, session: rowOf(session) };
    return (await this.get(projectId, id)) ? "locked" : "missing";
  }

  async finishTurn(sessionId: string, turn: number, events: ChatEvent[], job: ChatJobMetadata, now: string): Promise<void> {
    // A turn's events are bounded (a few searches of at most 20 passages each), so one batch of single-row inserts.
    const insert = this.db.prepare(
      `INSERT INTO chat_events (session_id, turn, seq, body) SELECT id, ?, ?, ? FROM chat_sessions WHERE id = ?`,
    );
    await this.db.batch([
      ...events.map((e, i) => insert.bind(turn, i + 1, JSON.stringify(e), sessionId)),
      this.db.prepare(`UPDATE chat_sessions SET job_metadata = ?, last_updated_at = ? WHERE id = ?`).bind(JSON.stringify(job), now, sessionId),
    ]);
  }
}
