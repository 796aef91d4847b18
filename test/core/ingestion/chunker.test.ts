import { encode } from "gpt-tokenizer/encoding/cl100k_base";
import { describe, expect, it } from "vitest";
import { chunkText, countTokens, type ChunkSlice } from "../../../src/core/ingestion/chunker";
import type { Chunk, ChunkingOptions, ParsedDocument } from "../../../src/core/ports";

const PLAIN = { disallowedSpecial: new Set<string>() };
const tokens = (text: string) => encode(text, PLAIN).length;
const doc = (text: string, pageStarts: number[] | null = null): ParsedDocument => ({ text, pageStarts });

/** Deterministic text mixing prose, numbers, code, CJK, emoji, long runs and special-token strings. */
function mixedText(seed: number, length: number): string {
  const atoms = [
    "The", " results", " were", " significant", ".", " ", "\n", "\n\n", ",", "3.14", " (p<0.001)", "'s",
    " naïve", " 日本語の文章です。", " 😀", "\t", "    ", "=====", " <|endoftext|>", " Internationalization",
    " survival", " x = f(y);", "\r\n", "?", "!", " IL-6", " ",
  ];
  let s = "";
  let x = seed;
  const next = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
  while (s.length < length) {
    const atom = atoms[Math.floor(next() * atoms.length)] ?? "";
    s += next() < 0.03 ? atom.repeat(1 + Math.floor(next() * 150)) : atom;
  }
  return s;
}

function expectWellFormed(d: ParsedDocument, chunks: Chunk[], opts: ChunkingOptions): void {
  chunks.forEach((c, i) => {
    expect(c.index).toBe(i);
    expect(c.text).toBe(d.text.slice(c.startChar, c.endChar));
    expect(c.text.trim()).toBe(c.text);
    expect(c.tokenCount).toBe(tokens(c.text));
    expect(c.tokenCount).toBeLessThanOrEqual(opts.maxTokens);
  });
  // Every non-whitespace character is in some chunk.
  let covered = 0;
  for (const c of chunks) {
    expect(d.text.slice(covered, Math.max(covered, c.startChar)).trim()).toBe("");
    covered = Math.max(covered, c.endChar);
  }
  expect(d.text.slice(covered).trim()).toBe("");
}

async function inSlices(d: ParsedDocument, opts: ChunkingOptions, maxChunks: number): Promise<Chunk[]> {
  const all: Chunk[] = [];
  let slice: ChunkSlice | null = { startChar: 0, firstIndex: 0, maxChunks };
  while (slice) {
    const { chunks, next }: Awaited<ReturnType<typeof chunkText>> = await chunkText(d, opts, slice);
    expect(chunks.length).toBeLessThanOrEqual(maxChunks);
    all.push(...chunks);
    slice = next ? { ...next, maxChunks } : null;
  }
  return all;
}

const sentence = (i: number) => `Sentence number ${i} talks about topic ${i % 7} in some detail.`;

