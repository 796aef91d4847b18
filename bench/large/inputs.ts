// Benchmark inputs made from SciFact abstracts (../shared/data/scifact, read at run time; nothing is copied into the project).
import { docText, scifactDocs } from "../lib/data";

let cached: string[] | undefined;

/** The corpus's abstracts ("title\n\ntext"), in file order. */
export function abstracts(): string[] {
  cached ??= scifactDocs().map(docText);
  return cached;
}

/** Abstracts, cycled, until at least `bytes` UTF-16 chars. */
export function paragraphs(bytes: number): string[] {
  const all = abstracts();
  const out: string[] = [];
  for (let size = 0, i = 0; size < bytes; i++) {
    const p = all[i % all.length]!;
    out.push(p);
    size += p.length;
  }
  return out;
}

/** `pages` pages of 45 lines of ≤ 90 chars, WinAnsi only (pdf-lib's standard Helvetica). */
export function pdfPages(pages: number): string[][] {
  const words = abstracts().join(" ").replace(/[^\x20-\x7e]/g, " ").split(/\s+/);
  const out: string[][] = [];
  let w = 0;
  for (let p = 0; p < pages; p++) {
    const lines: string[] = [];
    for (let l = 0; l < 45; l++) {
      let line = "";
      while (line.length < 85) line += `${words[w++ % words.length]} `;
      lines.push(line.trim());
    }
    out.push(lines);
  }
  return out;
}
