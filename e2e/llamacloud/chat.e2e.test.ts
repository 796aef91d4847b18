// LlamaCloud chat through the official SDK (client.beta.chat), with the worker's model loop on a fake Chat Completions server.
import LlamaCloud, { BadRequestError, ConflictError, NotFoundError, toFile } from "@llamaindex/llama-cloud";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { API_KEY, startWorker } from "../harness";
import { sourceNumber, startFakeChat, stopFakeChat, upstream } from "../fake-chat-upstream";
import { llamaCloudSuite } from "./suite";

const seen = upstream.seen;
let upstreamUrl = "";
beforeAll(async () => {
  upstreamUrl = await startFakeChat();
});
afterAll(stopFakeChat);
const suite = llamaCloudSuite({
  maxRetries: 0,
  vars: () => ({ LLM: "openai", LLM_BASE_URL: upstreamUrl, LLM_API_KEY: "sk-upstream", LLM_MODEL: "fake-model" }),
});
let client: LlamaCloud;
let indexId = "";
let storeId = "";
const fileIds: Record<string, string> = {};

beforeAll(async () => {
  client = suite.client;
  const directory = await client.beta.directories.create({ name: "handbook" });
  for (const [name, text] of [
    ["leave.md", "Parental leave lasts sixteen weeks for every employee."],
    ["laptops.md", "Laptops are replaced every three years by IT."],
  ] as const) {
    const file = await client.files.create({ file: await toFile(Buffer.from(text), name), purpose: "user_data" });
    fileIds[name] = file.id;
    await client.beta.directories.files.add(directory.id, { file_id: file.id });
  }
  const index = await client.beta.indexes.create({ source_directory_id: directory.id });
  indexId = index.id;
  storeId = index.export_config_id!;
  expect((await suite.waitForSync(index.id)).metadata?.["status"]).toBe("ready");
});
beforeEach(() => {
  seen.length = 0;
  upstream.script = [];
});

/** The events of the SSE text the SDK hands back (it does not parse event streams: the body arrives as text). */
function events(body: unknown): Array<Record<string, any>> {
  if (typeof body !== "string") throw new Error(`expected the event stream as text, got ${JSON.stringify(body)}`);
  return body
    .split("\n\n")
    .filter((f) => f.trim())
    .map((f) => JSON.parse(/^data: (.*)$/m.exec(f)![1]!) as Record<string, any>);
}

