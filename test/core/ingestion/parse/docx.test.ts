import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../../src/core/ingestion/parse";
import { makeDocx } from "../../../fixtures/make-docx";
import { zipParts } from "../../../fixtures/ooxml";

describe("parseDocument: DOCX", () => {
  it("extracts paragraphs separated by blank lines", async () => {
    const bytes = makeDocx(["Quarterly report", "Revenue grew 12% & costs fell.", "<Confidential>"]);
    const result = await parseDocument(bytes, "report.docx");
    expect(result).toEqual({
      ok: true,
      document: { text: "Quarterly report\n\nRevenue grew 12% & costs fell.\n\n<Confidential>", pageStarts: null },
    });
  });

  it("reads a document that is a view into a larger buffer", async () => {
    const bytes = makeDocx(["offset view"]);
    const padded = new Uint8Array(bytes.length + 16);
    padded.set(bytes, 8);
    const result = await parseDocument(padded.subarray(8, 8 + bytes.length), "view.docx");
    expect(result).toMatchObject({ ok: true, document: { text: "offset view" } });
  });

  it("reports non-zip bytes and zips without a Word document as invalid_file", async () => {
    const notZip = new TextEncoder().encode("plain text renamed to .docx");
    const otherZip = zipParts({ "hello.txt": "not a word document" });
    for (const bytes of [notZip, otherZip]) {
      const result = await parseDocument(bytes, "fake.docx");
      expect(result).toMatchObject({ ok: false, code: "invalid_file" });
    }
  });
});

describe("parseDocument: DOCX larger than mammoth can hold", () => {
  it("refuses a small file whose document XML inflates beyond the limit, naming the limit, before parsing it", async () => {
    const { MAX_DOCUMENT_XML_BYTES } = await import("../../../../src/core/ingestion/parse/docx");
    // Repetitive text compresses ~1000:1, so the file stays small while its XML does not.
    const paragraph = "word ".repeat(2000);
    const bytes = makeDocx(Array.from({ length: Math.ceil(MAX_DOCUMENT_XML_BYTES / paragraph.length) + 1 }, () => paragraph));
    expect(bytes.length).toBeLessThan(MAX_DOCUMENT_XML_BYTES / 50);
    const result = await parseDocument(bytes, "bomb.docx");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe("invalid_file");
    expect(result.message).toMatch(/DOCX documents with more than \d+ MB of uncompressed text XML cannot be processed/);
  });
});
