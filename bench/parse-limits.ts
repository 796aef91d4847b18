// npm run bench:parse-limits — how much memory each whole-document parser needs in workerd, by file size.
// For each format and size: a fresh workerd, its V8 heap capped at 128 MB, (wrangler's unstable_startWorker) runs bench/large/parse-worker.ts, one
// document is posted, and the workerd process's RSS is sampled from /proc. One line per figure; the growth over the
// idle worker is what the parse cost. Inputs are SciFact abstracts (read at run time), generated in memory.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_startWorker } from "wrangler";
import { makeDocx } from "../test/fixtures/make-docx";
import { makePdf } from "../test/fixtures/make-pdf";
import { makePptx } from "../test/fixtures/make-pptx";
import { paragraphs, pdfPages } from "./large/inputs";
import { MB, RssSampler, workerdPids } from "./large/rss";

function html(bytes: number): Uint8Array {
  const body = paragraphs(bytes).map((p, i) => (i % 20 === 0 ? `<h2>Section ${i}</h2>` : "") + `<p>${p.replace(/[<&]/g, " ")}</p>`);
  return new TextEncoder().encode(`<!doctype html><html><head><title>Bench</title></head><body>${body.join("\n")}</body></html>`);
}

type Maker = (scale: number) => Promise<Uint8Array> | Uint8Array;
const FORMATS: Array<{ name: string; file: string; scales: number[]; make: Maker; unit: string }> = [
  { name: "pdf", file: "doc.pdf", unit: "pages", scales: (process.env.PDF_PAGES ?? "1000,2000,4000,8000").split(",").map(Number), make: (n) => makePdf(pdfPages(n)) },
  { name: "docx", file: "doc.docx", unit: "MB text", scales: (process.env.DOCX_MB ?? "10,20,40,80").split(",").map(Number), make: (n) => makeDocx(paragraphs(n * MB)) },
  { name: "pptx", file: "doc.pptx", unit: "MB text", scales: (process.env.PPTX_MB ?? "10,20,40").split(",").map(Number), make: (n) => makePptx(chunked(paragraphs(n * MB), 8)) },
  { name: "html", file: "doc.html", unit: "MB html", scales: (process.env.HTML_MB ?? "10,20,40,80").split(",").map(Number), make: (n) => html(n * MB) },
];

function chunked<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// A config of its own: the project's wrangler.toml would bring its bindings and Durable Object classes.
process.env.CLOUDFLARE_CF_FETCH_ENABLED = "false";
process.env.WRANGLER_SEND_METRICS = "false";
// Workers give an isolate 128 MB; V8's old-space cap makes workerd fail the same way locally (the isolate is
// restarted mid-request) once the parse's live heap exceeds it. RSS growth is also printed, but it counts garbage.
const HEAP_MB = Number(process.env.HEAP_MB ?? 128);
process.env.MINIFLARE_WORKERD_V8_FLAGS = `--max-old-space-size=${HEAP_MB}`;
const dir = mkdtempSync(join(tmpdir(), "shelf-parse-limits-"));
const config = join(dir, "wrangler.toml");
writeFileSync(
  config,
  `name = "parse-limits"\nmain = ${JSON.stringify(fileURLToPath(new URL("./large/parse-worker.ts", import.meta.url)))}\ncompatibility_date = "2026-08-01"\ncompatibility_flags = ["nodejs_compat"]\n`,
);

const only = process.env.FORMATS?.split(",");
const print = (name: string, value: string) => console.log(`${name} ${value}`);

for (const format of FORMATS.filter((f) => !only || only.includes(f.name))) {
  for (const scale of format.scales) {
    const bytes = await format.make(scale);
    const worker = await unstable_startWorker({
      config,
      dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false },
    });
    try {
      await worker.ready;
      // Warm-up: the parser's code is loaded and compiled before the idle figure.
      await (await worker.fetch(`http://x/?name=${format.file}`, { method: "POST", body: await format.make(1) })).text();
      const pids = workerdPids({ parent: process.pid });
      const sampler = new RssSampler(() => pids, 20);
      const idle = sampler.sample();
      sampler.peak = idle;
      const t0 = performance.now();
      const res = await worker.fetch(`http://x/?name=${format.file}`, { method: "POST", body: bytes });
      const body = await res.text();
      const seconds = (performance.now() - t0) / 1000;
      const peak = sampler.stop();
      print(
        `parse_${format.name}_${scale}_${format.unit.replace(/ /g, "_")}`,
        `file_mb=${(bytes.length / MB).toFixed(1)} seconds=${seconds.toFixed(1)} idle_rss_mb=${(idle / MB).toFixed(0)} peak_rss_mb=${(peak / MB).toFixed(0)} growth_mb=${((peak - idle) / MB).toFixed(0)} heap_cap_mb=${HEAP_MB} ${res.status === 200 ? "ok" : "FAILED"} ${body.slice(0, 100)}`,
      );
    } catch (error) {
      print(`parse_${format.name}_${scale}_${format.unit.replace(/ /g, "_")}`, `file_mb=${(bytes.length / MB).toFixed(1)} error=${String(error).slice(0, 200)}`);
    } finally {
      await worker.dispose();
    }
  }
}
rmSync(dir, { recursive: true, force: true });
