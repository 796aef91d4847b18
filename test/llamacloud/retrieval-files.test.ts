// find / grep / read over an index's files: names, regex matches and text windows, offsets shared with the chunks.
import { describe, expect, it } from "vitest";
import { api, KEY_B } from "../helpers";
import { addFile, directory, driveSync, llamaUpload } from "./helpers";

/** A long document: several chunks, with a known sentence in the middle. */
const LONG = Array.from({ length: 400 }, (_, i) => (i === 250 ? "The secret code is ZEBRA-42 and nothing else." : `Paragraph ${i} talks about revenue and profit in quarter ${i % 4}.`)).join("\n\n");

async function readyIndex() {
  const dir = await directory("kb");
  const docs: Array<[string, string]> = [
    ["Annual-Report.md", LONG],
    ["annual-summary.txt", "Revenue grew. Profit fell. Revenue again."],
    ["travel.md", "Travel must be booked through the travel portal."],
  ];
  const files: Record<string, string> = {};
  for (const [name, text] of docs) {
    const f = await llamaUpload(name, text);
    await addFile(dir.id, { file_id: f.id });
    files[name] = f.id;
  }
  const index = (await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id } })).body;
  await driveSync(index.id);
  return { index, files };
}

const find = (body: Record<string, unknown>, key?: string) => api("POST", "/api/v1/retrieval/files/find", { json: body, key });
const grep = (body: Record<string, unknown>, key?: string) => api("POST", "/api/v1/retrieval/files/grep", { json: body, key });
const read = (body: Record<string, unknown>, key?: string) => api("POST", "/api/v1/retrieval/files/read", { json: body, key });

describe("POST /api/v1/retrieval/files/find", () => {
  it("finds files by exact name or case-insensitive substring, paginated", async () => {
    const { index, files } = await readyIndex();
    const exact = await find({ index_id: index.id, file_name: "travel.md" });
    expect(exact.status).toBe(200);
    expect(exact.body).toEqual({ items: [{ file_id: files["travel.md"], file_name: "travel.md" }], next_page_token: null });
    expect((await find({ index_id: index.id, file_name: "TRAVEL.md" })).body.items).toEqual([]);
    const first = await find({ index_id: index.id, file_name_contains: "ANNUAL", page_size: 1 });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.next_page_token).toEqual(expect.any(String));
    const second = await find({ index_id: index.export_config_id, file_name_contains: "ANNUAL", page_size: 1, page_token: first.body.next_page_token });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.next_page_token).toBeNull();
    const names = [...first.body.items, ...second.body.items].map((i: any) => i.file_name).sort();
    expect(names).toEqual(["Annual-Report.md", "annual-summary.txt"]);
    expect((await find({ index_id: index.id })).body.items).toHaveLength(3);
  });

  it("answers 404 for another project's index and 400 for a foreign page token", async () => {
    const { index } = await readyIndex();
    expect((await find({ index_id: index.id }, KEY_B)).status).toBe(404);
    expect((await find({ index_id: "idx-nope" })).status).toBe(404);
    expect((await find({ index_id: index.id, page_token: "garbage" })).status).toBe(400);
  });
});

describe("POST /api/v1/retrieval/files/read", () => {
  it("reads windows whose offsets are the chunks' chunk_start_char / chunk_end_char", async () => {
    const { index, files } = await readyIndex();
    const id = files["Annual-Report.md"];
    const whole = await read({ index_id: index.id, file_id: id });
    expect(whole.status).toBe(200);
    expect(whole.body.content).toBe(LONG);
    const res = await api("POST", "/api/v1/retrieval/retrieve", { json: { index_id: index.id, query: "secret code ZEBRA-42", top_k: 3 } });
    const chunk = res.body.results.find((r: any) => r.content.includes("ZEBRA-42"));
    expect(chunk.static_fields.chunk_start_char).toBeGreaterThan(0);
    const { chunk_start_char: start, chunk_end_char: end } = chunk.static_fields;
    const window = await read({ index_id: index.id, file_id: id, offset: start, max_length: end - start });
    expect(window.body.content).toBe(chunk.content);
    expect((await read({ index_id: index.id, file_id: id, offset: LONG.length + 10 })).body.content).toBe("");
  });

  it("states its bounds: max_length above 100000 → 400; unknown or foreign ids → 404", async () => {
    const { index, files } = await readyIndex();
    const big = await read({ index_id: index.id, file_id: files["travel.md"], max_length: 100_001 });
    expect(big.status).toBe(400);
    expect(big.body.error.param).toBe("max_length");
    expect((await read({ index_id: index.id, file_id: "file-nope" })).status).toBe(404);
    expect((await read({ index_id: index.id, file_id: files["travel.md"] }, KEY_B)).status).toBe(404);
  });
});