describe("client.beta.chat sessions", () => {
  it("create, list, retrieve, getSummary and delete", async () => {
    const created = await client.beta.chat.create({ index_ids: [indexId] });
    expect(created.session_id).toMatch(/^chat-/);
    expect(created.index_ids).toEqual([indexId]);
    expect(created.job_metadata).toBeNull();
    const listed = [];
    for await (const s of client.beta.chat.list({ page_size: 1 })) listed.push(s.session_id);
    expect(listed).toContain(created.session_id);
    const got = await client.beta.chat.retrieve(created.session_id);
    expect(got).toMatchObject({ session_id: created.session_id, events: [], index_ids: [indexId] });
    const summary = await client.beta.chat.getSummary(created.session_id);
    expect(summary).toEqual(created);
    await client.beta.chat.delete(created.session_id);
    await expect(client.beta.chat.retrieve(created.session_id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("answers another project's session with 404", async () => {
    const mine = await client.beta.chat.create();
    await expect(suite.other.beta.chat.retrieve(mine.session_id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(suite.other.beta.chat.getSummary(mine.session_id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(suite.other.beta.chat.delete(mine.session_id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(suite.other.beta.chat.stream(mine.session_id, { index_ids: [indexId], prompt: "Hi" })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("client.beta.chat.stream", () => {
  it("streams a turn over the index with a citation, and a second turn sees the first", async () => {
    const session = await client.beta.chat.create();
    upstream.script = [
      { toolCalls: [{ name: "file_search", arguments: JSON.stringify({ queries: ["parental leave duration"] }) }] },
      // Two upstream chunks: the text before the mark, then the mark and the full stop (deltas follow the upstream's).
      (body) => ({ chunks: ["Parental leave lasts sixteen weeks ", `[${sourceNumber(body, "leave.md")}].`] }),
    ];
    const first = events(await client.beta.chat.stream(session.session_id, { index_ids: [indexId], prompt: "How long is parental leave?" }));
    expect(first.map((e) => e.type)).toEqual(["user_input", "tool_call", "tool_result", "text_delta", "text_delta", "text", "stop"]);
    expect(first[1]).toMatchObject({ name: "file_search", arguments: { queries: ["parental leave duration"] } });
    expect(first[2]!.result.nodes.map((n: any) => n.file_name)).toContain("leave.md");
    const text = "Parental leave lasts sixteen weeks.";
    expect(first[5]).toEqual({ type: "text", content: text, citations: [{ file_id: fileIds["leave.md"], file_name: "leave.md", index: text.length - 1 }] });
    expect(first[6]).toMatchObject({ type: "stop", is_error: false, error: null, usage: { total_input_tokens: 20, total_output_tokens: 10, turns: 2 } });
    expect(seen[0]!.body.model).toBe("fake-model");
    expect(seen[0]!.authorization).toBe("Bearer sk-upstream");
    expect(JSON.stringify(seen.map((s) => s.body))).not.toContain(storeId);

    upstream.script = [{ content: "As I said: sixteen weeks." }];
    const second = events(await client.beta.chat.stream(session.session_id, { index_ids: [indexId], prompt: "Say that again?" }));
    expect(second.at(-1)).toMatchObject({ type: "stop", is_error: false });
    const transcript = seen.at(-1)!.body.messages.filter((m) => m.role === "user" || m.role === "assistant");
    expect(transcript.map((m) => [m.role, m.content])).toEqual([
      ["user", "How long is parental leave?"],
      ["assistant", text],
      ["user", "Say that again?"],
    ]);

    const history = await client.beta.chat.retrieve(session.session_id);
    expect(history.events).toEqual([...first, ...second]);
    expect(history.generated_title).toBe("How long is parental leave?");
    expect(history.index_ids).toEqual([indexId]);
    expect(history.job_metadata).toMatchObject({ is_error: false, turns: 1, export_config_ids: [storeId] });
  });

  it("sends the events as they happen: an event stream read incrementally through asResponse()", async () => {
    const session = await client.beta.chat.create({ index_ids: [indexId] });
    upstream.script = [{ chunks: ["Hello."] }];
    const response = await client.beta.chat.stream(session.session_id, { index_ids: [indexId], prompt: "Hi" }).asResponse();
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const frames: string[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of response.body!) frames.push(decoder.decode(chunk));
    expect(frames.join("").split("\n\n").filter(Boolean).map((f) => /^event: (.*)$/m.exec(f)![1])).toEqual(["user_input", "text_delta", "text", "stop"]);
  });

  it("answers 404 for an unknown session or index, and 409 for another index set after the first message, before calling the model", async () => {
    await expect(client.beta.chat.stream("chat-000000000000000000000000", { index_ids: [indexId], prompt: "Hi" })).rejects.toBeInstanceOf(NotFoundError);
    const session = await client.beta.chat.create();
    const unknown = await client.beta.chat.stream(session.session_id, { index_ids: ["idx-nope"], prompt: "Hi" }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect((unknown as NotFoundError).message).toContain("No index found with id 'idx-nope'.");
    expect(seen).toHaveLength(0);
    upstream.script = [{ content: "Hello." }];
    await client.beta.chat.stream(session.session_id, { index_ids: [indexId], prompt: "Hi" });
    const otherDirectory = await client.beta.directories.create({ name: "other" });
    const file = await client.files.create({ file: await toFile(Buffer.from("Other text."), "other.md"), purpose: "user_data" });
    await client.beta.directories.files.add(otherDirectory.id, { file_id: file.id });
    const other = await client.beta.indexes.create({ source_directory_id: otherDirectory.id });
    expect((await suite.waitForSync(other.id)).metadata?.["status"]).toBe("ready");
    const locked = await client.beta.chat.stream(session.session_id, { index_ids: [other.id], prompt: "Hi" }).catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(ConflictError);
    expect((locked as ConflictError).message).toContain("index_set_locked");
    expect(seen).toHaveLength(1);
  });

  it("answers 400 naming LLM when the worker has no model", async () => {
    const offline = await startWorker();
    try {
      const bare = new LlamaCloud({ apiKey: API_KEY, baseURL: offline.url, maxRetries: 0 });
      const directory = await bare.beta.directories.create({ name: "d" });
      const file = await bare.files.create({ file: await toFile(Buffer.from("Some text."), "a.md"), purpose: "user_data" });
      await bare.beta.directories.files.add(directory.id, { file_id: file.id });
      const index = await bare.beta.indexes.create({ source_directory_id: directory.id });
      for (let i = 0; i < 120 && (await bare.beta.indexes.get(index.id)).metadata?.["status"] === "syncing"; i++) await new Promise((r) => setTimeout(r, 250));
      const session = await bare.beta.chat.create();
      const error = await bare.beta.chat.stream(session.session_id, { index_ids: [index.id], prompt: "Hi" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect((error as BadRequestError).message).toContain("LLM=");
      // Sessions themselves work offline.
      expect((await bare.beta.chat.retrieve(session.session_id)).events).toEqual([]);
    } finally {
      await offline.stop();
    }
  });
});
