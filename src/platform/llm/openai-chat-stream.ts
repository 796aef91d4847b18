// Reads a streamed Chat Completions answer (SSE of chat.completion.chunk objects) into text deltas and one ChatResult.
import { EventSourceParserStream } from "eventsource-parser/stream";
import { z } from "zod";
import { ChatModelError, type ChatFinish, type ChatResult, type ChatStream, type ChatToolCall } from "../../core/responses/chat-model";

const Chunk = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullable().optional(),
        delta: z
          .object({
            content: z.string().nullable().optional(),
            tool_calls: z
              .array(
                z.object({
                  index: z.number().int().min(0).optional(),
                  id: z.string().nullable().optional(),
                  function: z.object({ name: z.string().nullable().optional(), arguments: z.string().nullable().optional() }).nullable().optional(),
                }),
              )
              .nullable()
              .optional(),
          })
          .nullable()
          .optional(),
      }),
    )
    .nullable()
    .optional(),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullable().optional(),
  error: z.object({ message: z.string().optional() }).loose().nullable().optional(),
});

/** Maps Chat Completions' finish_reason; any tool call makes it "tool_calls" unless the output was cut. */
export function finishOf(reason: string | null | undefined, hasTools: boolean): ChatFinish {
  if (reason === "length" || reason === "content_filter") return reason;
  return hasTools ? "tool_calls" : "stop";
}

/**
 * Yields the content deltas of a `stream: true` response as they arrive and returns the assembled result: tool calls
 * joined from their indexed deltas (ids from the first delta, else `call_<index>`), usage from the last chunk
 * (stream_options.include_usage). A connection dropped mid-way, an `error` payload, or a stream that ends without a
 * finish_reason throws ChatModelError.
 */
export async function* readChatStream(body: ReadableStream<Uint8Array>, url: string, fallbackModel: string): ChatStream {
  const events = body.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  let content = "";
  let finish: string | null = null;
  let model = fallbackModel;
  const usage = { inputTokens: 0, outputTokens: 0 };
  const calls = new Map<number, ChatToolCall>();
  const fail = (what: string) => {
    console.error(JSON.stringify({ level: "error", msg: "model endpoint stream failed", url, detail: what }));
    return new ChatModelError(`The model endpoint's stream ${what}`);
  };
  try {
    for (;;) {
      let next: ReadableStreamReadResult<{ data: string }>;
      try {
        next = await reader.read();
      } catch (error) {
        throw fail(`broke off: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (next.done || next.value.data === "[DONE]") break;
      let json: unknown;
      try {
        json = JSON.parse(next.value.data);
      } catch {
        throw fail("sent an event that is not JSON.");
      }
      const chunk = Chunk.safeParse(json);
      if (!chunk.success) throw fail("sent an unexpected chunk.");
      if (chunk.data.error) throw fail(`failed: ${chunk.data.error.message ?? JSON.stringify(chunk.data.error)}`);
      if (chunk.data.model) model = chunk.data.model;
      if (chunk.data.usage) {
        usage.inputTokens = chunk.data.usage.prompt_tokens ?? 0;
        usage.outputTokens = chunk.data.usage.completion_tokens ?? 0;
      }
      const choice = chunk.data.choices?.[0];
      if (!choice) continue;
      if (choice.finish_reason) finish = choice.finish_reason;
      for (const [i, delta] of (choice.delta?.tool_calls ?? []).entries()) {
        const index = delta.index ?? i;
        const call = calls.get(index) ?? { id: "", name: "", arguments: "" };
        if (delta.id) call.id = delta.id;
        if (delta.function?.name) call.name += delta.function.name;
        if (delta.function?.arguments) call.arguments += delta.function.arguments;
        calls.set(index, call);
      }
      const text = choice.delta?.content;
      if (text) {
        content += text;
        yield text;
      }
    }
  } finally {
    reader.releaseLock();
    await events.cancel().catch(() => {});
  }
  if (finish === null) throw fail("ended before the model finished.");
  const toolCalls = [...calls.entries()].sort(([a], [b]) => a - b).map(([index, c]) => ({ ...c, id: c.id || `call_${index}` }));
  const result: ChatResult = { content, toolCalls, finish: finishOf(finish, toolCalls.length > 0), usage, model };
  return result;
}
