// Search latency through the API of a locally started worker, for stores of about 1k, 10k and 100k chunks.
// Stores are seeded through the API: SciFact abstracts concatenated into files chunked at 100 tokens, no overlap.
// One line per figure: p50 and p95 in ms over QUERIES searches (SciFact claims), after WARMUP searches.
import { readFileSync } from "node:fs";
import OpenAI, { toFile } from "openai";
import { API_KEY, startWorker } from "../e2e/harness";

const DATA = new URL("../../shared/data/scifact/", import.meta.url);
const SIZES = (process.env.SIZES ?? "1000,10000,100000").split(",").map(Number);
const QUERIES = Number(process.env.QUERIES ?? 200);
const WARMUP = 20;
/** Chunks per uploaded file: ~5,000 × 100 tokens stays far below the 5M-token file limit. */
const CHUNKS_PER_FILE = 5000;
/** Roughly 100 cl100k tokens of English prose. */
const CHARS_PER_CHUNK = 430;

const lines = (name: string) => readFileSync(new URL(name, DATA), "utf8").split("\n").filter(Boolean);
const abstracts = lines("corpus.jsonl").map((l) => {
  const d = JSON.parse(l) as { title: string; text: string };
  return `${d.title}\n\n${d.text}`;
});
const queries = lines("queries.jsonl").map((l) => (JSON.parse(l) as { text: string }).text);

/** Text of about `chunks` 100-token chunks, cycling through the corpus so every store has varied content. */
function textFor(chunks: number, offset: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = offset; length < chunks * CHARS_PER_CHUNK; i++) {
    const a = abstracts[i % abstracts.length]!;
    parts.push(a);
    length += a.length + 2;
  }
  return parts.join("\n\n");
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const worker = await startWorker({ POLL_AFTER_MS: "200" });
try {
  const client = new OpenAI({ apiKey: API_KEY, baseURL: `${worker.url}/v1`, maxRetries: 0 });
  for (const size of SIZES) {
    const store = await client.vectorStores.create({ name: `latency-${size}` });
    const files = Math.ceil(size / CHUNKS_PER_FILE);
    const ids: string[] = [];
    for (let f = 0; f < files; f++) {
      const chunks = Math.min(CHUNKS_PER_FILE, size - f * CHUNKS_PER_FILE);
      const file = await client.files.create({ file: await toFile(Buffer.from(textFor(chunks, f * 997)), `seed-${size}-${f}.txt`), purpose: "assistants" });
      ids.push(file.id);
    }
    const seedStart = performance.now();
    const batch = await client.vectorStores.fileBatches.createAndPoll(
      store.id,
      { file_ids: ids, chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } } },
      { pollIntervalMs: 500 },
    );
    if (batch.file_counts.completed !== ids.length) throw new Error(`seeding failed: ${JSON.stringify(batch.file_counts)}`);
    const seeded = (performance.now() - seedStart) / 1000;
    const timings: number[] = [];
    for (let i = 0; i < WARMUP + QUERIES; i++) {
      const t = performance.now();
      await client.vectorStores.search(store.id, { query: queries[i % queries.length]!, max_num_results: 10 });
      if (i >= WARMUP) timings.push(performance.now() - t);
    }
    timings.sort((a, b) => a - b);
    const label = size >= 1000 ? `${size / 1000}k` : String(size);
    console.log(`search ${label}_chunks seed_seconds ${seeded.toFixed(1)}`);
    console.log(`search ${label}_chunks p50_ms ${percentile(timings, 50).toFixed(1)}`);
    console.log(`search ${label}_chunks p95_ms ${percentile(timings, 95).toFixed(1)}`);
  }
} finally {
  await worker.stop();
}
