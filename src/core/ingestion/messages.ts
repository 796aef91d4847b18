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

export const QueueMessage = z.discriminatedUnion("kind", [IngestFileMessage]);
export type QueueMessage = z.output<typeof QueueMessage>;
export type IngestFileMessage = z.output<typeof IngestFileMessage>;

export function ingestFileMessage(storeId: string, fileId: string, generation: number): IngestFileMessage {
  return { v: 1, kind: "ingest_file", store_id: storeId, file_id: fileId, generation };
}
