// POST /api/v1/chat/{id}/messages/stream: validated before the first byte, then the turn's events as SSE, kept as history.
import { createExecutionContext } from "cloudflare:test";
import { env as baseEnv } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { api, KEY_A } from "../../helpers";
import { directory, addFile, llamaUpload, indexedDirectory } from "../helpers";
import { searchThenAnswer, sseEvents, withModel } from "./helpers";

const DOCS = [
  { name: "leave.md", text: "Parental leave lasts sixteen weeks for every employee.", metadata: { team: "hr" } },
  { name: "laptops.md", text: "Laptops are replaced every three years by IT.", metadata: { team: "it" } },
];

async function session(json: Record<string, unknown> = {}): Promise<string> {
  return (await api("POST", "/api/v1/chat", { json })).body.session_id;
}

const turn = (sessionId: string, json: Record<string, unknown>, env?: Partial<Env>) => api("POST", `/api/v1/chat/${sessionId}/messages/stream`, { json, env });

/** An index whose first sync has not run (its sync message is never delivered). */
async function unsyncedIndex(vectorTarget?: "DISABLED") {
  const dir = await directory("pending");
  await addFile(dir.id, { file_id: (await llamaUpload("p.md", "Pending text.")).id });
  return (await api("POST", "/api/v1/indexes", { json: { source_directory_id: dir.id, ...(vectorTarget ? { vector_target: vectorTarget } : {}) } })).body;
}

