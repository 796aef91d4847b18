// Stored responses inside workerd: POST through the worker with a fake Workers AI chat model, then GET, DELETE,
// input_items, previous_response_id chaining and input-item replay, and the Cron Trigger's 30-day sweep.
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { api, KEY_A, KEY_B, uploadFile } from "../../helpers";
import { processFile } from "../../ingest-helpers";
import { FakeChatAi, type FakeChatReply } from "../../fakes/workers-ai-chat";

interface Sent {
  status: number;
  body: any;
  /** Every upstream call's messages, in order. */
  upstream: { role: string; content: string }[][];
}

/** One request through the worker with LLM=workers-ai over a fake that answers `replies` in order; waits for its background work. */
async function call(method: string, path: string, json?: unknown, replies: FakeChatReply[] = [], key = KEY_A): Promise<Sent> {
  const ai = new FakeChatAi(replies);
  const ctx = createExecutionContext();
  const request = new Request(`http://shelf.test${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(json === undefined ? {} : { "content-type": "application/json" }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  const res = await worker.fetch(request, { ...env, LLM: "workers-ai", AI: ai as unknown as Ai }, ctx);
  const text = await res.text();
  await waitOnExecutionContext(ctx);
  const body = (res.headers.get("content-type") ?? "").includes("application/json") ? JSON.parse(text) : text;
  return { status: res.status, body, upstream: ai.calls.map((c) => c.inputs.messages as { role: string; content: string }[]) };
}

const create = (json: Record<string, unknown>, replies: FakeChatReply[] = [{ response: "An answer." }], key = KEY_A) =>
  call("POST", "/v1/responses", { model: "gpt-test", ...json }, replies, key);

async function r2Has(id: string): Promise<boolean> {
  return (await env.FILES.head(`responses/${id}.json`)) !== null;
}

let storeId = "";
beforeAll(async () => {
  storeId = (await api("POST", "/v1/vector_stores", { json: { name: "responses" } })).body.id;
  const file = await uploadFile("reef.md", "Coral reefs bleach when the ocean warms.");
  await api("POST", `/v1/vector_stores/${storeId}/files`, { json: { file_id: file.id } });
  await processFile(storeId, file.id);
});

describe("store (default true)", () => {
  it("stores a completed response: GET answers it, with the echo saying store: true", async () => {
    const made = await create({ input: "Hi", metadata: { topic: "greeting" } });
    expect(made.status).toBe(200);
    expect(made.body.store).toBe(true);
    const got = await call("GET", `/v1/responses/${made.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(made.body);
    expect(await r2Has(made.body.id)).toBe(true);
  });

  it("store: false keeps nothing: GET 404 and chaining 400", async () => {
    const made = await create({ input: "Hi", store: false });
    expect(made.body.store).toBe(false);
    expect(await r2Has(made.body.id)).toBe(false);
    const got = await call("GET", `/v1/responses/${made.body.id}`);
    expect(got.status).toBe(404);
    expect(got.body.error.message).toBe(`Response with id '${made.body.id}' not found.`);
    const chained = await create({ input: "Again", previous_response_id: made.body.id }, []);
    expect(chained.status).toBe(400);
    expect(chained.body.error).toMatchObject({ code: "previous_response_not_found", param: "previous_response_id", message: `Previous response with id '${made.body.id}' not found.` });
    expect(chained.upstream).toEqual([]);
  });

  it("keeps file_search results and shows them only when include asks, on GET as on create", async () => {
    const replies: FakeChatReply[] = [{ tool_calls: [{ name: "file_search", arguments: { queries: ["reef bleaching"] } }] }, { response: "They bleach in warm water [1]." }];
    const made = await create({ input: "Why do reefs bleach?", tools: [{ type: "file_search", vector_store_ids: [storeId] }] }, replies);
    expect(made.body.output[0].type).toBe("file_search_call");
    expect(made.body.output[0].results).toBeNull();
    const plain = await call("GET", `/v1/responses/${made.body.id}`);
    expect(plain.body.output[0].results).toBeNull();
    const withResults = await call("GET", `/v1/responses/${made.body.id}?include[]=file_search_call.results`);
    expect(withResults.body.output[0].results[0]).toMatchObject({ filename: "reef.md", text: "Coral reefs bleach when the ocean warms." });
    const bad = await call("GET", `/v1/responses/${made.body.id}?include[]=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.param).toBe("include[0]");
  });

  it("stores a streamed response before its terminal event, and also when the client disconnects mid-stream", async () => {
    const streamed = await create({ input: "Hi", stream: true });
    const id = /"id":"(resp_[0-9a-f]+)"/.exec(streamed.body as string)![1]!;
    expect((await call("GET", `/v1/responses/${id}`)).body.status).toBe("completed");

    // Read the first frame only, then hang up while the model is still answering: the run goes on (waitUntil) and the
    // finished response is stored.
    const ai = new FakeChatAi([{ response: "Finished anyway." }]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const gated = { run: async (model: string, inputs: Record<string, unknown>) => (await gate, ai.run(model, inputs)) };
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request("http://shelf.test/v1/responses", { method: "POST", headers: { authorization: `Bearer ${KEY_A}`, "content-type": "application/json" }, body: JSON.stringify({ model: "gpt-test", input: "Hi", stream: true }) }),
      { ...env, LLM: "workers-ai", AI: gated as unknown as Ai },
      ctx,
    );
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain("response.created");
    await reader.cancel();
    release();
    await waitOnExecutionContext(ctx);
    const cutId = /"id":"(resp_[0-9a-f]+)"/.exec(first)![1]!;
    const got = await call("GET", `/v1/responses/${cutId}`);
    expect(got.status).toBe(200);
    expect(got.body.output[0].content[0].text).toBe("Finished anyway.");
  });
});

describe("DELETE and another project", () => {
  it("deletes: {id, object, deleted}, then 404 on GET, DELETE and input_items; the body is gone from R2", async () => {
    const made = await create({ input: "Hi" });
    const id = made.body.id;
    const deleted = await call("DELETE", `/v1/responses/${id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id, object: "response", deleted: true });
    expect(await r2Has(id)).toBe(false);
    for (const [method, path] of [["GET", `/v1/responses/${id}`], ["DELETE", `/v1/responses/${id}`], ["GET", `/v1/responses/${id}/input_items`]] as const) {
      const res = await call(method, path);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(`Response with id '${id}' not found.`);
    }
  });

  it("another project's response is 404 everywhere and 400 as previous_response_id", async () => {
    const made = await create({ input: "Mine" });
    const id = made.body.id;
    for (const [method, path] of [["GET", `/v1/responses/${id}`], ["GET", `/v1/responses/${id}/input_items`], ["DELETE", `/v1/responses/${id}`]] as const)
      expect((await call(method, path, undefined, [], KEY_B)).status).toBe(404);
    const chained = await create({ input: "Theirs", previous_response_id: id }, [], KEY_B);
    expect(chained.status).toBe(400);
    expect(chained.body.error.code).toBe("previous_response_not_found");
    expect((await call("GET", `/v1/responses/${id}`)).status).toBe(200);
  });
});

