// Attaching files to a store (single, batch, file_ids on create, index sync): membership, store object, enqueue.
import type { FileRow, FilesCatalog } from "../catalog/files";
import type { VectorStoresCatalog } from "../catalog/vector-stores";
import type { Attached } from "../store-object/files";
import { nowSeconds } from "../ids";
import { ingestFileMessage } from "../ingestion/messages";
import type { Attributes, ChunkingOptions } from "../ports";
import type { StoreObjects } from "../store-object/store-objects";
import type { VectorIndex } from "../search/vector-index";

export interface AttachItem {
  file: FileRow;
  attributes: Attributes | null;
  chunking: ChunkingOptions;
}

/**
 * What an attach did: the files now attached (in the order asked, without the files a concurrent delete removed),
 * or `store_missing` when the store was deleted before or during the attach (nothing of it is left behind).
 */
export type AttachOutcome = { kind: "attached"; attached: Attached[] } | { kind: "store_missing" };

/** Queues take at most 100 messages per sendBatch. */
const SEND_BATCH = 100;

/**
 * Deletes win every race. A file delete (FileService.delete) (D1) removes the file row, then (M) reads the file's
 * memberships and detaches it from each of those stores. An attach (1) adds the membership only if the file row
 * exists, in one statement, (2) records the file in the store object and enqueues it, (3) re-reads the file row and
 * detaches the file itself if it is gone. D1 is one primary and each store object is single-threaded, so:
 * - (1) after (D1): no membership, nothing recorded;
 * - (1) before (D1), (3) sees the file: (D1) comes after (3), so (M) comes after (2), sees the membership from (1),
 *   and its detach removes what (2) recorded;
 * - (1) before (D1), (3) sees it gone: the attach detaches what (2) recorded itself (an earlier (M) may have found nothing).
 * Either the delete sees the membership or the attach sees the file gone. A message that (2) enqueued and that runs
 * before either detach finds no bytes, sees the file row gone, and detaches too (ingestion/pipeline.ts).
 * A store delete removes the store row and its memberships in one transaction, so (1) after it writes nothing, and
 * (2) on a destroyed store object answers null; both give `store_missing`.
 */
export class AttachmentService {
  constructor(
    private readonly files: FilesCatalog,
    private readonly storesRepo: VectorStoresCatalog,
    private readonly objects: StoreObjects,
    private readonly queue: Queue,
    private readonly vectorIndex: VectorIndex,
  ) {}

  /** Items must be files of `projectId`. With `batch`, the batch is created even when every file was deleted meanwhile. */
  async attach(storeId: string, projectId: string, items: AttachItem[], batch?: { batchId: string; createdAt: number }): Promise<AttachOutcome> {
    const members = await this.storesRepo.addMembers(storeId, projectId, items.map((it) => it.file.id), nowSeconds());
    if (members === "store_missing") return { kind: "store_missing" };
    const present = items.filter((it) => members.has(it.file.id));
    const attached = await this.objects.get(storeId).attachFiles(
      present.map((it) => ({
        fileId: it.file.id,
        filename: it.file.filename,
        bytes: it.file.bytes,
        attributes: it.attributes,
        maxTokens: it.chunking.maxTokens,
        overlapTokens: it.chunking.overlapTokens,
      })),
      batch,
    );
    if (attached === null) {
      // The store object was destroyed after (1): its delete is under way and removes the catalog row.
      await this.storesRepo.removeMembers(storeId, present.map((it) => it.file.id));
      return { kind: "store_missing" };
    }
    const messages = attached.filter((a) => a.started).map((a) => ({ body: ingestFileMessage(storeId, a.row.file_id, a.row.generation) }));
    // A failed send leaves the file in_progress; the store object's watchdog alarm re-sends it.
    for (let i = 0; i < messages.length; i += SEND_BATCH) await this.queue.sendBatch(messages.slice(i, i + SEND_BATCH));
    const still = new Set((await this.files.getMany(projectId, present.map((it) => it.file.id), nowSeconds())).map((f) => f.id));
    for (const a of attached) if (!still.has(a.row.file_id)) await this.detach(storeId, a.row.file_id);
    return { kind: "attached", attached: attached.filter((a) => still.has(a.row.file_id)) };
  }

  /** Removes the file from the store object, its vectors and the catalog membership; false when it was not attached. */
  async detach(storeId: string, fileId: string): Promise<boolean> {
    const { detached, chunkIds } = await this.objects.get(storeId).detachFile(fileId);
    await this.vectorIndex.deleteChunks(storeId, chunkIds);
    await this.storesRepo.removeMember(storeId, fileId);
    return detached;
  }
}
