// The official openai SDK driving ingestion end to end: uploads, polling helpers, batches, formats, search.
import OpenAI, { toFile } from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { makeDocx } from "../../test/fixtures/make-docx";
import { makePdf } from "../../test/fixtures/make-pdf";
import { makePptx } from "../../test/fixtures/make-pptx";
import { openaiSuite } from "./suite";

const suite = openaiSuite();


const poll = { pollIntervalMs: 100 };

describe("ingestion through the SDK", () => {
  it("uploadAndPoll completes a markdown file that search then finds", async () => {
    const vs = await suite.client.vectorStores.create({ name: "md" });
    const file = await suite.client.vectorStores.files.uploadAndPoll(vs.id, await toFile(Buffer.from("# Runbook\n\nRestart the ingest worker with `shelfctl restart` when INV-7731-QX appears."), "runbook.md"), poll);
    expect(file.status).toBe("completed");
    expect(file.usage_bytes).toBeGreaterThan(0);
    const store = await suite.client.vectorStores.retrieve(vs.id);
    expect(store).toMatchObject({ status: "completed", file_counts: { completed: 1, total: 1 }, usage_bytes: file.usage_bytes });
    const results = await suite.client.vectorStores.search(vs.id, { query: "INV-7731-QX" });
    expect(results.data[0]).toMatchObject({ file_id: file.id, filename: "runbook.md" });
    expect(results.data[0]!.content[0]!.text).toContain("INV-7731-QX");
    const content = [];
    for await (const part of suite.client.vectorStores.files.content(file.id, { vector_store_id: vs.id })) content.push(part);
    expect(content[0]!.text).toContain("shelfctl restart");
  });

  it("createAndPoll with attributes, then update, list filter, detach and file delete cascade", async () => {
    const vs = await suite.client.vectorStores.create({ name: "attrs" });
    const uploaded = await suite.client.files.create({ file: await toFile(Buffer.from("Quarterly revenue grew 12 percent."), "q3.txt"), purpose: "assistants" });
    const vsf = await suite.client.vectorStores.files.createAndPoll(vs.id, { file_id: uploaded.id, attributes: { quarter: 3, region: "emea" } }, poll);
    expect(vsf).toMatchObject({ status: "completed", attributes: { quarter: 3, region: "emea" } });
    const updated = await suite.client.vectorStores.files.update(uploaded.id, { vector_store_id: vs.id, attributes: { quarter: 4 } });
    expect(updated.attributes).toEqual({ quarter: 4 });
    const completed = [];
    for await (const f of suite.client.vectorStores.files.list(vs.id, { filter: "completed" })) completed.push(f.id);
    expect(completed).toEqual([uploaded.id]);
    expect(await suite.client.vectorStores.files.delete(uploaded.id, { vector_store_id: vs.id })).toMatchObject({ deleted: true, object: "vector_store.file.deleted" });
    expect((await suite.client.vectorStores.retrieve(vs.id)).file_counts.total).toBe(0);
    expect((await suite.client.files.retrieve(uploaded.id)).id).toBe(uploaded.id);

    await suite.client.vectorStores.files.createAndPoll(vs.id, { file_id: uploaded.id }, poll);
    await suite.client.files.delete(uploaded.id);
    expect((await suite.client.vectorStores.retrieve(vs.id)).file_counts.total).toBe(0);
    expect((await suite.client.vectorStores.search(vs.id, { query: "quarterly revenue" })).data).toEqual([]);
  });

  it("fileBatches.uploadAndPoll processes PDF, DOCX, PPTX and HTML, and fails a corrupt PDF with invalid_file", async () => {
    const vs = await suite.client.vectorStores.create({ name: "formats" });
    const files = [
      await toFile(await makePdf([["Page one mentions aurora borealis."], ["Page two mentions solar wind."]]), "lights.pdf"),
      await toFile(makeDocx(["The glacier retreated two kilometres."]), "glacier.docx"),
      await toFile(makePptx([["Slide about volcanic basalt."]]), "rocks.pptx"),
      await toFile(Buffer.from("<html><body><h1>Tides</h1><p>The moon drives ocean tides.</p><script>var hidden = 'nope';</script></body></html>"), "tides.html"),
      await toFile(Buffer.from("%PDF-1.7 garbage"), "broken.pdf"),
    ];
    const batch = await suite.client.vectorStores.fileBatches.uploadAndPoll(vs.id, { files }, poll);
    expect(batch).toMatchObject({ object: "vector_store.files_batch", status: "completed", file_counts: { completed: 4, failed: 1, total: 5 } });
    const failed = [];
    for await (const f of suite.client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: vs.id, filter: "failed" })) failed.push(f);
    expect(failed[0]!.last_error?.code).toBe("invalid_file");
    const expectations: Array<[string, string]> = [["aurora borealis", "lights.pdf"], ["glacier retreated", "glacier.docx"], ["volcanic basalt", "rocks.pptx"], ["moon ocean tides", "tides.html"]];
    for (const [query, filename] of expectations) {
      const res = await suite.client.vectorStores.search(vs.id, { query, max_num_results: 1 });
      expect(res.data[0]?.filename, query).toBe(filename);
    }
    // Script content is not document text: the parsed content has the paragraph, not the script.
    const tides = (await suite.client.vectorStores.search(vs.id, { query: "moon ocean tides", max_num_results: 1 })).data[0]!;
    const parsed = [];
    for await (const part of suite.client.vectorStores.files.content(tides.file_id, { vector_store_id: vs.id })) parsed.push(part.text);
    expect(parsed.join("")).toContain("The moon drives ocean tides.");
    expect(parsed.join("")).not.toContain("hidden");
  });

  it("cancels a batch: unprocessed files become cancelled and the batch says cancelled", async () => {
    const vs = await suite.client.vectorStores.create({ name: "cancel" });
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push((await suite.client.files.create({ file: await toFile(Buffer.from(`document ${i} `.repeat(200)), `c${i}.txt`), purpose: "assistants" })).id);
    const batch = await suite.client.vectorStores.fileBatches.create(vs.id, { file_ids: ids });
    const cancelled = await suite.client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: vs.id });
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.file_counts.in_progress).toBe(0);
    expect(cancelled.file_counts.cancelled + cancelled.file_counts.completed).toBe(30);
    const polled = await suite.client.vectorStores.fileBatches.poll(vs.id, batch.id, poll);
    expect(polled.status).toBe("cancelled");
  });
});
