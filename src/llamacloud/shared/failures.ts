// The LlamaCloud face's wire error for each failure of the core: one exhaustive switch.
import { ApiError, conflict, notFound } from "../../http/errors";
import type { Failure, Result } from "../../core/result";

/** 404 for a missing id (naming the field that carried it); 409, never to be retried, for a conflict of state. */
export function apiErrorOf(failure: Failure): ApiError {
  switch (failure.kind) {
    case "not_found":
      return notFound(failure.resource, failure.id, failure.param);
    case "unique_id_conflict":
      return conflict(`A file with unique_id '${failure.uniqueId}' already exists in the target directory.`, "unique_id_conflict");
    case "sync_in_progress":
      return conflict(`A sync of index '${failure.indexId}' is already running.`, "sync_in_progress");
    case "export_target_deleted":
      return conflict(
        `The vector store '${failure.vectorStoreId}' of index '${failure.indexId}' was deleted; delete the index and create it again.`,
        "export_target_deleted",
      );
    case "chat_index_set_locked":
      return conflict(
        `Chat session '${failure.sessionId}' is locked to the indexes ${failure.indexIds.join(", ")} since its first message; send those index_ids or start a new session.`,
        "index_set_locked",
      );
    default:
      return unreachable(failure);
  }
}

/** The value of a core command; its failure is thrown as the wire error, which app.onError renders. */
export function valueOrThrow<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw apiErrorOf(result.error);
}

/** A Failure kind without a case above no longer compiles here. */
function unreachable(failure: never): never {
  throw new Error(`unmapped core failure: ${JSON.stringify(failure)}`);
}
