// Expected failures of the core are values. A lookup answers null when the one thing it was asked for is absent;
// a command that can fail in more ways answers a Result, and each face maps its Failure to a wire error in one switch.

/** What a request names by id; a `not_found` failure says which. */
export type Resource = "file" | "directory" | "directory_file" | "index" | "chat_session";

/** Every expected failure of a core command. */
export type Failure =
  /** `param`: the request field that named the missing thing (the faces' snake_case field names). */
  | { kind: "not_found"; resource: Resource; id: string; param: string }
  /** Another directory file of the target directory already has this unique_id. */
  | { kind: "unique_id_conflict"; uniqueId: string }
  /** A run of the index's sync is under way (a stalled one would have been superseded). */
  | { kind: "sync_in_progress"; indexId: string }
  /** The index's export store was deleted through the OpenAI face: the index can only be deleted now. */
  | { kind: "export_target_deleted"; indexId: string; vectorStoreId: string }
  /** A chat session's first message locked its index set; a later turn named another set. */
  | { kind: "chat_index_set_locked"; sessionId: string; indexIds: string[] };

export type Result<T> = { ok: true; value: T } | { ok: false; error: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const failed = (error: Failure): { ok: false; error: Failure } => ({ ok: false, error });
/** The `not_found` failure: `resource` `id`, named by the request field `param`. */
export const missing = (resource: Resource, id: string, param: string) => failed({ kind: "not_found", resource, id, param });