describe("a chat turn", () => {
  it("streams user_input, tool_call, tool_result with the retrieved passages, text deltas, the cited text and a stop", async () => {
    const { index, entries } = await indexedDirectory(DOCS);
    const id = await session({ index_ids: [index.id] });
    const { ai, env } = withModel(searchThenAnswer(["parental leave length"], "Parental leave lasts sixteen weeks [1]."));
    const res = await turn(id, { index_ids: [index.id], prompt: "How long is parental leave?" }, env);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = sseEvents(res.body);
    expect(events.map((e) => e.type)).toEqual(["user_input", "tool_call", "tool_result", "text_delta", "text_delta", "text", "stop"]);
    expect(events[0]).toEqual({ type: "user_input", content: "How long is parental leave?" });
    expect(events[1]).toEqual({ type: "tool_call", call_id: expect.stringMatching(/^fs_/), name: "file_search", arguments: { queries: ["parental leave length"] } });
    expect(events[2].call_id).toBe(events[1].call_id);
    const top = events[2].result.nodes[0];
    expect(top).toMatchObject({ file_id: entries["leave.md"].file_id, file_name: "leave.md", text: DOCS[0]!.text, metadata: { team: "hr" } });
    expect(top.score).toBeGreaterThan(0);
    // The model's [1] is the top passage: the mark is removed and becomes a citation at its offset.
    const text = "Parental leave lasts sixteen weeks.";
    expect(events.filter((e) => e.type === "text_delta").map((e) => e.content).join("")).toBe(text);
    expect(events[5]).toEqual({ type: "text", content: text, citations: [{ file_id: entries["leave.md"].file_id, file_name: "leave.md", index: text.length - 1 }] });
    expect(events[6]).toMatchObject({ type: "stop", error: null, is_error: false, usage: { total_input_tokens: 14, total_output_tokens: 6, turns: 2 } });
    expect(events[6]).not.toHaveProperty("skipped_index_ids");
    // The model saw the numbered source and never an index or store id.
    const seen = JSON.stringify(ai.calls.map((c) => c.inputs));
    expect(seen).toContain("[1] leave.md");
    expect(seen).not.toContain(index.id);
    expect(seen).not.toContain(index.export_config_id);

    // History reads back the same events; the summary carries the title, the locked set and the turn's outcome.
    const history = await api("GET", `/api/v1/chat/${id}`);
    expect(history.body.events).toEqual(events);
    const summary = (await api("GET", `/api/v1/chat/${id}/summary`)).body;
    expect(summary).toMatchObject({ generated_title: "How long is parental leave?", index_ids: [index.id] });
    expect(summary.job_metadata).toMatchObject({ is_error: false, error: null, total_input_tokens: 14, total_output_tokens: 6, turns: 2, export_config_ids: [index.export_config_id] });
  });

  it("gives the next turn the earlier turns, and locks the index set after the first message", async () => {
    const { index } = await indexedDirectory(DOCS);
    const other = (await indexedDirectory([{ name: "x.md", text: "Other.", metadata: {} }])).index;
    // Created unbound: the first message binds it.
    const id = await session();
    const first = withModel([{ response: "Hello! Ask me about the handbook." }]);
    expect((await turn(id, { index_ids: [index.export_config_id], prompt: "Hi there" }, first.env)).status).toBe(200);
    expect((await api("GET", `/api/v1/chat/${id}/summary`)).body.index_ids).toEqual([index.id]);

    const second = withModel(searchThenAnswer(["laptop replacement"], "Every three years [1]."));
    const res = await turn(id, { index_ids: [index.id], prompt: "And laptops?" }, second.env);
    expect(sseEvents(res.body).at(-1)).toMatchObject({ type: "stop", is_error: false });
    const transcript = (second.ai.calls[0]!.inputs.messages as { role: string; content: string }[]).filter((m) => m.role !== "system");
    expect(transcript).toEqual([
      { role: "user", content: "Hi there" },
      { role: "assistant", content: "Hello! Ask me about the handbook." },
      { role: "user", content: "And laptops?" },
    ]);

    const locked = withModel([{ response: "never" }]);
    const refused = await turn(id, { index_ids: [index.id, other.id], prompt: "Now both?" }, locked.env);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("index_set_locked");
    expect(refused.headers.get("x-should-retry")).toBe("false");
    expect(locked.ai.calls).toHaveLength(0);
    const history = (await api("GET", `/api/v1/chat/${id}`)).body.events;
    expect(history.filter((e: any) => e.type === "user_input").map((e: any) => e.content)).toEqual(["Hi there", "And laptops?"]);
  });

  it("locks the set once when two first messages race with different indexes", async () => {
    const a = (await indexedDirectory([{ name: "a.md", text: "Alpha.", metadata: {} }])).index;
    const b = (await indexedDirectory([{ name: "b.md", text: "Beta.", metadata: {} }])).index;
    const id = await session();
    const { env } = withModel([{ response: "one" }, { response: "two" }]);
    const [ra, rb] = await Promise.all([turn(id, { index_ids: [a.id], prompt: "A?" }, env), turn(id, { index_ids: [b.id], prompt: "B?" }, env)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 409]);
    const winner = ra.status === 200 ? a.id : b.id;
    const got = (await api("GET", `/api/v1/chat/${id}`)).body;
    expect(got.index_ids).toEqual([winner]);
    expect(got.events.filter((e: any) => e.type === "user_input")).toHaveLength(1);
  });

  it("ends in an error stop, kept in history and job_metadata, when the model fails", async () => {
    const { index } = await indexedDirectory(DOCS);
    const id = await session();
    const { env } = withModel([{ error: "3040: capacity exceeded" }]);
    const events = sseEvents((await turn(id, { index_ids: [index.id], prompt: "Hi" }, env)).body);
    expect(events.map((e) => e.type)).toEqual(["user_input", "stop"]);
    expect(events[1]).toMatchObject({ is_error: true, error: expect.stringContaining("capacity exceeded") });
    expect((await api("GET", `/api/v1/chat/${id}`)).body.events).toEqual(events);
    expect((await api("GET", `/api/v1/chat/${id}/summary`)).body.job_metadata).toMatchObject({ is_error: true });
  });

  it("skips an index whose first sync has not finished and names it in the stop event", async () => {
    const { index } = await indexedDirectory(DOCS);
    const pending = await unsyncedIndex();
    const id = await session();
    const { env } = withModel([{ response: "Fine." }]);
    const events = sseEvents((await turn(id, { index_ids: [index.id, pending.id], prompt: "Hi" }, env)).body);
    expect(events.at(-1)).toMatchObject({ type: "stop", is_error: false, skipped_index_ids: [pending.id] });
  });
});

