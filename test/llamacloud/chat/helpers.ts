// Chat over the LlamaCloud face inside workerd: a scripted Workers AI chat model through the composition root, SSE parsing.
import { FakeChatAi, type FakeChatReply } from "../../fakes/workers-ai-chat";

/** The env that turns chat on: LLM=workers-ai over a fake binding that answers `replies` in order. */
export function withModel(replies: FakeChatReply[]): { ai: FakeChatAi; env: Partial<Env> } {
  const ai = new FakeChatAi(replies);
  return { ai, env: { LLM: "workers-ai", AI: ai as unknown as Ai } as Partial<Env> };
}

/** The events of an SSE body: each frame's `data:` JSON, checked against its `event:` line. */
export function sseEvents(body: string): any[] {
  return body
    .split("\n\n")
    .filter((frame) => frame.trim() !== "")
    .map((frame) => {
      const event = /^event: (.+)$/m.exec(frame)?.[1];
      const data = JSON.parse(/^data: (.+)$/m.exec(frame)?.[1] ?? "null");
      if (data?.type !== event) throw new Error(`frame event ${event} carries ${JSON.stringify(data)}`);
      return data;
    });
}

/** A search call of the fake model, then its answer. */
export const searchThenAnswer = (queries: string[], answer: string): FakeChatReply[] => [{ tool_calls: [{ name: "file_search", arguments: { queries } }] }, { response: answer }];
