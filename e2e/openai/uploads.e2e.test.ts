// The Uploads API through the official openai SDK: parts in parallel and out of order, complete, attach, search, download; cancel; every error.
import { createHash } from "node:crypto";
import { BadRequestError, NotFoundError, toFile } from "openai";
import type OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { openaiSuite } from "./suite";

const suite = openaiSuite();
const MiB = 1024 * 1024;

function bytesOf(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}

async function part(client: OpenAI, uploadId: string, data: Buffer): Promise<string> {
  return (await client.uploads.parts.create(uploadId, { data: await toFile(data, "part") })).id;
}

/**
 * Python's `client.uploads.upload_file_chunked(file, mime_type, purpose, part_size, md5)` — the JS SDK has no
 * helper — call for call: create with the size, one part per `partSize` slice sent one after the other, then
 * complete with the part ids in order (and the md5 when given).
 */
async function uploadFileChunked(client: OpenAI, file: Buffer, filename: string, mimeType: string, partSize: number, md5?: string) {
  const upload = await client.uploads.create({ bytes: file.length, filename, mime_type: mimeType, purpose: "assistants" });
  const partIds: string[] = [];
  for (let at = 0; at < file.length; at += partSize) partIds.push(await part(client, upload.id, file.subarray(at, at + partSize)));
  return client.uploads.complete(upload.id, { part_ids: partIds, ...(md5 ? { md5 } : {}) });
}

describe("uploads through the SDK", () => {
  it("takes parts of different sizes in parallel and out of order, completes, attaches, searches and downloads byte-exact", async () => {
    const text = Buffer.from("The quokkafrost protocol is documented only in this uploaded file.\n".repeat(40));
    const blobs = [bytesOf(5 * MiB + 1, 1), text, bytesOf(1, 2), bytesOf(700_001, 3)];
    const whole = Buffer.concat(blobs);
    const upload = await suite.client.uploads.create({ bytes: whole.length, filename: "mixed.txt", mime_type: "text/plain", purpose: "assistants" });
    expect(upload).toMatchObject({ object: "upload", status: "pending", bytes: whole.length });
    // Sent all at once, last part first.
    const ids = (await Promise.all([...blobs].reverse().map((b, i) => part(suite.client, upload.id, b)))).reverse();
    const md5 = createHash("md5").update(whole).digest("hex");
    const done = await suite.client.uploads.complete(upload.id, { part_ids: ids, md5 });
    expect(done.status).toBe("completed");
    const fileId = done.file!.id;
    expect(done.file).toMatchObject({ object: "file", bytes: whole.length, filename: "mixed.txt" });

    const back = Buffer.from(await (await suite.client.files.content(fileId)).arrayBuffer());
    expect(createHash("sha256").update(back).digest("hex")).toBe(createHash("sha256").update(whole).digest("hex"));
    expect((await suite.client.files.retrieve(fileId)).bytes).toBe(whole.length);
  });

  it("a completed upload's file attaches and is found by search", async () => {
    const text = Buffer.from("Notes on the quokkafrost protocol: it is retrieved from a file sent in parts.\n".repeat(30));
    const done = await uploadFileChunked(suite.client, text, "quokka.txt", "text/plain", 1000, createHash("md5").update(text).digest("hex"));
    const store = await suite.client.vectorStores.create({ name: "uploads" });
    const vsFile = await suite.client.vectorStores.files.createAndPoll(store.id, { file_id: done.file!.id }, { pollIntervalMs: 50 });
    expect(vsFile.status).toBe("completed");
    const page = await suite.client.vectorStores.search(store.id, { query: "quokkafrost protocol" });
    expect(page.data[0]?.file_id).toBe(done.file!.id);
  });

  it("cancels: the upload is cancelled and can no longer be completed or take parts", async () => {
    const upload = await suite.client.uploads.create({ bytes: 3, filename: "c.txt", mime_type: "text/plain", purpose: "assistants" });
    const id = await part(suite.client, upload.id, Buffer.from("abc"));
    expect(await suite.client.uploads.cancel(upload.id)).toMatchObject({ id: upload.id, status: "cancelled" });
    await expect(suite.client.uploads.complete(upload.id, { part_ids: [id] })).rejects.toBeInstanceOf(BadRequestError);
    await expect(part(suite.client, upload.id, Buffer.from("x"))).rejects.toBeInstanceOf(BadRequestError);
  });

  it("answers every error in the envelope with a 4xx", async () => {
    await expect(suite.client.uploads.create({ bytes: 8 * 1024 ** 3 + 1, filename: "big", mime_type: "text/plain", purpose: "assistants" })).rejects.toMatchObject({
      status: 400,
      param: "bytes",
    });
    const upload = await suite.client.uploads.create({ bytes: 6, filename: "e.txt", mime_type: "text/plain", purpose: "assistants" });
    const other = await suite.client.uploads.create({ bytes: 3, filename: "o.txt", mime_type: "text/plain", purpose: "assistants" });
    const a = await part(suite.client, upload.id, Buffer.from("abc"));
    const b = await part(suite.client, upload.id, Buffer.from("def"));
    const foreign = await part(suite.client, other.id, Buffer.from("xyz"));
    const cases: Array<[{ part_ids: string[]; md5?: string }, string]> = [
      [{ part_ids: [a, a] }, "duplicate_part_id"],
      [{ part_ids: [a, "part_unknown"] }, "invalid_part_id"],
      [{ part_ids: [a, foreign] }, "invalid_part_id"],
      [{ part_ids: [a] }, "bytes_mismatch"],
      [{ part_ids: [a, b], md5: "0".repeat(32) }, "md5_mismatch"],
    ];
    for (const [body, code] of cases) await expect(suite.client.uploads.complete(upload.id, body)).rejects.toMatchObject({ status: 400, code });
    await expect(suite.other.uploads.complete(upload.id, { part_ids: [a, b] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(suite.client.uploads.complete(upload.id, { part_ids: [a, b] })).resolves.toMatchObject({ status: "completed" });
    await expect(suite.client.uploads.complete(upload.id, { part_ids: [a, b] })).rejects.toMatchObject({ status: 400, code: "upload_completed" });
    await expect(part(suite.client, other.id, Buffer.alloc(64 * MiB + 1))).rejects.toMatchObject({ status: 413, param: "data" });
  });
});
