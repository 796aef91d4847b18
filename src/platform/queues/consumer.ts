// Queue consumers: the ingest queue (files, index syncs) and its dead-letter queue.
import { QueueMessage, type IngestFileMessage } from "../../core/ingestion/messages";
import { ingestSlices, type IngestResult } from "../../core/ingestion/pipeline";
import { runSyncStep } from "../../core/indexes/sync-runner";
import { buildServices, type Services } from "../../services";
import { ensureCatalogSchema } from "../d1/schema";

/** Vectorize applies writes in "typically a few seconds". */
const CONFIRM_DELAY_SECONDS = 5;
/** ~30 minutes of asking; after that the store object simply keeps serving its copy. */
const MAX_CONFIRM_ROUNDS = 360;

/** Exponential backoff for retried messages: 2, 4, 8 … seconds, capped at 5 minutes (Queues allow ≤ 12 h). */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.max(1, attempts));
}

/** What follows a processed slice: the next slice of a large file, or (Vectorize) the write confirmation. */
async function afterSlice(s: Services, message: IngestFileMessage, result: IngestResult): Promise<void> {
  // A large file continues in a new message, so no invocation runs long; the checkpoint makes it resumable.
  if (result.outcome === "more") await s.env.INGEST.send(message);
  if (result.outcome === "completed" && s.vectorIndex.kind === "vectorize")
    await s.env.INGEST.send({ v: 1, kind: "confirm_vectors", store_id: message.store_id, round: 0 }, { delaySeconds: CONFIRM_DELAY_SECONDS });
}

/** Ingest messages of one store are processed together: one claim and one write per store and batch. */
async function handleIngestGroup(s: Services, storeId: string, group: Array<{ msg: Message<unknown>; body: IngestFileMessage }>): Promise<void> {
  let results: Array<IngestResult | Error>;
  try {
    results = await ingestSlices(s.ingestDeps, storeId, group.map((g) => g.body));
  } catch (error) {
    results = group.map(() => (error instanceof Error ? error : new Error(String(error))));
  }
  await Promise.all(
    group.map(async ({ msg, body }, i) => {
      const result = results[i]!;
      try {
        if (result instanceof Error) throw result;
        await afterSlice(s, body, result);
        msg.ack();
      } catch (error) {
        retry(msg, error);
      }
    }),
  );
}

function retry(msg: Message<unknown>, error: unknown): void {
  console.error(JSON.stringify({ level: "error", msg: "queue message failed", id: msg.id, attempts: msg.attempts, error: String(error), stack: error instanceof Error ? error.stack : undefined }));
  msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
}

async function handle(s: Services, message: Exclude<QueueMessage, IngestFileMessage>): Promise<void> {
  switch (message.kind) {
    case "sync_index": {
      // Applies the directory diff, then re-sends itself with a delay until the index's files are processed.
      const step = await runSyncStep(s.syncDeps, message);
      if (step) await s.env.INGEST.send(step.next, { delaySeconds: step.delaySeconds });
      return;
    }
    case "source_changed": {
      // Only the latest change of a burst starts a sync; one arriving during a run is checked again after it.
      const step = await s.scheduledSyncs.onSourceChanged(message);
      if (step.again) await s.env.INGEST.send(message, { delaySeconds: step.delaySeconds });
      return;
    }
    case "confirm_vectors": {
      const info = await s.env.VECTORIZE!.describe();
      const left = await s.storeObjects.get(message.store_id).confirmVectorsBefore(new Date(info.processedUpToDatetime).getTime());
      if (left > 0 && message.round < MAX_CONFIRM_ROUNDS)
        await s.env.INGEST.send({ ...message, round: message.round + 1 }, { delaySeconds: CONFIRM_DELAY_SECONDS });
      return;
    }
  }
}

async function handleDeadLetter(s: Services, message: QueueMessage): Promise<void> {
  switch (message.kind) {
    case "ingest_file":
      await s.vectorIndex.deleteChunks(
        message.store_id,
        await s.storeObjects.get(message.store_id).failFile(message.file_id, message.generation, "server_error", "The file could not be processed after several attempts."),
      );
      return;
    case "sync_index":
      await s.storeObjects.get(message.store_id).failSync(message.run, "The sync could not be completed after several attempts.");
      return;
    case "source_changed":
      // The index keeps its last state; the next change or a manual sync starts a run.
      return;
    case "confirm_vectors":
      // Unconfirmed vectors stay in the store object and keep being searched there: nothing is lost.
      return;
  }
}

export async function consumeQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  await ensureCatalogSchema(env.DB);
  const s = buildServices(env);
  const deadLetter = batch.queue.endsWith("-dlq");
  const ingestByStore = new Map<string, Array<{ msg: Message<unknown>; body: IngestFileMessage }>>();
  const others: Array<{ msg: Message<unknown>; body: QueueMessage }> = [];
  for (const msg of batch.messages) {
    const parsed = QueueMessage.safeParse(msg.body);
    if (!parsed.success) {
      // A message we cannot read will never succeed: drop it loudly instead of retrying it forever.
      console.error(JSON.stringify({ level: "error", msg: "unreadable queue message dropped", queue: batch.queue, id: msg.id, error: parsed.error.message }));
      msg.ack();
    } else if (!deadLetter && parsed.data.kind === "ingest_file") {
      const group = ingestByStore.get(parsed.data.store_id) ?? [];
      group.push({ msg, body: parsed.data });
      ingestByStore.set(parsed.data.store_id, group);
    } else others.push({ msg, body: parsed.data });
  }
  await Promise.all([
    ...[...ingestByStore].map(([storeId, group]) => handleIngestGroup(s, storeId, group)),
    ...others.map(async ({ msg, body }) => {
      try {
        if (deadLetter) await handleDeadLetter(s, body);
        else if (body.kind !== "ingest_file") await handle(s, body);
        msg.ack();
      } catch (error) {
        retry(msg, error);
      }
    }),
  ]);
}
