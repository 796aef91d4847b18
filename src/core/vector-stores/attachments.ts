// Attaching files to a store (single, batch, file_ids on create, index sync): record in the store object, enqueue.
import type { FileRow } from "../../platform/d1/files-repo";
import type { VectorStoresRepo } from "../../platform/d1/vector-stores-repo";
import type { Attached } from "../../platform/store-object/object";
import { ingestFileMessage } from "../ingestion/messages";
import type { Attributes, ChunkingOptions } from "../ports";
import type { StoreObjects } from "./store-objects";
import type { VectorIndex } from "../search/vector-index";

export interface AttachItem {
  file: FileRow;
  attributes: Attributes | null;
  chunking: ChunkingOptions;
}

/** Queues take at most 100 messages per sendBatch. */
const SEND_BATCH = 100;

export class AttachmentService {
  constructor(
    private readonly storesRepo: VectorStoresRepo,
    private readonly objects: StoreObjects,
    private readonly queue: Queue,
    private readonly vectorIndex: VectorIndex,
  ) {}

  async attach(storeId: string, items: AttachItem[], batch?: { batchId: string; createdAt: number }): Promise<Attached[]> {
    const attached = await this.objects.get(storeId).attachFiles(
      items.map((it) => ({
        fileId: it.file.id,
        filename: it.file.filename,
        bytes: it.file.bytes,
        attributes: it.attributes,
        maxTokens: it.chunking.maxTokens,
        overlapTokens: it.chunking.overlapTokens,
      })),
      batch,
    );
    await this.storesRepo.addMembers(storeId, items.map((it) => it.file.id));
    const messages = attached.filter((a) => a.started).map((a) => ({ body: ingestFileMessage(storeId, a.row.file_id, a.row.generation) }));
    // A failed send leaves the file in_progress; the store object's watchdog alarm re-sends it.
    for (let i = 0; i < messages.length; i += SEND_BATCH) await this.queue.sendBatch(messages.slice(i, i + SEND_BATCH));
    return attached;
  }

  async detach(storeId: string, fileId: string): Promise<boolean> {
    const { detached, chunkIds } = await this.objects.get(storeId).detachFile(fileId);
    await this.vectorIndex.deleteChunks(storeId, chunkIds);
    await this.storesRepo.removeMember(storeId, fileId);
    return detached;
  }
}
