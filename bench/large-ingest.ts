// npm run bench:large-ingest — big documents through `npm run dev`: a 300 MB text file and a 1,000-page PDF are
// uploaded with POST /v1/files (the SDK), attached to a store and polled until `completed`, while the workerd
// process's RSS is sampled from /proc. The floor is the same parse + chunk + hash-embed in process, no server.
// Inputs are generated from SciFact abstracts into a temporary directory and deleted afterwards. One line per figure.
import { spawn } from "node:child_process";
import { createReadStream, mkdtempSync, openSync, readSync, closeSync, rmSync, statSync, writeFileSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { chunkText } from "../src/core/ingestion/chunker";
import { parseDocument } from "../src/core/ingestion/parse";
import { readTextWindow } from "../src/core/ingestion/text-window";
import type { TextCursor } from "../src/core/store-object/slices";
import { HashEmbedder } from "../src/core/embedding/hash";
import { freePort } from "../e2e/harness";
import { makePdf } from "../test/fixtures/make-pdf";
import { abstracts, pdfPages } from "./large/inputs";
import { MB, RssSampler, workerdPids } from "./large/rss";

const TEXT_MB = Number(process.env.TEXT_MB ?? 300);
const PDF_PAGES = Number(process.env.PDF_PAGES ?? 1000);
/** The largest static chunks (fewest slices); the PDF uses the default (800 / 400) like any attach. */
const TEXT_CHUNKING = { max_chunk_size_tokens: 4096, chunk_overlap_tokens: 0 };
const API_KEY = "sk-bench";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const print = (name: string, value: string | number) => console.log(`${name} ${value}`);

async function writeText(path: string, bytes: number): Promise<void> {
  const out = createWriteStream(path);
  const all = abstracts();
  for (let size = 0, i = 0; size < bytes; i++) {
    const piece = `${all[i % all.length]!}\n\n`;
    size += Buffer.byteLength(piece);
    if (!out.write(piece)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** A read-only R2Bucket over a local file: only the ranged `get` readTextWindow uses. */
function fileBucket(path: string): R2Bucket {
  const get = async (_key: string, options?: R2GetOptions) => {
    const range = options?.range as { offset: number; length: number };
    const buffer = Buffer.alloc(range.length);
    const fd = openSync(path, "r");
    try {
      readSync(fd, buffer, 0, range.length, range.offset);
    } finally {
      closeSync(fd);
    }
    return { arrayBuffer: async () => buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) };
  };
  return { get } as unknown as R2Bucket;
}

interface Floor {
  seconds: number;
  chunks: number;
  peakRss: number;
}

/** The pipeline's text path without a server: window reads, chunking, hash embedding, one slice after another. */
async function textFloor(path: string): Promise<Floor> {
  const bucket = fileBucket(path);
  const size = statSync(path).size;
  const embedder = new HashEmbedder(256);
  const opts = { maxTokens: TEXT_CHUNKING.max_chunk_size_tokens, overlapTokens: TEXT_CHUNKING.chunk_overlap_tokens };
  let peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  let cursor: TextCursor | undefined;
  let firstIndex = 0;
  for (;;) {
    const window = await readTextWindow(bucket, "bench", size, cursor);
    if (!window || "failed" in window) throw new Error("text window failed");
    const { chunks, next } = await chunkText({ text: window.text, pageStarts: null }, opts, { startChar: 0, firstIndex, maxChunks: 200, partial: !window.final });
    await embedder.embed(chunks.map((c) => c.text), "document");
    firstIndex += chunks.length;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (!next) break;
    cursor = { byte: window.byteAt(next.startChar), encoding: window.encoding, tokens: 0 };
  }
  return { seconds: (performance.now() - t0) / 1000, chunks: firstIndex, peakRss };
}

async function pdfFloor(bytes: Uint8Array): Promise<Floor> {
  const embedder = new HashEmbedder(256);
  const t0 = performance.now();
  const parsed = await parseDocument(bytes.slice(), "bench.pdf");
  if (!parsed.ok) throw new Error(parsed.message);
  const { chunks } = await chunkText(parsed.document, { maxTokens: 800, overlapTokens: 400 });
  for (let i = 0; i < chunks.length; i += 100) await embedder.embed(chunks.slice(i, i + 100).map((c) => c.text), "document");
  return { seconds: (performance.now() - t0) / 1000, chunks: chunks.length, peakRss: process.memoryUsage().rss };
}

interface DevServer {
  url: string;
  pgid: number;
  stop(): Promise<void>;
}

/** `npm run dev` in its own process group, with a raised MAX_FILE_TOKENS (a 300 MB text is ~75M tokens). */
async function startDev(state: string): Promise<DevServer> {
  const port = await freePort();
  const child = spawn("npm", ["run", "dev", "--", "--inspector-port", "0", "--var", "MAX_FILE_TOKENS:500000000"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", PERSIST_TO: state, API_KEYS: API_KEY, CI: "true" },
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev server did not start:\n${output}`)), 90_000);
    const check = () => /Ready on/.test(output) && (clearTimeout(timer), resolve());
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    child.on("exit", (code) => reject(new Error(`npm run dev exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pgid: child.pid!,
    async stop() {
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        return;
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}

interface Served {
  uploadSeconds: number;
  ingestSeconds: number;
  peakRss: number;
  idleRss: number;
}

/** Upload, attach, poll to a terminal status, sampling workerd's RSS throughout. */
async function throughServer(dev: DevServer, path: string, filename: string, chunking: "auto" | typeof TEXT_CHUNKING): Promise<Served> {
  const client = new OpenAI({ apiKey: API_KEY, baseURL: `${dev.url}/v1`, maxRetries: 0, timeout: 3_600_000 });
  const sampler = new RssSampler(() => workerdPids({ pgid: dev.pgid }), 100);
  const idleRss = sampler.sample();
  const t0 = performance.now();
  const file = await client.files.create({ file: createReadStream(path), purpose: "assistants" });
  const uploadSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const store = await client.vectorStores.create({
    name: filename,
    file_ids: [file.id],
    chunking_strategy: chunking === "auto" ? { type: "auto" } : { type: "static", static: chunking },
  });
  let vsFile = await client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id });
  while (vsFile.status === "in_progress") {
    await new Promise((r) => setTimeout(r, 1000));
    vsFile = await client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id });
  }
  const ingestSeconds = (performance.now() - t1) / 1000;
  const peakRss = sampler.stop();
  if (vsFile.status !== "completed") throw new Error(`${filename}: ${vsFile.status} ${JSON.stringify(vsFile.last_error)}`);
  return { uploadSeconds, ingestSeconds, peakRss, idleRss };
}

function report(name: string, bytes: number, served: Served, floor: Floor): void {
  print(`${name}_file_mb`, (bytes / MB).toFixed(1));
  print(`${name}_upload_seconds`, served.uploadSeconds.toFixed(1));
  print(`${name}_upload_mb_per_s`, (bytes / MB / served.uploadSeconds).toFixed(1));
  print(`${name}_ingest_seconds`, served.ingestSeconds.toFixed(1));
  // The floor runs the same chunking, so its chunk count is the file's.
  print(`${name}_chunks`, floor.chunks);
  print(`${name}_chunks_per_s`, (floor.chunks / served.ingestSeconds).toFixed(1));
  print(`${name}_workerd_idle_rss_mb`, (served.idleRss / MB).toFixed(0));
  print(`${name}_workerd_peak_rss_mb`, (served.peakRss / MB).toFixed(0));
  print(`${name}_floor_seconds`, floor.seconds.toFixed(1));
  print(`${name}_floor_chunks_per_s`, (floor.chunks / floor.seconds).toFixed(1));
  print(`${name}_floor_peak_rss_mb`, (floor.peakRss / MB).toFixed(0));
  print(`${name}_ratio_ingest_over_floor`, (served.ingestSeconds / floor.seconds).toFixed(1));
}

const dir = mkdtempSync(join(tmpdir(), "shelf-large-ingest-"));
let dev: DevServer | undefined;
try {
  const textPath = join(dir, "big.txt");
  await writeText(textPath, TEXT_MB * MB);
  const pdfPath = join(dir, "big.pdf");
  const pdfBytes = await makePdf(pdfPages(PDF_PAGES));
  writeFileSync(pdfPath, pdfBytes);
  print("pdf_pages", PDF_PAGES);

  const pdfFloorResult = await pdfFloor(pdfBytes);
  const textFloorResult = await textFloor(textPath);

  dev = await startDev(join(dir, "state"));
  report("pdf", pdfBytes.length, await throughServer(dev, pdfPath, "big.pdf", "auto"), pdfFloorResult);
  report("text", statSync(textPath).size, await throughServer(dev, textPath, "big.txt", TEXT_CHUNKING), textFloorResult);
} finally {
  await dev?.stop();
  rmSync(dir, { recursive: true, force: true });
}
