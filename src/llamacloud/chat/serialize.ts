// Chat sessions on the wire: the SDK's ChatCreateResponse / ChatGetSummaryResponse, and ChatRetrieveResponse with events.
import type { ChatSessionRow } from "../../core/chat/chat-service";
import type { ChatEvent } from "../../core/chat/events";

/** The session summary (create, list, summary). */
export function serializeSession(row: ChatSessionRow) {
  return {
    session_id: row.id,
    last_updated_at: row.last_updated_at,
    shared_access: row.shared_access,
    generated_title: row.generated_title,
    index_ids: row.index_ids,
    job_metadata: row.job_metadata,
  };
}

/** The session with its history (retrieve). */
export function serializeSessionWithEvents(row: ChatSessionRow, events: ChatEvent[]) {
  return { ...serializeSession(row), events };
}
