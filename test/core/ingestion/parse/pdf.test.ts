import { describe, expect, it } from "vitest";
import { chunkText } from "../../../../src/core/ingestion/chunker";
import { parseDocument } from "../../../../src/core/ingestion/parse";
import { makePdf } from "../../../fixtures/make-pdf";

const PAGES = [
  ["Page one talks about apples.", "Apples grow on trees in orchards."],
  ["Page two is about bananas.", "Bananas are yellow when ripe."],
  ["Page three covers cherries.", "Cherries are small and red."],
];

describe("parseDocument: PDF", () => {
  it("extracts each page's text in order and records where each page starts", async () => {
    const result = await parseDocument(await makePdf(PAGES), "fruit.pdf");
    if (!result.ok) throw new Error(result.message);
    const { text, pageStarts } = result.document;
    expect(pageStarts).toHaveLength(3);
    PAGES.forEach((lines, i) => {
      const start = pageStarts?.[i] ?? -1;
      const end = pageStarts?.[i + 1] ?? text.length;
      expect(text.slice(start, end).trim()).toBe(lines.join("\n"));
    });
  });

  it("gives chunks the page range their text spans", async () => {
    const pages = [1, 2, 3].map((n) => Array.from({ length: 30 }, (_, i) => `Page ${n} line ${i} has some words to fill the page.`));
    const result = await parseDocument(await makePdf(pages), "long.pdf");
    if (!result.ok) throw new Error(result.message);
    const doc = result.document;
    const { chunks } = await chunkText(doc, { maxTokens: 200, overlapTokens: 50 });
    expect(chunks.length).toBeGreaterThan(3);
    const starts = doc.pageStarts ?? [];
    const pageAt = (offset: number) => starts.filter((s) => s <= offset).length;
    for (const c of chunks) {
      expect(c.pageStart).toBe(pageAt(c.startChar));
      expect(c.pageEnd).toBe(pageAt(c.endChar - 1));
      expect(c.text).toContain(`Page ${c.pageStart} line`);
      expect(c.text).toContain(`Page ${c.pageEnd} line`);
    }
    expect(chunks[0]?.pageStart).toBe(1);
    expect(chunks.at(-1)?.pageEnd).toBe(3);
    expect(chunks.some((c) => c.pageStart !== c.pageEnd)).toBe(true);
  });

  it("reports a corrupt or truncated PDF as invalid_file", async () => {
    const good = await makePdf(PAGES);
    for (const bytes of [new TextEncoder().encode("%PDF-1.7\nthis is not really a pdf"), good.slice(0, 200), new Uint8Array(0)]) {
      const result = await parseDocument(bytes, "broken.pdf");
      expect(result).toMatchObject({ ok: false, code: "invalid_file" });
      if (!result.ok) expect(result.message).toMatch(/^The file could not be parsed/);
    }
  });

  it("parses a PDF without text as an empty document per page", async () => {
    const result = await parseDocument(await makePdf([[], []]), "blank.pdf");
    if (!result.ok) throw new Error(result.message);
    expect(result.document.text.trim()).toBe("");
    expect(result.document.pageStarts).toHaveLength(2);
  });
});
