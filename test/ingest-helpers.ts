// Drives the ingest queue consumer directly inside workerd (no waiting for Miniflare's batch timer).
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import worker from "../src/index";
import type { IngestFileMessage } from "../src/core/ingestion/messages";

let seq = 0;

/** `envOverride` swaps configuration through the composition root, e.g. an unreachable embeddings endpoint. */
export async function deliver(bodies: unknown[], queue = "shelf-ingest", attempts = 1, envOverride: Partial<Env> = {}) {
  const batch = createMessageBatch(queue, bodies.map((body) => ({ id: `m${++seq}`, timestamp: new Date(), attempts, body })));
  const ctx = createExecutionContext();
  await worker.queue(batch as MessageBatch<unknown>, { ...env, ...envOverride }, ctx);
  return getQueueResult(batch, ctx);
}

export function ingestMessage(storeId: string, fileId: string, generation: number): IngestFileMessage {
  return { v: 1, kind: "ingest_file", store_id: storeId, file_id: fileId, generation };
}

/** Reads a store file's generation straight from its object (what the attach message carried). */
export async function generationOf(storeId: string, fileId: string): Promise<number> {
  const row = await env.STORE.getByName(storeId).getFile(fileId);
  if (!row) throw new Error(`${fileId} is not in ${storeId}`);
  return row.generation;
}

/** Processes a file until its status is terminal, following "more" slices like the real consumer does. */
export async function processFile(storeId: string, fileId: string, maxMessages = 1000): Promise<void> {
  const generation = await generationOf(storeId, fileId);
  for (let i = 0; i < maxMessages; i++) {
    const row = await env.STORE.getByName(storeId).getFile(fileId);
    if (!row || row.status !== "in_progress") return;
    await deliver([ingestMessage(storeId, fileId, generation)]);
  }
  throw new Error("file did not finish");
}

export { exports };
