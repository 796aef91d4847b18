import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../../src/core/ingestion/parse";
import { makePptx } from "../../../fixtures/make-pptx";
import { zipParts } from "../../../fixtures/ooxml";

describe("parseDocument: PPTX", () => {
  it("extracts slide text, one page per slide, paragraphs on separate lines", async () => {
    const bytes = makePptx([["Intro", "Why we are here"], ["Results & next steps", "Line one\nline two"]]);
    const result = await parseDocument(bytes, "deck.pptx");
    if (!result.ok) throw new Error(result.message);
    expect(result.document.text).toBe("Intro\nWhy we are here\n\nResults & next steps\nLine one\nline two");
    expect(result.document.pageStarts).toEqual([0, "Intro\nWhy we are here\n\n".length]);
  });

  it("orders slides as the presentation lists them, not by part name", async () => {
    const slides = Array.from({ length: 11 }, (_, i) => [`slide file ${i + 1}`]);
    const order = [2, 1, 11, ...Array.from({ length: 8 }, (_, i) => i + 3)];
    const result = await parseDocument(makePptx(slides, order), "deck.pptx");
    if (!result.ok) throw new Error(result.message);
    expect(result.document.text.split("\n\n")).toEqual(order.map((n) => `slide file ${n}`));
  });

  it("falls back to slide-number order (10 after 9) without presentation.xml", async () => {
    const parts: Record<string, string> = {};
    for (const n of [10, 2, 9, 1]) parts[`ppt/slides/slide${n}.xml`] = `<p:sld xmlns:a="a" xmlns:p="p"><a:p><a:r><a:t>s${n}</a:t></a:r></a:p></p:sld>`;
    const result = await parseDocument(zipParts(parts), "deck.pptx");
    if (!result.ok) throw new Error(result.message);
    expect(result.document.text).toBe("s1\n\ns2\n\ns9\n\ns10");
  });

  it("reports corrupt zips and zips without slides as invalid_file", async () => {
    const good = makePptx([["x"]]);
    for (const bytes of [good.slice(0, good.length - 30), zipParts({ "a.txt": "no slides" })]) {
      expect(await parseDocument(bytes, "broken.pptx")).toMatchObject({ ok: false, code: "invalid_file" });
    }
  });
});

describe("parseDocument: PPTX larger than an isolate can hold", () => {
  it("refuses a small deck whose slide XML inflates beyond the measured limit, naming the limit", async () => {
    // 33 MB of repetitive slide text: a small file, above the 32 MB of inflated XML a 128 MB isolate can take.
    const paragraph = "slide ".repeat(2000);
    const slides = Array.from({ length: 1400 }, () => [paragraph, paragraph]);
    const bytes = makePptx(slides);
    expect(bytes.length).toBeLessThan(2_000_000);
    const result = await parseDocument(bytes, "bomb.pptx");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid_file");
    expect(result.message).toMatch(/PPTX presentations with more than 32 MB of uncompressed slide XML cannot be processed/);
  });
});
