// npm run bench:chaos — hard-kills `npm run dev` (the whole process group) during a 400-file batch and an index sync,
// restarts it on the same state and port, and prints how long files and the sync take to end, then counts inconsistencies.
// One line per figure. Exit code 0 whatever the figures; non-zero only when the harness itself breaks.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import LlamaCloud, { toFile as toLlamaFile } from "@llamaindex/llama-cloud";
import OpenAI, { toFile } from "openai";
import { freePort } from "../e2e/harness";
import {
  Ledger,
  checkBatchCounts,
  checkDeletedFilesGone,
  checkExportMatchesDirectory,
  checkRemovedNotFound,
  checkStoreCounts,
  listBatchFiles,
  tally,
  type Removed,
} from "./chaos/checks";
import { startDevServer, waitUntilAnswering, waitUntilSilent, type DevServer } from "./chaos/dev-server";
import { docText, scifactDocs } from "./lib/data";

const BATCH_FILES = Number(process.env.BATCH_FILES ?? 400);
const DIRECTORY_FILES = Number(process.env.DIRECTORY_FILES ?? 50);
/** Files added to the directory between the first sync and the interrupted one. */
const ADDED_FILES = 10;
/** Fraction of the batch that is terminal when the server is killed. */
const KILL_AT = Number(process.env.KILL_AT ?? 0.25);
/** How long to wait after the restart before reporting "timeout" (the file watchdog alone takes 180 s). */
const CAP_SECONDS = Number(process.env.CAP_SECONDS ?? 300);
const UPLOAD_CONCURRENCY = 16;
const POLL_MS = 500;
const API_KEY = "sk-chaos";

const docs = scifactDocs(BATCH_FILES + DIRECTORY_FILES + ADDED_FILES + 1);
const textOf = docText;
const seconds = (fromMs: number, toMs = performance.now()) => ((toMs - fromMs) / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const print = (line: string) => console.log(`chaos ${line}`);

/** Runs `fn` over `items` with at most `concurrency` calls in flight; results keep the items' order. */
async function pool<T, R>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
    }),
  );
  return out;
}

/** What `prepare` built: the ids the kill, the waits and the checks work on. */
interface Scenario {
  storeId: string;
  batchFileIds: string[];
  directoryId: string;
  indexId: string;
  exportStoreId: string;
  removed: Removed[];
  deletedFileIds: string[];
  /** A directory file left untouched: it must still be found (the checks can see a hit at all). */
  kept: { fileId: string; query: string };
}

/** The index's `metadata.status`: syncing | ready | failed. */
async function indexStatus(llama: LlamaCloud, indexId: string): Promise<string> {
  const index = await llama.beta.indexes.get(indexId);
  return String(index.metadata?.["status"]);
}

