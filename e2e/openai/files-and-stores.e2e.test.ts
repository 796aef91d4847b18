// The official openai SDK against a locally started worker: Files and vector store CRUD, every response checked against the spec.
import OpenAI, { AuthenticationError, BadRequestError, NotFoundError, toFile } from "openai";
import { beforeAll, describe, expect, it } from "vitest";
import { specCheckingFetch } from "../spec";
import { openaiSuite } from "./suite";

const suite = openaiSuite();


describe("files through the SDK", () => {
  it("round-trips a 300 KB binary file byte for byte", async () => {
    const bytes = Buffer.alloc(300 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const file = await suite.client.files.create({ file: await toFile(bytes, "blob.bin"), purpose: "assistants" });
    expect(file).toMatchObject({ object: "file", bytes: bytes.length, filename: "blob.bin", status: "processed" });
    const back = Buffer.from(await (await suite.client.files.content(file.id)).arrayBuffer());
    expect(back.equals(bytes)).toBe(true);
    expect((await suite.client.files.waitForProcessing(file.id)).status).toBe("processed");
  });

  it("keeps a quoted unicode filename exactly", async () => {
    const name = 'report "final" — ünïcode.md';
    const file = await suite.client.files.create({ file: await toFile(Buffer.from("# r"), name), purpose: "user_data" });
    expect(file.filename).toBe(name);
    expect((await suite.client.files.retrieve(file.id)).filename).toBe(name);
  });

  it("auto-paginates the list with for await", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await suite.client.files.create({ file: await toFile(Buffer.from(`n${i}`), `page-${i}.txt`), purpose: "vision" })).id);
    const seen: string[] = [];
    for await (const f of suite.client.files.list({ purpose: "vision", limit: 2 })) seen.push(f.id);
    expect(seen).toEqual([...created].reverse());
  });

  it("deletes a file and then answers NotFoundError", async () => {
    const file = await suite.client.files.create({ file: await toFile(Buffer.from("bye"), "bye.txt"), purpose: "assistants" });
    expect(await suite.client.files.delete(file.id)).toEqual({ id: file.id, object: "file", deleted: true });
    await expect(suite.client.files.retrieve(file.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("raises BadRequestError for a bad purpose and AuthenticationError for a bad key", async () => {
    await expect(suite.client.files.create({ file: await toFile(Buffer.from("x"), "x.txt"), purpose: "nope" as "assistants" })).rejects.toBeInstanceOf(BadRequestError);
    const stranger = new OpenAI({ apiKey: "sk-wrong", baseURL: `${suite.worker.url}/v1`, fetch: specCheckingFetch(), maxRetries: 0 });
    await expect(stranger.files.list()).rejects.toBeInstanceOf(AuthenticationError);
  });
});

describe("vector stores through the SDK", () => {
  it("creates, retrieves, updates, lists and deletes", async () => {
    const vs = await suite.client.vectorStores.create({ name: "kb", metadata: { env: "test" }, expires_after: { anchor: "last_active_at", days: 3 } });
    expect(vs).toMatchObject({ object: "vector_store", name: "kb", status: "completed", file_counts: { total: 0 } });
    expect(vs.expires_at).toBe((vs.last_active_at ?? 0) + 3 * 86400);
    const updated = await suite.client.vectorStores.update(vs.id, { name: "kb2", expires_after: null });
    expect(updated).toMatchObject({ name: "kb2", expires_at: null });
    const ids: string[] = [];
    for await (const s of suite.client.vectorStores.list({ limit: 1 })) ids.push(s.id);
    expect(ids).toContain(vs.id);
    expect((await suite.client.vectorStores.retrieve(vs.id)).name).toBe("kb2");
    expect(await suite.client.vectorStores.delete(vs.id)).toMatchObject({ id: vs.id, deleted: true, object: "vector_store.deleted" });
    await expect(suite.client.vectorStores.retrieve(vs.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("raises BadRequestError with param and code for invalid input", async () => {
    const err = await suite.client.vectorStores.create({ metadata: { k: "x".repeat(513) } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadRequestError);
    expect((err as BadRequestError).param).toBe("metadata.k");
    expect((err as BadRequestError).code).toBe("string_above_max_length");
  });

  it("hides one project's store from another project", async () => {
    const vs = await suite.client.vectorStores.create({ name: "private" });
    await expect(suite.other.vectorStores.retrieve(vs.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