describe("POST /api/v1/retrieval/files/grep", () => {
  it("answers matches with context and offsets into the text read answers, paginated", async () => {
    const { index, files } = await readyIndex();
    const id = files["Annual-Report.md"];
    const one = await grep({ index_id: index.id, file_id: id, pattern: "ZEBRA-\\d+", context_chars: 8 });
    expect(one.status).toBe(200);
    expect(one.body.next_page_token).toBeNull();
    expect(one.body.items).toHaveLength(1);
    const m = one.body.items[0];
    expect(m.start_char).toBe(LONG.indexOf("ZEBRA-42"));
    expect(m.end_char).toBe(m.start_char + "ZEBRA-42".length);
    expect(m.content).toBe(LONG.slice(m.start_char - 8, m.end_char + 8));
    expect((await read({ index_id: index.id, file_id: id, offset: m.start_char, max_length: 8 })).body.content).toBe("ZEBRA-42");

    // Every "revenue" of the file, 150 a page: no match twice, none lost, across pages and windows.
    const expected = [...LONG.matchAll(/revenue/g)].map((x) => x.index);
    const seen: number[] = [];
    let token: string | null = null;
    do {
      const page: any = await grep({ index_id: index.id, file_id: id, pattern: "revenue", page_size: 150, ...(token ? { page_token: token } : {}) });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeGreaterThan(0);
      seen.push(...page.body.items.map((i: any) => i.start_char));
      token = page.body.next_page_token;
    } while (token);
    expect(seen).toEqual(expected);
  });

  it("anchors ^ and $ at line breaks, also at a window boundary", async () => {
    const { index, files } = await readyIndex();
    const res = await grep({ index_id: index.id, file_id: files["Annual-Report.md"], pattern: "^Paragraph 39\\d\\b", page_size: 100 });
    expect(res.body.items.map((i: any) => i.content)).toEqual(Array.from({ length: 10 }, (_, i) => `Paragraph 39${i}`));
  });

  it("refuses bad and runaway patterns with 400 before reading, and answers quickly", async () => {
    const { index, files } = await readyIndex();
    const base = { index_id: index.id, file_id: files["annual-summary.txt"] };
    const bad = await grep({ ...base, pattern: "(unclosed" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_pattern");
    for (const pattern of ["(a+)+$", "(\\w|\\d)*x", "(?:a*)*b", "(.*a){2,}", "(a)\\1", "x*"]) {
      const res = await grep({ ...base, pattern });
      expect(res.status, pattern).toBe(400);
      expect(res.body.error.code, pattern).toBe("unsafe_pattern");
    }
    // Bounded alternation and repeated plain groups stay allowed.
    expect((await grep({ ...base, pattern: "(?:Revenue|Profit) (?:grew|fell)" })).body.items.map((i: any) => i.content)).toEqual(["Revenue grew", "Profit fell"]);
    expect((await grep({ ...base, pattern: "(?:ab)+|Rev(enue){1,2}" })).body.items).toHaveLength(2);
    expect((await grep({ ...base, pattern: "x".repeat(501) })).status).toBe(400);
  });

  it("answers 404 for another project's index or a file not in the index, 400 for a foreign page token", async () => {
    const { index, files } = await readyIndex();
    expect((await grep({ index_id: index.id, file_id: files["travel.md"], pattern: "x" }, KEY_B)).status).toBe(404);
    expect((await grep({ index_id: index.id, file_id: "file-nope", pattern: "x" })).status).toBe(404);
    expect((await grep({ index_id: index.id, file_id: files["travel.md"], pattern: "x", page_token: "garbage" })).status).toBe(400);
  });
});