/** Uploads, a directory with an index synced to `ready`, then the directory changes the next sync must apply. */
async function prepare(openai: OpenAI, llama: LlamaCloud): Promise<Scenario> {
  const batchDocs = docs.slice(0, BATCH_FILES);
  const batchFileIds = await pool(batchDocs, UPLOAD_CONCURRENCY, async (d) => {
    const file = await openai.files.create({ file: await toFile(Buffer.from(textOf(d)), `${d._id}.txt`), purpose: "assistants" });
    return file.id;
  });
  const store = await openai.vectorStores.create({ name: "chaos" });

  const llamaDocs = docs.slice(BATCH_FILES);
  const llamaFileIds = await pool(llamaDocs, UPLOAD_CONCURRENCY, async (d) => {
    const file = await llama.files.create({ file: await toLlamaFile(Buffer.from(textOf(d)), `${d._id}.txt`), purpose: "user_data" });
    return file.id;
  });
  const directory = await llama.beta.directories.create({ name: "chaos" });
  const entries = await pool(llamaFileIds.slice(0, DIRECTORY_FILES), UPLOAD_CONCURRENCY, (fileId, n) =>
    llama.beta.directories.files.add(directory.id, { file_id: fileId, metadata: { group: "initial", n } }),
  );
  const index = await llama.beta.indexes.create({ source_directory_id: directory.id });
  const started = performance.now();
  for (let status = await indexStatus(llama, index.id); status !== "ready"; status = await indexStatus(llama, index.id)) {
    if (status === "failed") throw new Error(`the first sync of ${index.id} failed`);
    if (performance.now() - started > 120_000) throw new Error(`the first sync of ${index.id} is not ready after 120 s`);
    await sleep(POLL_MS);
  }

  // The changes: add files, delete an entry, point an entry's unique_id at a new file, delete an underlying file.
  const added = llamaFileIds.slice(DIRECTORY_FILES, DIRECTORY_FILES + ADDED_FILES);
  await pool(added, UPLOAD_CONCURRENCY, (fileId, n) => llama.beta.directories.files.add(directory.id, { file_id: fileId, metadata: { group: "added", n } }));
  // Entries come back in the order of llamaFileIds; the first four play the parts below.
  const [replacedFile, deletedEntryFile, deletedFile, keptFile] = llamaFileIds as [string, string, string, string];
  await llama.beta.directories.files.delete(entries[1]!.id, { directory_id: directory.id });
  await llama.beta.directories.files.add(directory.id, {
    file_id: llamaFileIds[DIRECTORY_FILES + ADDED_FILES]!,
    unique_id: entries[0]!.unique_id,
    metadata: { group: "replaced" },
  });
  await llama.files.delete(deletedFile);

  const titleOf = (fileId: string) => llamaDocs[llamaFileIds.indexOf(fileId)]!.title;
  return {
    storeId: store.id,
    batchFileIds,
    directoryId: directory.id,
    indexId: index.id,
    exportStoreId: index.export_config_id!,
    removed: [
      { fileId: replacedFile, query: titleOf(replacedFile), how: "replaced entry's old file" },
      { fileId: deletedEntryFile, query: titleOf(deletedEntryFile), how: "deleted entry's file" },
      { fileId: deletedFile, query: titleOf(deletedFile), how: "deleted file" },
    ],
    deletedFileIds: [deletedFile],
    kept: { fileId: keptFile, query: titleOf(keptFile) },
  };
}

/**
 * Creates the batch, calls sync, and SIGKILLs the server's process group at the first poll that finds KILL_AT of the
 * batch terminal once the sync call has answered (`syncing`: the run is under way). The batch goes first so the
 * sync's work queues behind it and is cut off mid-run. Files complete in steps of a queue batch (50 messages,
 * wrangler.toml), so the kill point can land past KILL_AT; the line says where it was.
 */
async function interrupt(openai: OpenAI, llama: LlamaCloud, s: Scenario, server: DevServer): Promise<{ batchId: string; killedAt: number }> {
  const started = performance.now();
  const batch = await openai.vectorStores.fileBatches.create(s.storeId, { file_ids: s.batchFileIds });
  const created = batch.file_counts.completed + batch.file_counts.failed + batch.file_counts.cancelled;
  let sync: string | null = null;
  let syncError: unknown = null;
  void llama.beta.indexes.sync(s.indexId).then(
    (index) => {
      sync = String((index as { metadata?: Record<string, unknown> }).metadata?.["status"]);
    },
    (error: unknown) => {
      syncError = error;
    },
  );
  for (;;) {
    const b = await openai.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: s.storeId });
    const terminal = b.file_counts.completed + b.file_counts.failed + b.file_counts.cancelled;
    if (sync !== null && (terminal >= KILL_AT * b.file_counts.total || b.status !== "in_progress")) {
      server.kill();
      const killedAt = performance.now();
      print(`kill: batch ${terminal}/${b.file_counts.total} terminal (${created} when its create answered), sync call answered ${sync}, ${seconds(started, killedAt)} s after the batch create`);
      return { batchId: batch.id, killedAt };
    }
    if (performance.now() - started > 300_000) throw new Error(`the batch never reached ${KILL_AT * 100} %: ${JSON.stringify(b.file_counts)}`);
    // A failed sync call is a harness failure: stop instead of polling on.
    if (syncError !== null) throw syncError;
  }
}

