// find / grep / read and files.query through the official @llamaindex/llama-cloud SDK against a local worker.
import LlamaCloud, { toFile } from "@llamaindex/llama-cloud";
import { beforeAll, describe, expect, it } from "vitest";
import { llamaCloudSuite } from "./suite";

const suite = llamaCloudSuite({ maxRetries: 0 });
let client: LlamaCloud;
let other: LlamaCloud;
beforeAll(() => void ({ client, other } = suite));

const waitForSync = (indexId: string) => suite.waitForSync(indexId);

const REPORT = Array.from({ length: 300 }, (_, i) => (i === 200 ? "Net revenue was 12.5 million EUR." : `Section ${i}: revenue and profit notes for quarter ${i % 4}.`)).join("\n\n");

describe("an agent reading an index's documents", () => {
  it("finds files by name, greps with context, reads windows at the same offsets, and queries files", async () => {
    const report = await client.files.create({ file: await toFile(Buffer.from(REPORT), "Q3-Report.md"), purpose: "user_data" });
    const memo = await client.files.create({ file: await toFile(Buffer.from("Memo: the q3 report is final."), "q3-memo.txt"), purpose: "user_data" });
    const directory = await client.beta.directories.create({ name: "finance" });
    await client.beta.directories.files.add(directory.id, { file_id: report.id });
    await client.beta.directories.files.add(directory.id, { file_id: memo.id });
    const index = await client.beta.indexes.create({ source_directory_id: directory.id });
    expect((await waitForSync(index.id)).metadata?.["status"]).toBe("ready");

    // find: exact and case-insensitive substring, paginated one a page by the SDK's iterator.
    const exact = await client.beta.retrieval.find({ index_id: index.id, file_name: "q3-memo.txt" });
    expect(exact.items).toEqual([{ file_id: memo.id, file_name: "q3-memo.txt" }]);
    const found: string[] = [];
    for await (const f of client.beta.retrieval.find({ index_id: index.id, file_name_contains: "Q3", page_size: 1 })) found.push(f.file_name);
    expect(found.sort()).toEqual(["Q3-Report.md", "q3-memo.txt"]);

    // grep: the match, its context and its offsets; read gives back the same characters there.
    const hit = await client.beta.retrieval.grep({ index_id: index.id, file_id: report.id, pattern: "Net revenue was [\\d.]+ million", context_chars: 5 });
    expect(hit.items).toHaveLength(1);
    const m = hit.items[0]!;
    expect(m.start_char).toBe(REPORT.indexOf("Net revenue"));
    const window = await client.beta.retrieval.read({ index_id: index.id, file_id: report.id, offset: m.start_char, max_length: m.end_char - m.start_char });
    expect(window.content).toBe("Net revenue was 12.5 million");
    expect(m.content).toBe(REPORT.slice(m.start_char - 5, m.end_char + 5));

    // grep paginates through the SDK's iterator: every match once.
    const starts: number[] = [];
    for await (const g of client.beta.retrieval.grep({ index_id: index.id, file_id: report.id, pattern: "profit", page_size: 100 })) starts.push(g.start_char);
    expect(starts).toEqual([...REPORT.matchAll(/profit/g)].map((x) => x.index));

    // read: the whole text, and a chunk's window read by its static fields.
    expect((await client.beta.retrieval.read({ index_id: index.id, file_id: report.id })).content).toBe(REPORT);
    const chunk = (await client.beta.retrieval.retrieve({ index_id: index.id, query: "net revenue million EUR", top_k: 1 })).results[0]!;
    const sf = chunk.static_fields!;
    const byChunk = await client.beta.retrieval.read({ index_id: index.id, file_id: report.id, offset: sf.chunk_start_char!, max_length: sf.chunk_end_char! - sf.chunk_start_char! });
    expect(byChunk.content).toBe(chunk.content);

    // files.query: the filter body, paginated.
    const q1 = await client.files.query({ filter: { file_ids: [report.id, memo.id] }, page_size: 1, order_by: "name" });
    expect(q1.items.map((f) => f.id)).toEqual([report.id]);
    const q2 = await client.files.query({ filter: { file_ids: [report.id, memo.id] }, page_size: 1, order_by: "name", page_token: q1.next_page_token });
    expect(q2.items.map((f) => f.id)).toEqual([memo.id]);
    expect(q2.next_page_token).toBeFalsy();

    // Another project sees none of it.
    await expect(other.beta.retrieval.read({ index_id: index.id, file_id: report.id })).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(other.beta.retrieval.find({ index_id: index.id })).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(other.beta.retrieval.grep({ index_id: index.id, file_id: report.id, pattern: "x" })).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    expect((await other.files.query({ filter: { file_ids: [report.id] } })).items).toEqual([]);

    // Bad and runaway patterns: 400 at once.
    await expect(client.beta.retrieval.grep({ index_id: index.id, file_id: report.id, pattern: "([a-z" })).rejects.toBeInstanceOf(LlamaCloud.BadRequestError);
    const t0 = Date.now();
    await expect(client.beta.retrieval.grep({ index_id: index.id, file_id: report.id, pattern: "(\\w+\\s?)+$" })).rejects.toBeInstanceOf(LlamaCloud.BadRequestError);
    expect(Date.now() - t0).toBeLessThan(5000);
    await expect(client.beta.retrieval.read({ index_id: index.id, file_id: report.id, max_length: 1_000_000 })).rejects.toBeInstanceOf(LlamaCloud.BadRequestError);
  });
});
