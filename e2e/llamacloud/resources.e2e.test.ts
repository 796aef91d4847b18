// Files, directories and indexes through the official @llamaindex/llama-cloud SDK: pagination, content, 404s, projects.
import LlamaCloud, { toFile } from "@llamaindex/llama-cloud";
import { beforeAll, describe, expect, it } from "vitest";
import type { RunningWorker } from "../harness";
import { llamaCloudSuite } from "./suite";

const suite = llamaCloudSuite({ maxRetries: 0 });
let worker: RunningWorker;
let client: LlamaCloud;
let other: LlamaCloud;
beforeAll(() => void ({ worker, client, other } = suite));

describe("files", () => {
  it("creates, retrieves, auto-paginates, serves content through a presigned URL, and deletes", async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++)
      created.push((await client.files.create({ file: await toFile(Buffer.from(`file ${i}`), `f${i}.txt`), purpose: "parse", external_file_id: `ext-${i}` })).id);
    const file = await client.files.retrieve(created[0]!);
    expect(file).toMatchObject({ name: "f0.txt", purpose: "parse", external_file_id: "ext-0", file_type: "txt" });
    const seen: string[] = [];
    for await (const f of client.files.list({ page_size: 2 })) seen.push(f.id);
    expect(seen).toEqual([...created].reverse());
    expect((await client.files.list({ external_file_id: "ext-3" })).items.map((f) => f.id)).toEqual([created[3]]);

    const presigned = await client.files.content(created[1]!);
    const bytes = await (await fetch(presigned.url)).text();
    expect(bytes).toBe("file 1");

    await client.files.delete(created[4]!);
    await expect(client.files.retrieve(created[4]!)).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
  });
});

describe("directories", () => {
  it("creates, updates, lists directory files with filters and pages, and deletes", async () => {
    const dir = await client.beta.directories.create({ name: "docs", description: "first" });
    expect((await client.beta.directories.update(dir.id, { description: "second" })).description).toBe("second");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const f = await client.files.create({ file: await toFile(Buffer.from(`doc ${i}`), `doc-${i}.md`), purpose: "user_data" });
      ids.push((await client.beta.directories.files.add(dir.id, { file_id: f.id, metadata: { n: i } })).id);
    }
    const listed: string[] = [];
    for await (const entry of client.beta.directories.files.list(dir.id, { page_size: 2 })) listed.push(entry.id);
    expect(listed).toEqual(ids);
    const filtered = await client.beta.directories.files.list(dir.id, { display_name_contains: "DOC-3" });
    expect(filtered.items.map((e) => e.id)).toEqual([ids[3]]);
    const renamed = await client.beta.directories.files.update(ids[0]!, { directory_id: dir.id, display_name: "first.md", metadata: { n: 100 } });
    expect(renamed).toMatchObject({ display_name: "first.md", metadata: { n: 100 } });
    expect((await client.beta.directories.files.get(ids[0]!, { directory_id: dir.id })).display_name).toBe("first.md");
    await client.beta.directories.files.delete(ids[1]!, { directory_id: dir.id });
    await expect(client.beta.directories.files.get(ids[1]!, { directory_id: dir.id })).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);

    const names: string[] = [];
    for await (const d of client.beta.directories.list({ page_size: 1, types: ["user"] })) names.push(d.name);
    expect(names).toContain("docs");
    await client.beta.directories.delete(dir.id);
    await expect(client.beta.directories.get(dir.id)).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
  });
});

describe("errors and projects", () => {
  it("raises NotFoundError for unknown ids and BadRequestError for invalid input", async () => {
    await expect(client.beta.indexes.get("idx-000000000000000000000000")).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(client.beta.directories.files.list("dir-missing")).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(client.beta.indexes.create({ source_directory_id: "dir-missing" })).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(client.beta.retrieval.retrieve({ index_id: "idx-missing", query: "x" })).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(client.files.create({ file: await toFile(Buffer.from("x"), "x.txt"), purpose: "nope" })).rejects.toBeInstanceOf(LlamaCloud.BadRequestError);
    const stranger = new LlamaCloud({ apiKey: "sk-wrong", baseURL: worker.url, maxRetries: 0 });
    await expect(stranger.beta.directories.list()).rejects.toBeInstanceOf(LlamaCloud.AuthenticationError);
  });

  it("hides one project's files, directories and indexes from another", async () => {
    const file = await client.files.create({ file: await toFile(Buffer.from("mine"), "mine.txt"), purpose: "user_data" });
    const dir = await client.beta.directories.create({ name: "mine" });
    await client.beta.directories.files.add(dir.id, { file_id: file.id });
    const index = await client.beta.indexes.create({ source_directory_id: dir.id });
    await expect(other.files.retrieve(file.id)).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(other.beta.directories.get(dir.id)).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(other.beta.indexes.get(index.id)).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(other.beta.indexes.sync(index.id)).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    await expect(other.beta.retrieval.retrieve({ index_id: index.id, query: "mine" })).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    const theirDir = await other.beta.directories.create({ name: "theirs" });
    await expect(other.beta.directories.files.add(theirDir.id, { file_id: file.id })).rejects.toBeInstanceOf(LlamaCloud.NotFoundError);
    expect((await other.beta.indexes.list()).items).toEqual([]);
  });
});