describe("input_items", () => {
  it("lists the input with ids on every item, newest first by default, paged by limit and after", async () => {
    const input = [
      { role: "system", content: "Be terse." },
      { role: "user", content: "one" },
      { role: "assistant", content: [{ type: "output_text", text: "two", annotations: [] }] },
      { type: "message", role: "user", content: [{ type: "input_text", text: "three" }] },
      { role: "developer", content: "four" },
    ];
    const made = await create({ input });
    const path = `/v1/responses/${made.body.id}/input_items`;
    const all = await call("GET", `${path}?order=asc`);
    expect(all.body.data.map((i: any) => i.content[0].text)).toEqual(["Be terse.", "one", "two", "three", "four"]);
    expect(all.body.data.every((i: any) => /^msg_[0-9a-f]{48}$/.test(i.id))).toBe(true);
    expect(all.body.data[1]).toEqual({ id: all.body.data[1].id, type: "message", role: "user", status: "completed", content: [{ type: "input_text", text: "one" }] });
    expect(all.body.data[2]).toMatchObject({ type: "message", role: "assistant", content: [{ type: "output_text", text: "two", annotations: [] }] });
    const first = await call("GET", `${path}?limit=2`);
    expect(first.body.data.map((i: any) => i.content[0].text)).toEqual(["four", "three"]);
    expect(first.body).toMatchObject({ object: "list", first_id: first.body.data[0].id, last_id: first.body.data[1].id, has_more: true });
    const second = await call("GET", `${path}?limit=2&after=${first.body.last_id}`);
    expect(second.body.data.map((i: any) => i.content[0].text)).toEqual(["two", "one"]);
    const last = await call("GET", `${path}?limit=2&after=${second.body.last_id}`);
    expect(last.body.data.map((i: any) => i.content[0].text)).toEqual(["Be terse."]);
    expect(last.body.has_more).toBe(false);
    expect((await call("GET", `${path}?limit=101`)).status).toBe(400);
    expect((await call("GET", `${path}?after=msg_nope`)).body.error.param).toBe("after");
  });

  it("a string input is one user message with an id", async () => {
    const made = await create({ input: "Just this" });
    const items = await call("GET", `/v1/responses/${made.body.id}/input_items`);
    expect(items.body.data).toEqual([{ id: items.body.first_id, type: "message", role: "user", status: "completed", content: [{ type: "input_text", text: "Just this" }] }]);
  });
});

