import { describe, expect, it } from "vitest";
import { parseDocument } from "../../../../src/core/ingestion/parse";

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  const view = new DataView(out.buffer);
  if (bom) view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < s.length; i++) view.setUint16((bom ? 2 : 0) + 2 * i, s.charCodeAt(i), littleEndian);
  return out;
}

async function textOf(bytes: Uint8Array, name = "a.txt"): Promise<string> {
  const result = await parseDocument(bytes, name);
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  expect(result.document.pageStarts).toBeNull();
  return result.document.text;
}

describe("parseDocument: text formats", () => {
  it("reads UTF-8, with or without a BOM, and normalizes CRLF and CR to LF", async () => {
    expect(await textOf(utf8("naïve café ☕\r\nline 2\rline 3"))).toBe("naïve café ☕\nline 2\nline 3");
    expect(await textOf(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("bom")]))).toBe("bom");
  });

  it("reads UTF-16 in both byte orders, with a BOM or sniffed without one", async () => {
    const s = "Hello, wörld — ✓";
    expect(await textOf(utf16(s, true, true))).toBe(s);
    expect(await textOf(utf16(s, false, true))).toBe(s);
    expect(await textOf(utf16("plain ascii text in utf-16", true, false))).toBe("plain ascii text in utf-16");
  });

  it("reads legacy single-byte text as Windows-1252 instead of failing", async () => {
    expect(await textOf(new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94]))).toBe("café “q”");
  });

  it("keeps Markdown, code and JSON verbatim", async () => {
    const md = "# Title\n\n- item *one*\n\n```js\nconst x = 1;\n```";
    expect(await textOf(utf8(md), "README.md")).toBe(md);
    expect(await textOf(utf8('{"a": [1, 2]}'), "data.json")).toBe('{"a": [1, 2]}');
    expect(await textOf(utf8("def f():\n\treturn 1\n"), "f.py")).toBe("def f():\n\treturn 1\n");
  });

  it("refuses binary content as invalid_file", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 1, 2, 3]);
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    for (const bytes of [png, random]) {
      const result = await parseDocument(bytes, "notes.txt");
      expect(result).toMatchObject({ ok: false, code: "invalid_file" });
      if (!result.ok) expect(result.message).toMatch(/^The file could not be parsed/);
    }
  });

  it("parses an empty file as an empty document", async () => {
    expect(await textOf(new Uint8Array(0))).toBe("");
  });

  it("refuses legacy .doc and unknown extensions as unsupported_file", async () => {
    expect(await parseDocument(utf8("text"), "old.doc")).toMatchObject({ ok: false, code: "unsupported_file" });
    expect(await parseDocument(utf8("text"), "image.png")).toMatchObject({
      ok: false,
      code: "unsupported_file",
      message: "The file type is not supported.",
    });
  });
});
