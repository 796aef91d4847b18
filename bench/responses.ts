// `npm run bench:responses`: the time Shelf's Responses loop adds, beyond the upstream model's own time and the searches.
// One worker (`wrangler dev --local`) and a fake Chat Completions upstream with a fixed latency: a search call (the tool
// call after FIRST_MS) and an answer (first chunk after FIRST_MS, then CHUNKS chunks CHUNK_MS apart). Per iteration:
//   floor(first text) = call 1 + the searches + call 2's time to its first chunk (upstream-side clocks; searches timed
//                       separately through POST /v1/vector_stores/{id}/search with the same query);
//   floor(whole)      = call 1 + the searches + call 2.
// Printed: medians of the client's times and the ratio observed / floor, streaming and not. The ratio is measured in
// one run on the same machine, so the machine's noise cancels as far as it can.
import OpenAI, { toFile } from "openai";
import { startWorker, API_KEY } from "../e2e/harness";
import { sourceNumber, startFakeChat, stopFakeChat, upstream, type ChatBody } from "../e2e/fake-chat-upstream";
import { docText, scifactDocs } from "./lib/data";

const ITERATIONS = Number(process.env.ITERATIONS ?? 30);
const DOCS = Number(process.env.DOCS ?? 200);
const FIRST_MS = Number(process.env.FIRST_MS ?? 150);
const CHUNK_MS = Number(process.env.CHUNK_MS ?? 10);
const CHUNKS = Number(process.env.CHUNKS ?? 40);
const QUERY = "vitamin D deficiency and bone fractures";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

const base = await startFakeChat();
const worker = await startWorker({ LLM: "openai", LLM_BASE_URL: base, LLM_API_KEY: "sk-upstream", POLL_AFTER_MS: "100" });
try {
  const client = new OpenAI({ apiKey: API_KEY, baseURL: `${worker.url}/v1`, maxRetries: 0 });
  const docs = scifactDocs(DOCS);
  const files = await Promise.all(docs.map(async (d) => client.files.create({ file: await toFile(Buffer.from(docText(d)), `${d._id}.txt`), purpose: "assistants" })));
  const store = await client.vectorStores.create({ name: "bench-responses" });
  await client.vectorStores.fileBatches.createAndPoll(store.id, { file_ids: files.map((f) => f.id) });
  const tools = [{ type: "file_search" as const, vector_store_ids: [store.id], max_num_results: 5 }];

  const answer = (body: ChatBody) => {
    const cite = sourceNumber(body, body.messages.at(-1)!.content!.match(/\] (\S+\.txt)/)![1]!);
    const words = Array.from({ length: CHUNKS }, (_, i) => (i === CHUNKS - 1 ? ` per the study [${cite}].` : ` word${i}`));
    return { chunks: words, firstMs: FIRST_MS, chunkMs: CHUNK_MS };
  };
  const script = () => [{ toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: [QUERY] }) }], firstMs: FIRST_MS }, answer];

  const searchTimes: number[] = [];
  const timeSearch = async () => {
    const t0 = performance.now();
    await client.vectorStores.search(store.id, { query: [QUERY], max_num_results: 5, rewrite_query: false });
    searchTimes.push(performance.now() - t0);
  };
  // Warm-up: one of each, not counted.
  await timeSearch();
  upstream.script = script();
  await client.responses.create({ model: "bench", input: QUERY, tools, store: false });
  searchTimes.length = 0;

  const rows = { streamFirst: [] as number[], streamWhole: [] as number[], streamFloorFirst: [] as number[], streamFloorWhole: [] as number[], plainWhole: [] as number[], plainFloor: [] as number[] };
  for (let i = 0; i < ITERATIONS; i++) {
    await timeSearch();
    const search = searchTimes.at(-1)!;
    // Streaming.
    upstream.timings.length = 0;
    upstream.script = script();
    const t0 = performance.now();
    let first = 0;
    const stream = await client.responses.create({ model: "bench", input: QUERY, tools, store: false, stream: true });
    for await (const event of stream) if (event.type === "response.output_text.delta" && !first) first = performance.now() - t0;
    const whole = performance.now() - t0;
    const [call1, call2] = upstream.timings;
    rows.streamFirst.push(first);
    rows.streamWhole.push(whole);
    rows.streamFloorFirst.push(call1!.end - call1!.start + search + (call2!.firstByte - call2!.start));
    rows.streamFloorWhole.push(call1!.end - call1!.start + search + (call2!.end - call2!.start));
    // Not streaming.
    upstream.timings.length = 0;
    upstream.script = script();
    const t1 = performance.now();
    const plain = await client.responses.create({ model: "bench", input: QUERY, tools, store: false });
    if (plain.status !== "completed") throw new Error(`response ${plain.status}`);
    rows.plainWhole.push(performance.now() - t1);
    const [p1, p2] = upstream.timings;
    rows.plainFloor.push(p1!.end - p1!.start + search + (p2!.end - p2!.start));
  }
  const ratio = (observed: number[], floor: number[]) => median(observed.map((o, i) => o / floor[i]!));
  console.log(`responses bench: ${ITERATIONS} iterations, ${DOCS} docs, upstream first byte ${FIRST_MS} ms, ${CHUNKS} chunks ${CHUNK_MS} ms apart; search median ${ms(median(searchTimes))}`);
  console.log(`stream first text delta: ${ms(median(rows.streamFirst))} vs floor ${ms(median(rows.streamFloorFirst))} → ratio ${ratio(rows.streamFirst, rows.streamFloorFirst).toFixed(3)} (Shelf adds ${ms(median(rows.streamFirst.map((o, i) => o - rows.streamFloorFirst[i]!)))})`);
  console.log(`stream whole response: ${ms(median(rows.streamWhole))} vs floor ${ms(median(rows.streamFloorWhole))} → ratio ${ratio(rows.streamWhole, rows.streamFloorWhole).toFixed(3)} (Shelf adds ${ms(median(rows.streamWhole.map((o, i) => o - rows.streamFloorWhole[i]!)))})`);
  console.log(`non-streaming whole response: ${ms(median(rows.plainWhole))} vs floor ${ms(median(rows.plainFloor))} → ratio ${ratio(rows.plainWhole, rows.plainFloor).toFixed(3)} (Shelf adds ${ms(median(rows.plainWhole.map((o, i) => o - rows.plainFloor[i]!)))})`);
} finally {
  await worker.stop();
  await stopFakeChat();
}
