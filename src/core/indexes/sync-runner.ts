// One step of an index sync on the queue: apply the directory diff (resumable), then check until the export is done.
import type { DirectoriesCatalog } from "../catalog/directories";
import type { DirectoryFilesCatalog } from "../catalog/directory-files";
import type { IndexesCatalog, IndexRow } from "../catalog/indexes";
import type { VectorStoresCatalog } from "../catalog/vector-stores";
import type { ExportedFile, SyncTicket } from "../store-object/sync-state";
import { attributesHash, attributesOf, parseMetadata } from "../directories/metadata";
import { nowIso, nowSeconds } from "../ids";
import { isSupportedForRetrieval } from "../ingestion/file-types";
import type { SyncIndexMessage } from "../ingestion/messages";
import type { AttachmentService } from "../vector-stores/attachments";
import type { StoreObjects } from "../store-object/store-objects";
import { manifestRow, planSync, type DesiredFile } from "./sync-plan";

export interface SyncDeps {
  indexes: IndexesCatalog;
  directories: DirectoriesCatalog;
  directoryFiles: DirectoryFilesCatalog;
  vectorStores: VectorStoresCatalog;
  objects: StoreObjects;
  attachments: AttachmentService;
}

/** OpenAI's `auto` chunking (800 tokens, 400 overlap): LlamaCloud indexes take no chunking parameters. */
const INDEX_CHUNKING = { maxTokens: 800, overlapTokens: 400 };
/** Files per attach call and per manifest write: one store-object RPC and ≤ 100 queue messages (sendBatch's limit). */
const BATCH = 100;

/** Checks come quickly at first (small directories finish in seconds), then back off. */
export function checkDelaySeconds(checks: number): number {
  return checks < 10 ? 1 : checks < 40 ? 2 : 5;
}

/** Runs one step; answers the follow-up message to send (with its delay), or null when the run needs no more. */
export async function runSyncStep(deps: SyncDeps, msg: SyncIndexMessage): Promise<{ next: SyncIndexMessage; delaySeconds: number } | null> {
  const index = await deps.indexes.getById(msg.index_id);
  // A deleted index (its store went with it) or a message for another store: nothing left to do.
  if (!index || index.vector_store_id !== msg.store_id) return null;
  if (!(await deps.vectorStores.get(index.project_id, index.vector_store_id))) {
    // The store was deleted through the OpenAI face; its object (and the sync state in it) is gone.
    const now = nowIso();
    await deps.indexes.writeSyncMirror(index.id, { status: "failed", error_message: `The index's vector store '${index.vector_store_id}' was deleted.`, last_synced_at: index.last_synced_at, last_exported_at: index.last_exported_at, updated_at: now });
    return null;
  }
  const object = deps.objects.get(msg.store_id);
  // A message of an earlier run, or of a lease the store object's recovery superseded, does nothing.
  const ticket = { run: msg.run, lease: msg.lease };
  const exported = await object.exportedFiles(ticket);
  if (exported) await applyDiff(deps, index, ticket, exported);
  const check = await object.checkExport(ticket);
  if (!check || check.pending === 0) return null;
  return { next: { ...msg, checks: msg.checks + 1 }, delaySeconds: checkDelaySeconds(msg.checks) };
}

/**
 * Applies the diff in batches, recording each batch in the manifest right after it is applied: a crash or
 * redelivery recomputes the diff against the manifest and carries on. Every store operation is idempotent.
 */
async function applyDiff(deps: SyncDeps, index: IndexRow, ticket: SyncTicket, exported: ExportedFile[]): Promise<void> {
  const storeId = index.vector_store_id;
  const object = deps.objects.get(storeId);
  const directory = await deps.directories.get(index.project_id, index.source_directory_id);
  if (!directory) {
    await object.failSync(ticket.run, `The source directory '${index.source_directory_id}' no longer exists.`);
    return;
  }
  const rows = await deps.directoryFiles.exportRows(index.project_id, directory.id, nowSeconds());
  const desired: DesiredFile[] = await Promise.all(
    rows.map(async (r) => {
      const attributes = attributesOf(parseMetadata(r.metadata));
      return { directoryFileId: r.directory_file_id, file: r.file, attributes, attributesHash: await attributesHash(attributes) };
    }),
  );
  const plan = planSync(desired, exported, isSupportedForRetrieval);
  // false: this run was superseded or finished meanwhile; stop touching the store.
  const record = (files: DesiredFile[], removed: string[] = []) => object.recordExported(ticket, files.map(manifestRow), removed);
  /** The files attached: a file deleted meanwhile is left out (the delete won); null when the store was deleted. */
  const attach = async (files: DesiredFile[]): Promise<DesiredFile[] | null> => {
    const outcome = await deps.attachments.attach(storeId, index.project_id, files.map((d) => ({ file: d.file, attributes: d.attributes, chunking: INDEX_CHUNKING })));
    if (outcome.kind === "store_missing") return null;
    const byId = new Map(files.map((d) => [d.file.id, d]));
    // A file already live in the store (attached through the OpenAI face) is left as it is: give it the index's attributes.
    for (const a of outcome.attached) if (!a.started) await object.updateAttributes(a.row.file_id, byId.get(a.row.file_id)?.attributes ?? null);
    return outcome.attached.flatMap((a) => byId.get(a.row.file_id) ?? []);
  };

  for (const ids of batches(plan.detach)) {
    for (const id of ids) await deps.attachments.detach(storeId, id);
    if (!(await record([], ids))) return;
  }
  // A file deleted during its attach leaves the manifest too: nothing the index keeps names it.
  const recordAttached = async (files: DesiredFile[], attached: DesiredFile[] | null) =>
    !!attached && (await record(attached, files.filter((d) => !attached.includes(d)).map((d) => d.file.id)));
  for (const files of batches(plan.reprocess)) {
    for (const d of files) await deps.attachments.detach(storeId, d.file.id);
    if (!(await recordAttached(files, await attach(files)))) return;
  }
  for (const files of batches(plan.attach)) {
    if (!(await recordAttached(files, await attach(files)))) return;
  }
  for (const files of batches(plan.retag)) {
    for (const d of files) await object.updateAttributes(d.file.id, d.attributes);
    if (!(await record(files))) return;
  }
  for (const files of batches(plan.keep)) if (!(await record(files))) return;
  await object.finishApply(ticket, plan.skipped);
}

function batches<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}