describe("chunkText", () => {
  it("returns one trimmed chunk for a short document", async () => {
    const { chunks, next } = await chunkText(doc("\n\n  Hello world.  \n"), { maxTokens: 800, overlapTokens: 400 });
    expect(next).toBeNull();
    expect(chunks).toEqual([{ index: 0, text: "Hello world.", startChar: 4, endChar: 16, tokenCount: 3, pageStart: null, pageEnd: null }]);
  });

  it("returns no chunks for empty or whitespace-only text", async () => {
    for (const text of ["", " \n\n\t "]) expect(await chunkText(doc(text), { maxTokens: 100, overlapTokens: 0 })).toEqual({ chunks: [], next: null });
  });

  it("never exceeds maxTokens, counts exactly and covers all text, on mixed content", async () => {
    for (const [seed, opts] of [
      [1, { maxTokens: 100, overlapTokens: 50 }],
      [2, { maxTokens: 800, overlapTokens: 400 }],
      [3, { maxTokens: 16, overlapTokens: 0 }],
      [4, { maxTokens: 333, overlapTokens: 17 }],
    ] as const) {
      const d = doc(mixedText(seed, 30_000));
      const { chunks, next } = await chunkText(d, opts);
      expect(next).toBeNull();
      expect(chunks.length).toBeGreaterThan(1);
      expectWellFormed(d, chunks, opts);
    }
  });

  it("splits long unbroken runs (CJK, repeated letters, whitespace) within the limit", async () => {
    const d = doc(`${"漢字仮名交じり文".repeat(400)}\n${"a".repeat(5000)} ${" ".repeat(3000)}end`);
    const opts = { maxTokens: 100, overlapTokens: 20 };
    const { chunks } = await chunkText(d, opts);
    expectWellFormed(d, chunks, opts);
  });

  it("overlaps consecutive chunks by at most overlapTokens, and by nothing when overlap is 0", async () => {
    const d = doc(Array.from({ length: 200 }, (_, i) => sentence(i)).join(" "));
    const overlapping = (await chunkText(d, { maxTokens: 200, overlapTokens: 100 })).chunks;
    for (let i = 1; i < overlapping.length; i++) {
      const [a, b] = [overlapping[i - 1], overlapping[i]] as [Chunk, Chunk];
      expect(b.startChar).toBeGreaterThan(a.startChar);
      expect(b.startChar).toBeLessThan(a.endChar);
      const shared = tokens(d.text.slice(b.startChar, a.endChar));
      expect(shared).toBeGreaterThan(50);
      expect(shared).toBeLessThanOrEqual(101);
    }
    const disjoint = (await chunkText(d, { maxTokens: 200, overlapTokens: 0 })).chunks;
    for (let i = 1; i < disjoint.length; i++) expect(disjoint[i]?.startChar).toBeGreaterThanOrEqual(disjoint[i - 1]?.endChar ?? 0);
    expect(disjoint.length).toBeLessThan(overlapping.length);
  });

  it("ends chunks at paragraph ends when one falls in the last quarter of the window", async () => {
    const paragraph = (p: number) => Array.from({ length: 6 }, (_, i) => sentence(p * 6 + i)).join(" ");
    const d = doc(Array.from({ length: 20 }, (_, p) => paragraph(p)).join("\n\n"));
    const { chunks } = await chunkText(d, { maxTokens: 400, overlapTokens: 0 });
    for (const c of chunks.slice(0, -1)) {
      expect(d.text.slice(c.endChar, c.endChar + 2)).toBe("\n\n");
      expect(c.tokenCount).toBeGreaterThanOrEqual(300);
    }
  });

  it("ends chunks at sentence ends when there are no paragraphs", async () => {
    const d = doc(Array.from({ length: 300 }, (_, i) => sentence(i)).join(" "));
    const { chunks } = await chunkText(d, { maxTokens: 250, overlapTokens: 60 });
    for (const c of chunks) expect(c.text.endsWith(".")).toBe(true);
  });

  it("produces the same chunks in slices as in one pass", async () => {
    const d = doc(`${mixedText(7, 20_000)}\n\n${Array.from({ length: 150 }, (_, i) => sentence(i)).join(" ")}`);
    for (const opts of [{ maxTokens: 100, overlapTokens: 50 }, { maxTokens: 800, overlapTokens: 400 }, { maxTokens: 120, overlapTokens: 0 }]) {
      const whole = (await chunkText(d, opts)).chunks;
      for (const maxChunks of [1, 2, 7]) expect(await inSlices(d, opts, maxChunks)).toEqual(whole);
    }
  });

  it("returns next: null when the last slice ends exactly at the end of the text", async () => {
    const d = doc(Array.from({ length: 100 }, (_, i) => sentence(i)).join(" "));
    const opts = { maxTokens: 200, overlapTokens: 0 };
    const total = (await chunkText(d, opts)).chunks.length;
    const last = await chunkText(d, opts, { startChar: 0, firstIndex: 0, maxChunks: total });
    expect(last.chunks).toHaveLength(total);
    expect(last.next).toBeNull();
  });

  it("maps chunks to 1-based page ranges", async () => {
    const pages = [0, 1, 2].map((p) => Array.from({ length: 40 }, (_, i) => sentence(p * 100 + i)).join(" "));
    const text = pages.join("\n\n");
    const pageStarts = [0, pages[0]!.length + 2, pages[0]!.length + pages[1]!.length + 4];
    const { chunks } = await chunkText(doc(text, pageStarts), { maxTokens: 300, overlapTokens: 100 });
    const pageAt = (offset: number) => pageStarts.filter((s) => s <= offset).length;
    for (const c of chunks) {
      expect(c.pageStart).toBe(pageAt(c.startChar));
      expect(c.pageEnd).toBe(pageAt(c.endChar - 1));
    }
    expect(new Set(chunks.map((c) => c.pageStart))).toEqual(new Set([1, 2, 3]));
  });

  it("treats special-token strings as text", async () => {
    const d = doc("before <|endoftext|> after <|fim_prefix|>");
    const { chunks } = await chunkText(d, { maxTokens: 100, overlapTokens: 0 });
    expect(chunks[0]?.text).toBe(d.text);
    expect(chunks[0]?.tokenCount).toBe(tokens(d.text));
  });

  it("refuses options outside OpenAI's rules", async () => {
    await expect(chunkText(doc("x"), { maxTokens: 100, overlapTokens: 51 })).rejects.toThrow(RangeError);
    await expect(chunkText(doc("x"), { maxTokens: 8, overlapTokens: 0 })).rejects.toThrow(RangeError);
    await expect(chunkText(doc("x"), { maxTokens: 100.5, overlapTokens: 0 })).rejects.toThrow(RangeError);
  });
});

describe("countTokens", () => {
  it("matches cl100k encoding, special-token strings included", async () => {
    for (const text of ["", "hello world", mixedText(9, 5000), "a".repeat(3000)]) expect(await countTokens(text)).toBe(tokens(text));
  });
});
