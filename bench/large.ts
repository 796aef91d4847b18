// `npm run bench:large`: a 1 GB file through the Uploads API against `npm run dev`, as a user's SDK code sends it.
// Prints one line per figure: upload seconds and MB/s, peak memory of the worker runtime (workerd), download check.
// `SIZE_MB=256 npm run bench:large` for a quicker run; `MD5=0` completes without md5 (no byte is read at complete).
// Temp data lives in /tmp and is deleted.
import { createHash, randomBytes } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI, { toFile } from "openai";
import { freePort } from "../e2e/harness";
import { startDevServer, waitUntilAnswering } from "./chaos/dev-server";

const MiB = 1024 * 1024;
const SIZE = Number(process.env.SIZE_MB ?? 1024) * MiB;
/** OpenAI's part maximum (64 MB) and the SDK-style parallelism the brief asks for. */
const PART = 64 * MiB;
const PARALLEL = 4;
const API_KEY = "sk-bench";
const WITH_MD5 = process.env.MD5 !== "0";

/** Pids of the workerd processes in the dev server's process group. */
function workerdPids(pgid: number): number[] {
  const table = execFileSync("ps", ["-eo", "pid=,pgid=,comm="], { encoding: "utf8" });
  return table
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .filter(([, group, comm]) => Number(group) === pgid && comm === "workerd")
    .map(([pid]) => Number(pid));
}

/** A /proc/<pid>/status field in MB (VmRSS: now; VmHWM: the peak since the process started). */
function statusMb(pid: number, field: "VmRSS" | "VmHWM"): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

const dir = mkdtempSync(join(tmpdir(), "shelf-large-"));
const path = join(dir, "big.bin");
const state = join(dir, "state");
const port = await freePort();
const server = startDevServer({ port, persistTo: state, apiKeys: `${API_KEY}:proj_bench` });
const cleanup = () => {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
};
process.on("SIGINT", () => {
  cleanup();
  process.exit(130);
});

try {
  // The file: random bytes written in 64 MiB slices, hashed as written.
  const sha = createHash("sha256");
  const md5 = createHash("md5");
  const out = openSync(path, "w");
  for (let at = 0; at < SIZE; at += PART) {
    const slice = randomBytes(Math.min(PART, SIZE - at));
    sha.update(slice);
    md5.update(slice);
    writeSync(out, slice);
  }
  closeSync(out);
  const sha256 = sha.digest("hex");

  await waitUntilAnswering(server, 120_000);
  const pids = workerdPids(server.pgid);
  const idleMb = Math.max(0, ...pids.map((p) => statusMb(p, "VmRSS")));
  let peakMb = idleMb;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, ...pids.map((p) => statusMb(p, "VmRSS")))), 100);
  const client = new OpenAI({ apiKey: API_KEY, baseURL: `${server.url}/v1`, maxRetries: 0, timeout: 600_000 });

  const t0 = performance.now();
  const upload = await client.uploads.create({ bytes: SIZE, filename: "big.bin", mime_type: "application/octet-stream", purpose: "assistants" });
  const count = Math.ceil(SIZE / PART);
  const partIds: string[] = new Array(count);
  let next = 0;
  const fd = openSync(path, "r");
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const length = Math.min(PART, SIZE - i * PART);
      const buf = Buffer.alloc(length);
      readSync(fd, buf, 0, length, i * PART);
      partIds[i] = (await client.uploads.parts.create(upload.id, { data: await toFile(buf, "part") })).id;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  closeSync(fd);
  const tParts = performance.now();
  const done = await client.uploads.complete(upload.id, { part_ids: partIds, ...(WITH_MD5 ? { md5: md5.digest("hex") } : {}) });
  const t1 = performance.now();
  clearInterval(sampler);
  const hwm = Math.max(...pids.map((p) => statusMb(p, "VmHWM")));

  const seconds = (t1 - t0) / 1000;
  const mb = SIZE / MiB;
  console.log(`uploads ${mb} MB file, ${count} parts of 64 MB, ${PARALLEL} in parallel: upload ${seconds.toFixed(1)} s`);
  console.log(`uploads throughput: ${(mb / seconds).toFixed(0)} MB/s`);
  console.log(`uploads complete (${WITH_MD5 ? "md5 checked over all parts" : "no md5: manifest only"}): ${((t1 - tParts) / 1000).toFixed(2)} s`);
  console.log(`uploads workerd memory: idle ${idleMb.toFixed(0)} MB, peak RSS during upload ${peakMb.toFixed(0)} MB (VmHWM ${hwm.toFixed(0)} MB)`);

  const t2 = performance.now();
  const res = await client.files.content(done.file!.id);
  const back = createHash("sha256");
  let got = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    back.update(chunk);
    got += chunk.length;
  }
  const dSeconds = (performance.now() - t2) / 1000;
  const exact = got === SIZE && back.digest("hex") === sha256;
  console.log(`uploads download: ${dSeconds.toFixed(1)} s, ${(mb / dSeconds).toFixed(0)} MB/s, sha256 ${exact ? "matches" : "DIFFERS"}`);
  if (!exact) process.exitCode = 1;
} finally {
  cleanup();
}
