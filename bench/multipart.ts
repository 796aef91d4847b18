// Multipart parsers on one big body: throughput (MB/s) and memory held while parsing. One line per figure.
// `npx tsx bench/multipart.ts [MB]` (default 200). Runs in Node: both parsers are plain web-stream code.
import { randomBytes } from "node:crypto";
import { parseMultipartStream } from "@remix-run/multipart-parser";
import { readMultipart } from "../src/http/multipart";

const MB = 1024 * 1024;
const sizeMb = Number(process.argv[2] ?? 200);
const boundary = "openai-bench0123456789";
const CHUNK = 64 * 1024;

/** A form with one text field and one `file` part of `sizeMb` random bytes, as the SDKs send it. */
function buildBody(): Uint8Array {
  const head = new TextEncoder().encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nassistants\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
  const data = randomBytes(sizeMb * MB);
  const out = new Uint8Array(head.length + data.length + tail.length);
  out.set(head);
  out.set(data, head.length);
  out.set(tail, head.length + data.length);
  return out;
}

/** The body as a network would deliver it: 64 KiB chunks. */
function streamOf(body: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= body.length) return controller.close();
      controller.enqueue(body.slice(at, at + CHUNK)); // fresh buffers, as from a socket
      at += CHUNK;
    },
  });
}

const held = () => process.memoryUsage().arrayBuffers + process.memoryUsage().heapUsed;

async function measure(name: string, run: (sample: () => void) => Promise<number>): Promise<number> {
  globalThis.gc?.();
  const base = held();
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, held() - base);
  };
  const t0 = performance.now();
  const bytes = await run(sample);
  const seconds = (performance.now() - t0) / 1000;
  const mbps = bytes / MB / seconds;
  console.log(`multipart ${name}: ${mbps.toFixed(0)} MB/s (${sizeMb} MB file part in ${seconds.toFixed(2)} s), peak memory held while parsing ${(peak / MB).toFixed(0)} MB`);
  return mbps;
}

const body = buildBody();
const ours = await measure("shelf (src/http/multipart.ts, streams part bodies)", async (sample) => {
  let bytes = 0;
  let n = 0;
  for await (const event of readMultipart(streamOf(body), boundary)) {
    if (event.type === "data") bytes += event.chunk.length; // a consumer would stream this chunk to R2 and drop it
    if (++n % 64 === 0) sample();
  }
  sample();
  return bytes;
});
const remix = await measure("@remix-run/multipart-parser 0.16 (yields whole parts)", async (sample) => {
  let bytes = 0;
  for await (const part of parseMultipartStream(streamOf(body), { boundary, maxFileSize: 2 * sizeMb * MB, maxTotalSize: 4 * sizeMb * MB })) {
    sample();
    bytes += part.name === "file" ? part.size : 0;
  }
  return bytes;
});
console.log(`multipart ratio shelf/remix: ${(ours / remix).toFixed(2)}x throughput`);