describe("a turn the client leaves", () => {
  it("still ends its history with an error stop when the client cancels the stream", async () => {
    const { index } = await indexedDirectory(DOCS);
    const id = await session();
    const { env } = withModel(searchThenAnswer(["leave"], "Sixteen weeks [1]."));
    const request = new Request(`http://shelf.test/api/v1/chat/${id}/messages/stream`, {
      method: "POST",
      headers: { authorization: `Bearer ${KEY_A}`, "content-type": "application/json" },
      body: JSON.stringify({ index_ids: [index.id], prompt: "How long is leave?" }),
    });
    const res = await worker.fetch(request, { ...baseEnv, ...env }, createExecutionContext());
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("event: user_input");
    await reader.cancel();
    const events = (await api("GET", `/api/v1/chat/${id}`)).body.events;
    expect(events[0]).toEqual({ type: "user_input", content: "How long is leave?" });
    expect(events.at(-1)).toMatchObject({ type: "stop", is_error: true, error: expect.stringContaining("disconnected") });
    expect(events.filter((e: any) => e.type === "stop")).toHaveLength(1);
  });
});

describe("validation before the first byte", () => {
  it("answers 400 model_not_configured naming LLM when no model is configured, and keeps no turn", async () => {
    const { index } = await indexedDirectory(DOCS);
    const id = await session();
    const res = await turn(id, { index_ids: [index.id], prompt: "Hi" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("model_not_configured");
    expect(res.body.error.message).toContain("LLM=");
    expect((await api("GET", `/api/v1/chat/${id}`)).body).toMatchObject({ events: [], index_ids: null });
  });

  it("answers 400 naming LLM_MODEL when an OpenAI-compatible model is configured without it (chat names no model)", async () => {
    const { index } = await indexedDirectory(DOCS);
    const res = await turn(await session(), { index_ids: [index.id], prompt: "Hi" }, { LLM: "openai", LLM_BASE_URL: "http://127.0.0.1:9/v1" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("LLM_MODEL");
  });

  it.each([
    [{ prompt: "Hi" }, "index_ids"],
    [{ index_ids: [], prompt: "Hi" }, "index_ids"],
    [{ index_ids: ["idx-a"] }, "prompt"],
    [{ index_ids: ["idx-a"], prompt: "   " }, "prompt"],
    [{ index_ids: ["idx-a"], prompt: "Hi", require_all_indexes: "yes" }, "require_all_indexes"],
  ])("400 for %j naming %s", async (json, param) => {
    const { ai, env } = withModel([]);
    const res = await turn(await session(), json, env);
    expect(res.status).toBe(400);
    expect(res.body.error.param).toBe(param);
    expect(ai.calls).toHaveLength(0);
  });

  it("answers 404 for an unknown session and for an unknown index", async () => {
    const { ai, env } = withModel([]);
    const missing = await turn("chat-000000000000000000000000", { index_ids: ["idx-a"], prompt: "Hi" }, env);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("No chat session found with id 'chat-000000000000000000000000'.");
    const { index } = await indexedDirectory(DOCS);
    const id = await session();
    const unknown = await turn(id, { index_ids: [index.id, "idx-nope"], prompt: "Hi" }, env);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ param: "index_ids[1]", message: "No index found with id 'idx-nope'." });
    expect(ai.calls).toHaveLength(0);
    expect((await api("GET", `/api/v1/chat/${id}`)).body.events).toEqual([]);
  });

  it("answers 400 vector_target_disabled for an index without vectors", async () => {
    const disabled = await unsyncedIndex("DISABLED");
    const { ai, env } = withModel([]);
    const res = await turn(await session(), { index_ids: [disabled.id], prompt: "Hi" }, env);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ param: "index_ids[0]", code: "vector_target_disabled" });
    expect(ai.calls).toHaveLength(0);
  });

  it("answers 409 index_not_ready when no index has synced, or with require_all_indexes when one has not", async () => {
    const { index } = await indexedDirectory(DOCS);
    const pending = await unsyncedIndex();
    const { ai, env } = withModel([]);
    const alone = await turn(await session(), { index_ids: [pending.id], prompt: "Hi" }, env);
    expect(alone.status).toBe(409);
    expect(alone.body.error.code).toBe("index_not_ready");
    const strict = await turn(await session(), { index_ids: [index.id, pending.id], prompt: "Hi", require_all_indexes: true }, env);
    expect(strict.status).toBe(409);
    expect(strict.body.error.message).toContain(pending.id);
    expect(ai.calls).toHaveLength(0);
  });
});
