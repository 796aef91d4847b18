// Versioned, discriminated queue messages of the `ingest` queue. Handlers are idempotent: delivery is at-least-once.
import { z } from "zod";

export const IngestFileMessage = z.object({
  v: z.literal(1),
  kind: z.literal("ingest_file"),
  store_id: z.string(),
  file_id: z.string(),
  /** The attach generation this message was sent for; a different current generation makes it stale. */
  generation: z.number().int(),
});

/** Asks Vectorize whether the store's buffered writes are visible yet (re-sent with a delay until they are). */
export const ConfirmVectorsMessage = z.object({
  v: z.literal(1),
  kind: z.literal("confirm_vectors"),
  store_id: z.string(),
  /** Rounds so far; confirmation stops being re-sent after MAX_CONFIRM_ROUNDS (the buffer keeps serving meanwhile). */
  round: z.number().int().min(0),
});

/** One step of a LlamaCloud index sync: apply the directory diff, then re-sent with a delay until the export is done. */
export const SyncIndexMessage = z.object({
  v: z.literal(1),
  kind: z.literal("sync_index"),
  index_id: z.string(),
  store_id: z.string(),
  /** The sync run this message drives; a message of an earlier run is stale. */
  run: z.number().int(),
  /**
   * The run's message chain: the store object's recovery alarm re-sends a silent run's step under the next lease,
   * and a message of an older lease does nothing, so there is never more than one live chain per run. Added after
   * v1 shipped: a message without it is read as lease 0 (the lease every run starts with).
   */
  lease: z.number().int().min(0).default(0),
  /** Progress checks so far (sets the delay of the next one). */
  checks: z.number().int().min(0),
});

/**
 * A source directory of an on_source_change index changed (change number `seq`), sent with a short delay: only the
 * latest change of a burst starts a sync, so a burst coalesces into one run.
 */
export const SourceChangedMessage = z.object({
  v: z.literal(1),
  kind: z.literal("source_changed"),
  index_id: z.string(),
  seq: z.number().int().min(1),
});

export const QueueMessage = z.discriminatedUnion("kind", [IngestFileMessage, ConfirmVectorsMessage, SyncIndexMessage, SourceChangedMessage]);
export type QueueMessage = z.output<typeof QueueMessage>;
export type IngestFileMessage = z.output<typeof IngestFileMessage>;
export type ConfirmVectorsMessage = z.output<typeof ConfirmVectorsMessage>;
export type SyncIndexMessage = z.output<typeof SyncIndexMessage>;
export type SourceChangedMessage = z.output<typeof SourceChangedMessage>;

export function ingestFileMessage(storeId: string, fileId: string, generation: number): IngestFileMessage {
  return { v: 1, kind: "ingest_file", store_id: storeId, file_id: fileId, generation };
}

export function syncIndexMessage(indexId: string, storeId: string, run: number, lease = 0, checks = 0): SyncIndexMessage {
  return { v: 1, kind: "sync_index", index_id: indexId, store_id: storeId, run, lease, checks };
}
