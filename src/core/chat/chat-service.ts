// LlamaCloud chat sessions: create, read, list, delete, and the bookkeeping of a turn (lock the index set, keep the events).
import type { ChatMessage } from "../responses/chat-model";
import { newChatSessionId, nowIso } from "../ids";
import type { Sequenced, TokenPage, TokenPageRequest } from "../pagination";
import { failed, missing, ok, type Result } from "../result";
import type { ChatEvent, ChatJobMetadata } from "./events";
import type { ChatSessionRow, ChatSessionsCatalog } from "./sessions";
import { titleOf, transcriptOf } from "./transcript";

export type { ChatSessionRow };

/** A turn that may run: its number, the session, and the model's transcript ending with this turn's prompt. */
export interface StartedTurn {
  turn: number;
  session: ChatSessionRow;
  transcript: ChatMessage[];
}

/** Index sets are compared as sets: sorted, without repeats. */
export const canonicalIndexIds = (ids: readonly string[]) => [...new Set(ids)].sort();

export class ChatService {
  constructor(private readonly repo: ChatSessionsCatalog) {}

  /** `indexIds` null = an unbound session (its first message binds it). */
  async create(projectId: string, params: { indexIds: string[] | null; sharedAccess: boolean }): Promise<ChatSessionRow> {
    const now = nowIso();
    const row: ChatSessionRow = {
      id: newChatSessionId(),
      project_id: projectId,
      index_ids: params.indexIds === null ? null : canonicalIndexIds(params.indexIds),
      shared_access: params.sharedAccess,
      generated_title: null,
      job_metadata: null,
      turns: 0,
      created_at: now,
      last_updated_at: now,
    };
    await this.repo.insert(row);
    return row;
  }

  get(projectId: string, id: string): Promise<ChatSessionRow | null> {
    return this.repo.get(projectId, id);
  }

  /** The session with its whole event history, or null. */
  async history(projectId: string, id: string): Promise<{ session: ChatSessionRow; events: ChatEvent[] } | null> {
    const session = await this.repo.get(projectId, id);
    return session ? { session, events: await this.repo.events(id) } : null;
  }

  list(projectId: string, q: TokenPageRequest): Promise<TokenPage<Sequenced<ChatSessionRow>>> {
    return this.repo.list(projectId, q);
  }

  delete(projectId: string, id: string): Promise<boolean> {
    return this.repo.delete(projectId, id);
  }

  /**
   * Begins a turn over `indexIds` (already checked to be the project's): the first turn sets and locks the session's
   * index set, a later one must name the same set. Fails `not_found` or `chat_index_set_locked`.
   */
  async beginTurn(projectId: string, id: string, indexIds: string[], input: ChatEvent & { type: "user_input" }): Promise<Result<StartedTurn>> {
    const set = canonicalIndexIds(indexIds);
    const begun = await this.repo.beginTurn(projectId, id, set, titleOf(input.content), input, nowIso());
    if (begun === "missing") return missing("chat_session", id, "session_id");
    if (begun === "locked") {
      const session = await this.repo.get(projectId, id);
      return failed({ kind: "chat_index_set_locked", sessionId: id, indexIds: session?.index_ids ?? [] });
    }
    return ok({ ...begun, transcript: transcriptOf(await this.repo.events(id)) });
  }

  /** Keeps the turn's events after its user_input, and its outcome as the session's job_metadata. */
  finishTurn(sessionId: string, turn: number, events: ChatEvent[], job: ChatJobMetadata): Promise<void> {
    return this.repo.finishTurn(sessionId, turn, events, job, nowIso());
  }
}
