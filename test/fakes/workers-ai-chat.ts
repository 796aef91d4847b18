// An in-memory Workers AI binding for a function-calling chat model, enforcing the traditional function-calling shape.

/** What the fake answers, in order: text, or tool calls ({name, arguments} objects, no ids — as Workers AI does). */
export type FakeChatReply = { response: string } | { tool_calls: { name: string; arguments: Record<string, unknown> }[] } | { error: string };

export class FakeChatAi {
  readonly calls: { model: string; inputs: Record<string, unknown> }[] = [];

  constructor(private readonly replies: FakeChatReply[]) {}

  async run(model: string, inputs: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ model, inputs: structuredClone(inputs) });
    if (!model.startsWith("@cf/")) throw new Error(`5007: No such model ${model} or task`);
    const messages = inputs.messages;
    if (!Array.isArray(messages) || messages.length === 0) throw new Error("5006: required property 'messages'");
    for (const m of messages as { role?: unknown; content?: unknown; name?: unknown }[]) {
      if (!["system", "user", "assistant", "tool"].includes(String(m.role))) throw new Error(`5006: bad role ${String(m.role)}`);
      if (typeof m.content !== "string") throw new Error("5006: content must be a string");
      if (m.role === "tool" && typeof m.name !== "string") throw new Error("5006: a tool message needs the tool's name");
    }
    if (inputs.tools !== undefined) {
      const tools = inputs.tools as { type?: unknown; name?: unknown; parameters?: { type?: unknown } }[];
      for (const t of tools)
        if (t.type !== undefined || typeof t.name !== "string" || t.parameters?.type !== "object") throw new Error("5006: tools are flat {name, description, parameters}");
    }
    if (inputs.stream === true && inputs.tools !== undefined) throw new Error("5006: this fake does not stream tool calls");
    const reply = this.replies.shift() ?? { response: "(no more replies)" };
    if ("error" in reply) throw new Error(reply.error);
    const usage = { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 };
    if (inputs.stream === true && "response" in reply) return sse(reply.response, usage);
    return { ...reply, usage };
  }
}

/** A text generation as the binding streams it: SSE `data: {"response": …}` events, usage last, then [DONE]. */
function sse(text: string, usage: Record<string, number>): ReadableStream<Uint8Array> {
  const half = Math.ceil(text.length / 2);
  const events = [{ response: text.slice(0, half) }, { response: text.slice(half) }, { response: "", usage }];
  const body = events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join("") + "data: [DONE]\n\n";
  return new Response(body).body!;
}