/** Seconds from `since` until `done()` answers true (polled every POLL_MS; request errors count as "not yet"), or null at the cap. */
async function timeUntil(since: number, done: () => Promise<boolean>): Promise<number | null> {
  for (;;) {
    if (await done().catch(() => false)) return (performance.now() - since) / 1000;
    if (performance.now() - since > CAP_SECONDS * 1000) return null;
    await sleep(POLL_MS);
  }
}

async function afterRestart(openai: OpenAI, llama: LlamaCloud, s: Scenario, batchId: string, answeredAt: number): Promise<void> {
  let files = tally([]);
  let sync = "unknown";
  const [filesSeconds, syncSeconds] = await Promise.all([
    timeUntil(answeredAt, async () => {
      files = tally(await listBatchFiles(openai, s.storeId, batchId));
      return files.total > 0 && files.in_progress === 0;
    }),
    timeUntil(answeredAt, async () => {
      sync = await indexStatus(llama, s.indexId);
      return sync === "ready" || sync === "failed";
    }),
  ]);
  const terminal = `${files.total - files.in_progress}/${files.total}`;
  print(filesSeconds === null ? `files: timeout, terminal ${terminal} after ${CAP_SECONDS} s` : `files: terminal ${terminal} in ${filesSeconds.toFixed(1)} s after restart`);
  print(`files: completed ${files.completed}, failed ${files.failed}, cancelled ${files.cancelled}, in_progress ${files.in_progress}`);
  print(syncSeconds === null ? `sync: timeout, still ${sync} after ${CAP_SECONDS} s` : `sync: ${sync} in ${syncSeconds.toFixed(1)} s after restart`);

  const ledger = new Ledger();
  await checkStoreCounts(openai, ledger, s.storeId, "batch store");
  await checkBatchCounts(openai, ledger, s.storeId, batchId, s.batchFileIds.length);
  await checkStoreCounts(openai, ledger, s.exportStoreId, "exported store");
  await checkExportMatchesDirectory(openai, llama, ledger, s.exportStoreId, s.directoryId, s.deletedFileIds);
  await checkRemovedNotFound(openai, llama, ledger, s.indexId, s.exportStoreId, s.removed);
  await checkDeletedFilesGone(openai, ledger, s.deletedFileIds);
  const kept = await llama.beta.retrieval.retrieve({ index_id: s.indexId, query: s.kept.query, top_k: 10 });
  ledger.check(
    kept.results.some((hit) => hit.metadata?.["file_id"] === s.kept.fileId),
    () => `retrieve: untouched directory file ${s.kept.fileId} is not found by its own title`,
  );
  print(`consistency: ${ledger.problems.length} inconsistencies (${ledger.checks} checks)`);
  for (const problem of ledger.problems) print(`inconsistency: ${problem}`);
}

const port = await freePort();
const state = mkdtempSync(join(tmpdir(), "shelf-chaos-"));
const options = { port, persistTo: state, apiKeys: `${API_KEY}:proj_chaos` };
let server = startDevServer(options);
const stop = () => {
  server.kill();
  rmSync(state, { recursive: true, force: true });
  process.exit(130);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
try {
  await waitUntilAnswering(server, 120_000);
  const openai = new OpenAI({ apiKey: API_KEY, baseURL: `${server.url}/v1`, maxRetries: 0 });
  const llama = new LlamaCloud({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
  const scenario = await prepare(openai, llama);
  print(`setup: ${BATCH_FILES} batch files; directory of ${DIRECTORY_FILES} files, index ready; +${ADDED_FILES} added, 1 entry deleted, 1 replaced, 1 file deleted`);
  const { batchId, killedAt } = await interrupt(openai, llama, scenario, server);
  if (!(await waitUntilSilent(server, 15_000))) throw new Error(`process group ${server.pgid} still answers 15 s after SIGKILL`);
  server = startDevServer(options);
  const answeredAt = await waitUntilAnswering(server, 120_000);
  print(`restart: answering ${seconds(killedAt, answeredAt)} s after the kill`);
  await afterRestart(openai, llama, scenario, batchId, answeredAt);
} catch (error) {
  console.error(error);
  console.error(server.logs().slice(-4000));
  process.exitCode = 1;
} finally {
  server.kill();
  await Promise.race([server.exited, sleep(5000)]);
  rmSync(state, { recursive: true, force: true });
}