describe("previous_response_id", () => {
  it("gives the model the chain's input and output, oldest first, then this input; instructions are not inherited", async () => {
    const one = await create({ input: "My name is Ada.", instructions: "Turn one rules." }, [{ response: "Hello Ada." }]);
    const two = await create({ input: "What is my name?", previous_response_id: one.body.id }, [{ response: "Ada." }]);
    expect(two.status).toBe(200);
    expect(two.body.previous_response_id).toBe(one.body.id);
    expect(two.upstream[0]).toEqual([
      { role: "user", content: "My name is Ada." },
      { role: "assistant", content: "Hello Ada." },
      { role: "user", content: "What is my name?" },
    ]);
    const three = await create({ input: "And again?", previous_response_id: two.body.id, instructions: "Turn three rules." }, [{ response: "Still Ada." }]);
    expect(three.upstream[0]!.map((m) => m.content)).toEqual(["Turn three rules.", "My name is Ada.", "Hello Ada.", "What is my name?", "Ada.", "And again?"]);
    // input_items are this request's own input only.
    const items = await call("GET", `/v1/responses/${three.body.id}/input_items`);
    expect(items.body.data.map((i: any) => i.content[0].text)).toEqual(["And again?"]);
  });

  it("input may be left out only with previous_response_id", async () => {
    const one = await create({ input: "Remember 42." }, [{ response: "Noted." }]);
    const two = await create({ previous_response_id: one.body.id }, [{ response: "42." }]);
    expect(two.status).toBe(200);
    expect(two.upstream[0]!.map((m) => m.content)).toEqual(["Remember 42.", "Noted."]);
    const none = await create({}, []);
    expect(none.status).toBe(400);
    expect(none.body.error.param).toBe("input");
  });

  it("answers 400 for an unknown, an expired or a malformed id, before any model call", async () => {
    const unknown = await create({ input: "Hi", previous_response_id: "resp_0000" }, []);
    expect(unknown.body.error).toMatchObject({ code: "previous_response_not_found", param: "previous_response_id", message: "Previous response with id 'resp_0000' not found." });
    const old = await create({ input: "Hi" });
    await env.DB.prepare(`UPDATE responses SET expires_at = 1 WHERE id = ?`).bind(old.body.id).run();
    expect((await create({ input: "Hi", previous_response_id: old.body.id }, [])).body.error.code).toBe("previous_response_not_found");
    expect((await call("GET", `/v1/responses/${old.body.id}`)).status).toBe(404);
    const malformed = await create({ input: "Hi", previous_response_id: "resp_ab/../x" }, []);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ param: "previous_response_id", code: "invalid_value" });
    expect(malformed.body.error.message).toContain("Expected an ID that contains letters, numbers, underscores, or dashes");
    expect(unknown.upstream.length + malformed.upstream.length).toBe(0);
  });

  it("replays a chained file_search with its results as a tool call and a tool message numbering them from [1]", async () => {
    const replies: FakeChatReply[] = [{ tool_calls: [{ name: "file_search", arguments: { queries: ["reef bleaching"] } }] }, { response: "They bleach in warm water [1]." }];
    const one = await create({ input: "Why do reefs bleach?", tools: [{ type: "file_search", vector_store_ids: [storeId] }] }, replies);
    const two = await create({ input: "Thanks.", previous_response_id: one.body.id }, [{ response: "Welcome." }]);
    const messages = two.upstream[0]!;
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant", "user"]);
    // Numbered, so that a follow-up answer citing "[1]" from the replayed search still gets its file_citation.
    expect(messages[2]!.content).toBe("[1] reef.md (score " + messages[2]!.content.split("(score ")[1]!.split(")")[0] + ")\nCoral reefs bleach when the ocean warms.");
    expect(messages[3]!.content).toBe("They bleach in warm water.");
  });
});

