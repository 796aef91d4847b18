// The catalog's LlamaCloud chat sessions (D1 `chat_sessions`, `chat_events`): the row the core works with and the port.
import type { Sequenced, TokenPage, TokenPageRequest } from "../pagination";
import type { ChatEvent, ChatJobMetadata } from "./events";

/** Times are ISO-8601. `index_ids` are index ids (idx-…), sorted; null = unbound. */
export interface ChatSessionRow {
  id: string;
  project_id: string;
  index_ids: string[] | null;
  shared_access: boolean;
  /** The first prompt, shortened; null until the first message. */
  generated_title: string | null;
  /** The latest turn's outcome; null until a turn has finished. */
  job_metadata: ChatJobMetadata | null;
  /** Turns begun; the index set is locked once this is above 0. */
  turns: number;
  created_at: string;
  last_updated_at: string;
}

/** A begun turn: its number in the session (1-based) and the session as it now stands. */
export interface BegunTurn {
  turn: number;
  session: ChatSessionRow;
}

export interface ChatSessionsCatalog {
  insert(row: ChatSessionRow): Promise<void>;
  get(projectId: string, id: string): Promise<ChatSessionRow | null>;
  /** Newest session first. */
  list(projectId: string, q: TokenPageRequest): Promise<TokenPage<Sequenced<ChatSessionRow>>>;
  /** The session and its events, in one transaction; false when there was no such session. */
  delete(projectId: string, id: string): Promise<boolean>;
  /** The session's events in order (turn, then emission order). */
  events(sessionId: string): Promise<ChatEvent[]>;
  /**
   * Counts a turn and stores its user_input, in one statement batch, only while the session exists and either no
   * turn has begun yet (the set is then taken and locked) or the session's set is `indexIds`: "locked" otherwise.
   */
  beginTurn(projectId: string, id: string, indexIds: string[], title: string, input: ChatEvent, now: string): Promise<BegunTurn | "missing" | "locked">;
  /** Appends the turn's other events and records its outcome; nothing is written when the session was deleted meanwhile. */
  finishTurn(sessionId: string, turn: number, events: ChatEvent[], job: ChatJobMetadata, now: string): Promise<void>;
}
