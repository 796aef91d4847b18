// GET …/files/{file_id}/content?view=chunks (Shelf extension): a file's chunks in order with offsets, tokens and pages.
import { describe, expect, it } from "vitest";
import { api, KEY_B, uploadFile } from "../../helpers";
import { processFile } from "../../ingest-helpers";
import { makePdf } from "../../fixtures/make-pdf";

interface ChunkItem {
  type: string;
  text: string;
  chunk_index: number;
  chunk_start_char: number;
  chunk_end_char: number;
  chunk_token_count: number;
  page_range_start: number | null;
  page_range_end: number | null;
}

async function storeWith(name: string, content: string | Uint8Array, maxTokens = 100) {
  const vs = (await api("POST", "/v1/vector_stores", { json: {} })).body;
  const f = await uploadFile(name, content);
  const attached = await api("POST", `/v1/vector_stores/${vs.id}/files`, {
    json: { file_id: f.id, chunking_strategy: { type: "static", static: { max_chunk_size_tokens: maxTokens, chunk_overlap_tokens: 0 } } },
  });
  expect(attached.status).toBe(200);
  return { vs, f };
}

const essay = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} explains topic ${i} in a few plain words, then adds a second sentence about item ${i * 3}.`).join("\n\n");

describe("vector store file content as chunks", () => {
  it("pages through the chunks in order, each with offsets into the parsed text and its token count", async () => {
    const { vs, f } = await storeWith("essay.md", essay);
    await processFile(vs.id, f.id);
    const whole = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content`);
    const parsed: string = whole.body.data[0].text;

    const chunks: ChunkItem[] = [];
    let page: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { object: string; data: ChunkItem[]; has_more: boolean; next_page: string | null } } = await api(
        "GET",
        `/v1/vector_stores/${vs.id}/files/${f.id}/content?view=chunks&limit=2${page ? `&page=${page}` : ""}`,
      );
      expect(res.status).toBe(200);
      expect(res.body.object).toBe("vector_store.file_content.page");
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      expect(res.body.has_more).toBe(res.body.next_page !== null);
      chunks.push(...res.body.data);
      page = res.body.next_page;
      pages++;
    } while (page !== null);

    expect(chunks.length).toBeGreaterThan(3);
    expect(pages).toBe(Math.ceil(chunks.length / 2));
    expect(chunks.map((c) => c.chunk_index)).toEqual(chunks.map((_, i) => i));
    for (const c of chunks) {
      expect(c.type).toBe("chunk");
      expect(parsed.slice(c.chunk_start_char, c.chunk_end_char)).toBe(c.text);
      expect(c.chunk_token_count).toBeGreaterThan(0);
      expect(c.chunk_token_count).toBeLessThanOrEqual(100);
      expect(c.page_range_start).toBeNull();
      expect(c.page_range_end).toBeNull();
    }
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.chunk_start_char).toBeGreaterThanOrEqual(chunks[i - 1]!.chunk_start_char);
    expect(chunks[chunks.length - 1]!.text).toContain("Paragraph 29");
  });

  it("gives each chunk of a PDF its page range", async () => {
    const pdf = await makePdf([["First page talks about apples and orchards."], ["Second page talks about bridges and rivers."]]);
    const { vs, f } = await storeWith("two-pages.pdf", pdf);
    await processFile(vs.id, f.id);
    const res = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content?view=chunks&limit=100`);
    const data = res.body.data as ChunkItem[];
    expect(data.length).toBeGreaterThan(0);
    expect(data[0]!.page_range_start).toBe(1);
    expect(data[data.length - 1]!.page_range_end).toBe(2);
    for (const c of data) expect(c.page_range_end!).toBeGreaterThanOrEqual(c.page_range_start!);
  });

  it("leaves the default answer (the whole parsed text as one item) unchanged", async () => {
    const { vs, f } = await storeWith("essay.md", essay);
    await processFile(vs.id, f.id);
    const res = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content`);
    expect(res.body).toEqual({ object: "vector_store.file_content.page", data: [{ type: "text", text: expect.stringContaining("Paragraph 29") }], has_more: false, next_page: null });
    const textView = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content?view=text`);
    expect(textView.body).toEqual(res.body);
  });

  it("answers no chunks while the file is processing, 404 for a file not in the store, 400 for a bad page or limit", async () => {
    const { vs, f } = await storeWith("essay.md", essay);
    const during = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content?view=chunks`);
    expect(during.body).toEqual({ object: "vector_store.file_content.page", data: [], has_more: false, next_page: null });

    const other = await uploadFile("other.txt", "other");
    expect((await api("GET", `/v1/vector_stores/${vs.id}/files/${other.id}/content?view=chunks`)).status).toBe(404);
    expect((await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content?view=chunks`, { key: KEY_B })).status).toBe(404);

    const badPage = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content?view=chunks&page=abc`);
    expect(badPage.status).toBe(400);
    expect(badPage.body.error.param).toBe("page");
    const badLimit = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content?view=chunks&limit=101`);
    expect(badLimit.status).toBe(400);
    const badView = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content?view=pages`);
    expect(badView.status).toBe(400);
  });
});