describe("The Cron Trigger", () => {
  it("deletes responses past their 30 days: row, item rows and R2 body", async () => {
    const kept = await create({ input: "Fresh" });
    const old = await create({ input: "Old" });
    const age = (await env.DB.prepare(`SELECT expires_at - created_at AS retention FROM responses WHERE id = ?`).bind(old.body.id).first<{ retention: number }>())!;
    expect(age.retention).toBe(30 * 86_400);
    await env.DB.prepare(`UPDATE responses SET created_at = created_at - ?, expires_at = expires_at - ? WHERE id = ?`).bind(age.retention + 1, age.retention + 1, old.body.id).run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController(), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await env.DB.prepare(`SELECT id FROM responses WHERE id = ?`).bind(old.body.id).first()).toBeNull();
    expect(await env.DB.prepare(`SELECT item_id FROM response_items WHERE response_id = ?`).bind(old.body.id).first()).toBeNull();
    expect(await r2Has(old.body.id)).toBe(false);
    expect(await r2Has(kept.body.id)).toBe(true);
    expect((await call("GET", `/v1/responses/${kept.body.id}`)).status).toBe(200);
  });
});

describe("input items replayed to the model", () => {
  it("refuses a non-text content part by name, before any model call", async () => {
    const image = await create({ input: [{ role: "user", content: [{ type: "input_text", text: "Look" }, { type: "input_image", image_url: "https://example.com/a.png" }] }] }, []);
    expect(image.status).toBe(400);
    expect(image.body.error.param).toBe("input[0].content[1]");
    expect(image.body.error.message).toContain("input_image");
    const file = await create({ input: [{ type: "function_call", call_id: "c1", name: "f", arguments: "{}" }, { type: "function_call_output", call_id: "c1", output: [{ type: "input_file", file_id: "file-x" }] }] }, []);
    expect(file.body.error.param).toBe("input[1].output[0]");
    expect(image.upstream.length + file.upstream.length).toBe(0);
  });

  it("turns function_call / function_call_output into assistant tool_calls and a tool message", async () => {
    const made = await create(
      {
        input: [
          { role: "user", content: "Weather?" },
          { type: "function_call", call_id: "call_w", name: "get_weather", arguments: '{"city":"Oslo"}' },
          { type: "function_call_output", call_id: "call_w", output: "Sunny" },
        ],
      },
      [{ response: "It is sunny." }],
    );
    expect(made.status).toBe(200);
    // Workers AI messages carry no tool_calls: the adapter sends the calls as the assistant's JSON text and names the tool message.
    const messages = made.upstream[0] as { role: string; content: string; name?: string }[];
    expect(messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(JSON.parse(messages[1]!.content)).toEqual([{ name: "get_weather", arguments: '{"city":"Oslo"}' }]);
    expect(messages[2]).toEqual({ role: "tool", name: "get_weather", content: "Sunny" });
    const items = await call("GET", `/v1/responses/${made.body.id}/input_items?order=asc`);
    expect(items.body.data.map((i: any) => i.type)).toEqual(["message", "function_call", "function_call_output"]);
    expect(items.body.data[2]).toMatchObject({ type: "function_call_output", call_id: "call_w", output: "Sunny", status: "completed" });
    expect(items.body.data[2].id).toMatch(/^fco_/);
    expect(items.body.data[1].id).toMatch(/^fc_/);
  });

  it("400 for a function_call_output without its function_call, and for a function_call left unanswered", async () => {
    const orphan = await create({ input: [{ role: "user", content: "Hi" }, { type: "function_call_output", call_id: "call_zz", output: "x" }] }, []);
    expect(orphan.status).toBe(400);
    expect(orphan.body.error).toMatchObject({ param: "input[1]", message: "No tool call found for function call output with call_id call_zz." });
    const unanswered = await create({ input: [{ type: "function_call", call_id: "call_q", name: "f", arguments: "{}" }, { role: "user", content: "Hi" }] }, []);
    expect(unanswered.status).toBe(400);
    expect(unanswered.body.error.message).toBe("No tool output found for function call call_q.");
    expect(orphan.upstream.length + unanswered.upstream.length).toBe(0);
  });

  it("feeds output items back verbatim: assistant message without annotations, file_search_call with results replayed, without dropped", async () => {
    const replies: FakeChatReply[] = [{ tool_calls: [{ name: "file_search", arguments: { queries: ["reef"] } }] }, { response: "Warm water [1]." }];
    const one = await create({ input: "Why do reefs bleach?", tools: [{ type: "file_search", vector_store_ids: [storeId] }], include: ["file_search_call.results"] }, replies);
    const [search, message] = one.body.output;
    const withResults = await create({ input: [{ role: "user", content: "Why?" }, search, message, { role: "user", content: "More?" }] }, [{ response: "More." }]);
    expect(withResults.status).toBe(200);
    expect(withResults.upstream[0]!.map((m) => m.role)).toEqual(["user", "assistant", "tool", "assistant", "user"]);
    expect(withResults.upstream[0]![2]!.content).toContain("Coral reefs bleach when the ocean warms.");
    expect(withResults.upstream[0]![3]!.content).toBe("Warm water.");
    const without = await create({ input: [{ role: "user", content: "Why?" }, { ...search, results: null }, message] }, [{ response: "Ok." }]);
    expect(without.upstream[0]!.map((m) => m.role)).toEqual(["user", "assistant"]);
  });

  it("resolves item_reference to a stored item of this project, 400 otherwise", async () => {
    const one = await create({ input: "The code word is heron." }, [{ response: "Got it." }]);
    const [input] = (await call("GET", `/v1/responses/${one.body.id}/input_items`)).body.data;
    const answer = one.body.output[0];
    const two = await create({ input: [{ type: "item_reference", id: input.id }, { id: answer.id }, { role: "user", content: "Which word?" }] }, [{ response: "Heron." }]);
    expect(two.status).toBe(200);
    expect(two.upstream[0]!.map((m) => m.content)).toEqual(["The code word is heron.", "Got it.", "Which word?"]);
    const unknown = await create({ input: [{ type: "item_reference", id: "msg_nothing" }] }, []);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ param: "input[0].id", message: "Item with id 'msg_nothing' not found." });
    const foreign = await create({ input: [{ type: "item_reference", id: input.id }] }, [], KEY_B);
    expect(foreign.status).toBe(400);
  });
});
