// npm run bench:ingest — SciFact (5,183 abstracts, one file each) through the API of a locally started worker,
// and the in-process floor (parse + chunk + hash-embed the same text, no server). One line per figure.
import { docText, scifactDocs } from "./lib/data";
import OpenAI, { toFile } from "openai";
import { chunkText, countTokens } from "../src/core/ingestion/chunker";
import { parseDocument } from "../src/core/ingestion/parse";
import { HashEmbedder } from "../src/core/embedding/hash";
import { API_KEY, startWorker } from "../e2e/harness";

const UPLOAD_CONCURRENCY = Number(process.env.UPLOAD_CONCURRENCY ?? 16);
const LIMIT = Number(process.env.DOCS ?? Infinity);

const docs = scifactDocs(LIMIT);
const texts = docs.map(docText);
const print = (name: string, value: string) => console.log(`${name} ${value}`);

async function floor(): Promise<{ seconds: number; tokens: number }> {
  const embedder = new HashEmbedder(256);
  const started = performance.now();
  let tokens = 0;
  for (let i = 0; i < texts.length; i++) {
    const parsed = await parseDocument(new TextEncoder().encode(texts[i]!), `${docs[i]!._id}.txt`);
    if (!parsed.ok) throw new Error(parsed.message);
    tokens += await countTokens(parsed.document.text);
    const { chunks } = await chunkText(parsed.document, { maxTokens: 800, overlapTokens: 400 });
    await embedder.embed(chunks.map((c) => c.text), "document");
  }
  return { seconds: (performance.now() - started) / 1000, tokens };
}

async function throughApi(): Promise<{ upload: number; index: number }> {
  const worker = await startWorker({ POLL_AFTER_MS: "200" });
  try {
    const client = new OpenAI({ apiKey: API_KEY, baseURL: `${worker.url}/v1`, maxRetries: 0 });
    const ids = new Array<string>(texts.length);
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: UPLOAD_CONCURRENCY }, async () => {
        for (let i = next++; i < texts.length; i = next++) {
          const file = await client.files.create({ file: await toFile(Buffer.from(texts[i]!), `${docs[i]!._id}.txt`), purpose: "assistants" });
          ids[i] = file.id;
        }
      }),
    );
    const upload = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const store = await client.vectorStores.create({ name: "scifact" });
    for (let i = 0; i < ids.length; i += 2000) await client.vectorStores.fileBatches.create(store.id, { file_ids: ids.slice(i, i + 2000) });
    for (;;) {
      const s = await client.vectorStores.retrieve(store.id);
      if (s.status !== "in_progress") {
        if (s.file_counts.completed !== texts.length) throw new Error(`indexed ${JSON.stringify(s.file_counts)}`);
        break;
      }
      if ((performance.now() - t1) / 1000 > 600) throw new Error(`not indexed after 600 s: ${JSON.stringify(s.file_counts)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { upload, index: (performance.now() - t1) / 1000 };
  } finally {
    await worker.stop();
  }
}

const api = await throughApi();
const local = await floor();
const total = api.upload + api.index;
print("ingest documents", String(texts.length));
print("ingest upload_seconds", api.upload.toFixed(1));
print("ingest index_seconds", api.index.toFixed(1));
print("ingest total_seconds", total.toFixed(1));
print("ingest documents_per_second", (texts.length / total).toFixed(0));
print("ingest tokens_per_second", (local.tokens / total).toFixed(0));
print("ingest floor_seconds", local.seconds.toFixed(2));
print("ingest floor_documents_per_second", (texts.length / local.seconds).toFixed(0));
print("ingest overhead_ratio_index_vs_floor", (api.index / local.seconds).toFixed(1));
print("ingest overhead_ratio_total_vs_floor", (total / local.seconds).toFixed(1));
