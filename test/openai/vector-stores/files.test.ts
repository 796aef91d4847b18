import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, KEY_B, uploadFile } from "../../helpers";
import { deliver, generationOf, ingestMessage, processFile } from "../../ingest-helpers";
import { retryDelaySeconds } from "../../../src/platform/queues/consumer";

async function store(body: unknown = {}) {
  return (await api("POST", "/v1/vector_stores", { json: body })).body;
}

async function attach(storeId: string, body: unknown) {
  return api("POST", `/v1/vector_stores/${storeId}/files`, { json: body });
}

const paragraph = (i: number) => `Paragraph ${i} talks about topic number ${i}. It has a second sentence about item ${i * 7}.\n\n`;

describe("attach and process", () => {
  it("attaches in_progress with openai-poll-after-ms, then completes with usage and searchable chunks", async () => {
    const vs = await store();
    const f = await uploadFile("guide.md", "# Guide\n\nThe secret code is INV-7731-QX.\n\nAnother paragraph.");
    const res = await attach(vs.id, { file_id: f.id, attributes: { team: "ops", year: 2024, draft: false } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: f.id,
      object: "vector_store.file",
      status: "in_progress",
      vector_store_id: vs.id,
      last_error: null,
      usage_bytes: 0,
      attributes: { team: "ops", year: 2024, draft: false },
      chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 800, chunk_overlap_tokens: 400 } },
    });
    expect(Number(res.headers.get("openai-poll-after-ms"))).toBeGreaterThanOrEqual(0);
    const during = await api("GET", `/v1/vector_stores/${vs.id}`);
    expect(during.body).toMatchObject({ status: "in_progress", file_counts: { in_progress: 1, total: 1 } });
    expect(during.headers.get("openai-poll-after-ms")).not.toBeNull();

    await processFile(vs.id, f.id);
    const done = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}`);
    expect(done.body.status).toBe("completed");
    expect(done.body.usage_bytes).toBeGreaterThan(0);
    expect(done.headers.get("openai-poll-after-ms")).toBeNull();
    const after = await api("GET", `/v1/vector_stores/${vs.id}`);
    expect(after.body).toMatchObject({ status: "completed", usage_bytes: done.body.usage_bytes, file_counts: { completed: 1, total: 1 } });
    const content = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}/content`);
    expect(content.body.object).toBe("vector_store.file_content.page");
    expect(content.body.data[0].text).toContain("INV-7731-QX");
  });

  it("refuses an unsupported extension with 400 unsupported_file, and another project's file with 404", async () => {
    const vs = await store();
    const png = await uploadFile("pic.png", "not really");
    const res = await attach(vs.id, { file_id: png.id });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "unsupported_file", param: "file_id" });
    expect(res.body.error.message).toContain("[.png]");
    const theirs = await uploadFile("t.txt", "t", "assistants", KEY_B);
    expect((await attach(vs.id, { file_id: theirs.id })).status).toBe(404);
    const prefix = await attach(vs.id, { file_id: "vs_123" });
    expect(prefix.body.error).toMatchObject({ param: "file_id", message: "Invalid 'file_id': 'vs_123'. Expected an ID that begins with 'file-'." });
  });

  it("validates attributes and chunking bounds", async () => {
    const vs = await store();
    const f = await uploadFile("a.txt", "abc");
    const bad: Array<[unknown, string]> = [
      [{ file_id: f.id, attributes: { k: { nested: 1 } } }, "attributes.k"],
      [{ file_id: f.id, attributes: Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, i])) }, "attributes"],
      [{ file_id: f.id, attributes: { k: "x".repeat(513) } }, "attributes.k"],
      [{ file_id: f.id, chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 5000, chunk_overlap_tokens: 0 } } }, "chunking_strategy.static.max_chunk_size_tokens"],
      [{ file_id: f.id, chunking_strategy: { type: "auto", extra: 1 } }, "chunking_strategy.extra"],
    ];
    for (const [body, param] of bad) {
      const res = await attach(vs.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.param).toBe(param);
    }
  });

  it("re-attaching an attached file is idempotent", async () => {
    const vs = await store();
    const f = await uploadFile("a.txt", "hello world");
    await attach(vs.id, { file_id: f.id });
    await processFile(vs.id, f.id);
    const again = await attach(vs.id, { file_id: f.id });
    expect(again.body.status).toBe("completed");
    expect((await api("GET", `/v1/vector_stores/${vs.id}`)).body.file_counts.total).toBe(1);
  });

  it("lists with a status filter and pages by file id", async () => {
    const vs = await store();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const f = await uploadFile(`f${i}.txt`, `file ${i}`);
      await attach(vs.id, { file_id: f.id });
      ids.push(f.id);
    }
    await processFile(vs.id, ids[0]!);
    const completed = await api("GET", `/v1/vector_stores/${vs.id}/files?filter=completed`);
    expect(completed.body.data.map((f: any) => f.id)).toEqual([ids[0]]);
    const page = await api("GET", `/v1/vector_stores/${vs.id}/files?limit=2&order=asc`);
    expect(page.body.data.map((f: any) => f.id)).toEqual(ids.slice(0, 2));
    expect(page.body.has_more).toBe(true);
    const next = await api("GET", `/v1/vector_stores/${vs.id}/files?limit=2&order=asc&after=${ids[1]}`);
    expect(next.body.data.map((f: any) => f.id)).toEqual([ids[2]]);
    expect((await api("GET", `/v1/vector_stores/${vs.id}/files?filter=done`)).status).toBe(400);
  });

  it("updates attributes by replacing the whole map", async () => {
    const vs = await store();
    const f = await uploadFile("a.txt", "x");
    await attach(vs.id, { file_id: f.id, attributes: { a: 1, b: "two" } });
    const res = await api("POST", `/v1/vector_stores/${vs.id}/files/${f.id}`, { json: { attributes: { c: true } } });
    expect(res.body.attributes).toEqual({ c: true });
    const cleared = await api("POST", `/v1/vector_stores/${vs.id}/files/${f.id}`, { json: { attributes: null } });
    expect(cleared.body.attributes).toBeNull();
    expect((await api("POST", `/v1/vector_stores/${vs.id}/files/${f.id}`, { json: {} })).status).toBe(400);
  });
});

