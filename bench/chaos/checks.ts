// Consistency checks after the chaos run: counters against listings, the export against its directory, deletes leave no trace.
import type LlamaCloud from "@llamaindex/llama-cloud";
import type OpenAI from "openai";

/** Counts checks and keeps one line per inconsistency found. */
export class Ledger {
  checks = 0;
  readonly problems: string[] = [];

  check(ok: boolean, problem: () => string): void {
    this.checks++;
    if (!ok) this.problems.push(problem());
  }
}

type FileStatus = OpenAI.VectorStores.VectorStoreFile["status"];
type Counts = Record<FileStatus | "total", number>;

const emptyCounts = (): Counts => ({ in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: 0 });

/** Per-status tallies of a listing of store files. */
export function tally(files: OpenAI.VectorStores.VectorStoreFile[]): Counts {
  const counts = emptyCounts();
  for (const f of files) {
    counts[f.status]++;
    counts.total++;
  }
  return counts;
}

/** Every page of a store's file listing (100 per page, the spec's maximum). */
export async function listStoreFiles(openai: OpenAI, storeId: string): Promise<OpenAI.VectorStores.VectorStoreFile[]> {
  const files: OpenAI.VectorStores.VectorStoreFile[] = [];
  for await (const f of openai.vectorStores.files.list(storeId, { limit: 100 })) files.push(f);
  return files;
}

/** Every page of a batch's file listing. */
export async function listBatchFiles(openai: OpenAI, storeId: string, batchId: string): Promise<OpenAI.VectorStores.VectorStoreFile[]> {
  const files: OpenAI.VectorStores.VectorStoreFile[] = [];
  for await (const f of openai.vectorStores.fileBatches.listFiles(batchId, { vector_store_id: storeId, limit: 100 })) files.push(f);
  return files;
}

function compareCounts(ledger: Ledger, label: string, reported: Counts, listed: Counts): void {
  for (const key of Object.keys(listed) as (keyof Counts)[])
    ledger.check(reported[key] === listed[key], () => `${label}: file_counts.${key} = ${reported[key]} but the listing has ${listed[key]}`);
}

/** A store's `file_counts` and `status` against its file listing. */
export async function checkStoreCounts(openai: OpenAI, ledger: Ledger, storeId: string, label: string): Promise<void> {
  const store = await openai.vectorStores.retrieve(storeId);
  const listed = tally(await listStoreFiles(openai, storeId));
  compareCounts(ledger, label, store.file_counts, listed);
  const busy = listed.in_progress > 0;
  ledger.check((store.status === "in_progress") === busy, () => `${label}: status ${store.status} with ${listed.in_progress} files in progress`);
}

/** A batch's `file_counts` and `status` against its file listing; `expected` is the number of files it was created with. */
export async function checkBatchCounts(openai: OpenAI, ledger: Ledger, storeId: string, batchId: string, expected: number): Promise<void> {
  const batch = await openai.vectorStores.fileBatches.retrieve(batchId, { vector_store_id: storeId });
  const listed = tally(await listBatchFiles(openai, storeId, batchId));
  compareCounts(ledger, "batch", batch.file_counts, listed);
  ledger.check(listed.total === expected, () => `batch: lists ${listed.total} files, created with ${expected}`);
  const busy = listed.in_progress > 0;
  ledger.check((batch.status === "in_progress") === busy, () => `batch: status ${batch.status} with ${listed.in_progress} files in progress`);
}

/** The exported store holds exactly the files the directory's entries point at, and no entry points at a deleted file. */
export async function checkExportMatchesDirectory(
  openai: OpenAI,
  llama: LlamaCloud,
  ledger: Ledger,
  exportStoreId: string,
  directoryId: string,
  deletedFileIds: string[],
): Promise<void> {
  const inDirectory = new Set<string>();
  for await (const entry of llama.beta.directories.files.list(directoryId, { page_size: 100 })) inDirectory.add(String(entry.file_id));
  const exported = new Set((await listStoreFiles(openai, exportStoreId)).map((f) => f.id));
  for (const id of inDirectory) ledger.check(exported.has(id), () => `export: directory file ${id} is not in the exported store`);
  for (const id of exported) ledger.check(inDirectory.has(id), () => `export: ${id} is in the exported store but not in the directory`);
  for (const id of deletedFileIds) ledger.check(!inDirectory.has(id), () => `directory: an entry still points at deleted file ${id}`);
}

/** Content that must be gone from the index and its export: `query` is taken from the file's own text. */
export interface Removed {
  fileId: string;
  query: string;
  /** What was done to it, for the report: "deleted entry", "replaced entry", "deleted file". */
  how: string;
}

/** Neither `beta.retrieval.retrieve` nor `vectorStores.search` returns removed content for a query from its own text. */
export async function checkRemovedNotFound(openai: OpenAI, llama: LlamaCloud, ledger: Ledger, indexId: string, exportStoreId: string, removed: Removed[]): Promise<void> {
  for (const r of removed) {
    const retrieved = await llama.beta.retrieval.retrieve({ index_id: indexId, query: r.query, top_k: 10 });
    const retrievedIds = retrieved.results.map((hit) => hit.metadata?.["file_id"]);
    ledger.check(!retrievedIds.includes(r.fileId), () => `retrieve: ${r.how} ${r.fileId} is still retrieved`);
    const searched = await openai.vectorStores.search(exportStoreId, { query: r.query, max_num_results: 10 });
    ledger.check(!searched.data.some((hit) => hit.file_id === r.fileId), () => `search: ${r.how} ${r.fileId} is still found in the exported store`);
  }
}

/** `files.list` (every page) and `files.retrieve` no longer know deleted files. */
export async function checkDeletedFilesGone(openai: OpenAI, ledger: Ledger, deletedFileIds: string[]): Promise<void> {
  const listed = new Set<string>();
  for await (const f of openai.files.list({ limit: 10000 })) listed.add(f.id);
  for (const id of deletedFileIds) {
    ledger.check(!listed.has(id), () => `files.list: deleted file ${id} is still listed`);
    const status = await openai.files.retrieve(id).then(
      () => 200,
      (e: unknown) => (e instanceof Error && "status" in e ? Number(e.status) : 0),
    );
    ledger.check(status === 404, () => `files.retrieve: deleted file ${id} answers ${status}, not 404`);
  }
}