describe("the queue consumer", () => {
  it("ignores a redelivered message: chunks are written once", async () => {
    const vs = await store();
    const f = await uploadFile("r.txt", "redelivery test text");
    await attach(vs.id, { file_id: f.id });
    const gen = await generationOf(vs.id, f.id);
    await deliver([ingestMessage(vs.id, f.id, gen)]);
    const count = () => runInDurableObject(env.STORE.getByName(vs.id), (_o, s) => s.storage.sql.exec(`SELECT COUNT(*) AS n FROM chunks`).one().n);
    const before = await count();
    const result = await deliver([ingestMessage(vs.id, f.id, gen)]);
    expect(result.explicitAcks.length).toBe(1);
    expect(await count()).toBe(before);
  });

  it("drops a stale message from an earlier generation or a detached file", async () => {
    const vs = await store();
    const f = await uploadFile("s.txt", "stale test");
    await attach(vs.id, { file_id: f.id });
    const gen = await generationOf(vs.id, f.id);
    const chunkCount = () => runInDurableObject(env.STORE.getByName(vs.id), (_o, s) => s.storage.sql.exec(`SELECT COUNT(*) AS n FROM chunks WHERE generation = ?`, gen - 1).one().n);
    const stale = await deliver([ingestMessage(vs.id, f.id, gen - 1)]);
    expect(stale.explicitAcks.length).toBe(1);
    expect(await chunkCount()).toBe(0);
    expect(await generationOf(vs.id, f.id)).toBe(gen);
    await api("DELETE", `/v1/vector_stores/${vs.id}/files/${f.id}`);
    const result = await deliver([ingestMessage(vs.id, f.id, gen)]);
    expect(result.explicitAcks.length).toBe(1);
    expect((await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}`)).status).toBe(404);
  });

  it("gives a re-attach after a detach a new generation, so the old attach's message changes nothing", async () => {
    const vs = await store();
    const f = await uploadFile("again.txt", "attached twice");
    await attach(vs.id, { file_id: f.id });
    const first = await generationOf(vs.id, f.id);
    await api("DELETE", `/v1/vector_stores/${vs.id}/files/${f.id}`);
    await attach(vs.id, { file_id: f.id, chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 0 } } });
    const second = await generationOf(vs.id, f.id);
    expect(second).toBeGreaterThan(first);
    const old = await deliver([ingestMessage(vs.id, f.id, first)]);
    expect(old.explicitAcks.length).toBe(1);
    const chunks = await runInDurableObject(env.STORE.getByName(vs.id), (_o, s) => s.storage.sql.exec(`SELECT COUNT(*) AS n FROM chunks WHERE generation = ?`, first).one().n);
    expect(chunks).toBe(0);
  });

  it("processes a large file in checkpointed slices and resumes after a crash", async () => {
    const vs = await store();
    const text = Array.from({ length: 900 }, (_, i) => paragraph(i)).join("");
    const f = await uploadFile("big.txt", text);
    await attach(vs.id, { file_id: f.id, chunking_strategy: { type: "static", static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } } });
    const gen = await generationOf(vs.id, f.id);
    // First slice only: the consumer writes it, moves the checkpoint, and enqueues the rest.
    await deliver([ingestMessage(vs.id, f.id, gen)]);
    const mid = await env.STORE.getByName(vs.id).getFile(f.id);
    expect(mid!.status).toBe("in_progress");
    expect(JSON.parse(mid!.checkpoint!).firstIndex).toBeGreaterThan(0);
    // "Crash": the follow-up message is lost; redelivery of the original resumes from the checkpoint.
    await processFile(vs.id, f.id);
    const chunks = await runInDurableObject(env.STORE.getByName(vs.id), (_o, s) =>
      s.storage.sql.exec(`SELECT chunk_index, start_char, end_char FROM chunks WHERE file_id = ? ORDER BY chunk_index`, f.id).toArray(),
    );
    expect(chunks.map((c) => c.chunk_index)).toEqual(chunks.map((_c, i) => i));
    expect((await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}`)).body.status).toBe("completed");
  });

  it("marks a corrupt PDF failed with invalid_file", async () => {
    const vs = await store();
    const f = await uploadFile("broken.pdf", "%PDF-1.7\nthis is not a pdf at all");
    await attach(vs.id, { file_id: f.id });
    await processFile(vs.id, f.id);
    const row = await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}`);
    expect(row.body).toMatchObject({ status: "failed", usage_bytes: 0, last_error: { code: "invalid_file" } });
    expect((await api("GET", `/v1/vector_stores/${vs.id}`)).body.file_counts).toMatchObject({ failed: 1, total: 1 });
  });

  it("marks the file failed with server_error from the dead-letter queue", async () => {
    const vs = await store();
    const f = await uploadFile("d.txt", "dead letter");
    await attach(vs.id, { file_id: f.id });
    const gen = await generationOf(vs.id, f.id);
    await deliver([ingestMessage(vs.id, f.id, gen)], "shelf-ingest-dlq", 6);
    expect((await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}`)).body).toMatchObject({ status: "failed", last_error: { code: "server_error" } });
  });

  it("retries a message that throws with backoff, and acks an unreadable one", async () => {
    const vs = await store();
    const f = await uploadFile("x.txt", "x");
    await attach(vs.id, { file_id: f.id });
    // An embeddings endpoint that refuses connections makes the handler throw.
    const broken = await deliver([ingestMessage(vs.id, f.id, await generationOf(vs.id, f.id))], "shelf-ingest", 2, {
      EMBEDDER: "openai" as never,
      OPENAI_EMBEDDINGS_BASE_URL: "http://127.0.0.1:9/v1",
      EMBEDDING_DIMENSIONS: "256",
    });
    expect(broken.retryMessages.length).toBe(1);
    // The test pool records retries but not their options; the backoff itself is checked below.
    expect([1, 2, 3, 10].map(retryDelaySeconds)).toEqual([2, 4, 8, 300]);
    expect(broken.explicitAcks).toEqual([]);
    const unreadable = await deliver([{ v: 99, nonsense: true }]);
    expect(unreadable.explicitAcks.length).toBe(1);
  });
});

describe("detach and delete cascades", () => {
  it("detaching removes chunks, FTS rows and vectors but keeps the file", async () => {
    const vs = await store();
    const f = await uploadFile("k.txt", "keep me around");
    await attach(vs.id, { file_id: f.id });
    await processFile(vs.id, f.id);
    expect((await api("DELETE", `/v1/vector_stores/${vs.id}/files/${f.id}`)).body).toEqual({ id: f.id, object: "vector_store.file.deleted", deleted: true });
    const left = await runInDurableObject(env.STORE.getByName(vs.id), (_o, s) => ({
      chunks: s.storage.sql.exec(`SELECT COUNT(*) AS n FROM chunks`).one().n,
      fts: s.storage.sql.exec(`SELECT COUNT(*) AS n FROM chunks_terms WHERE chunks_terms MATCH 'keep'`).one().n,
      vectors: s.storage.sql.exec(`SELECT COUNT(*) AS n FROM vectors`).one().n,
    }));
    expect(left).toEqual({ chunks: 0, fts: 0, vectors: 0 });
    expect((await api("GET", `/v1/files/${f.id}`)).status).toBe(200);
    expect((await api("GET", `/v1/vector_stores/${vs.id}`)).body.file_counts.total).toBe(0);
  });

  it("deleting a file removes it from every store it was in", async () => {
    const a = await store();
    const b = await store();
    const f = await uploadFile("shared.txt", "shared content");
    await attach(a.id, { file_id: f.id });
    await attach(b.id, { file_id: f.id });
    await processFile(a.id, f.id);
    await api("DELETE", `/v1/files/${f.id}`);
    for (const vs of [a, b]) {
      expect((await api("GET", `/v1/vector_stores/${vs.id}/files/${f.id}`)).status).toBe(404);
      expect((await api("GET", `/v1/vector_stores/${vs.id}`)).body).toMatchObject({ usage_bytes: 0, file_counts: { total: 0 } });
    }
  });
});
