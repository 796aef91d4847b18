// A chat session's history → the model's transcript: each turn's prompt and its answer, in order.
import type { ChatMessage } from "../responses/chat-model";
import type { ChatEvent } from "./events";

/** Turns of history the model sees (the latest ones): bounds the prompt of a long session. */
export const MAX_TRANSCRIPT_TURNS = 20;

/**
 * One user message per `user_input` and one assistant message per `text` (the cleaned answer; its citations are not
 * repeated, since source numbers are given anew in each turn). Searches and their passages are left out.
 */
export function transcriptOf(events: readonly ChatEvent[]): ChatMessage[] {
  const turns: ChatMessage[][] = [];
  for (const event of events) {
    if (event.type === "user_input") turns.push([{ role: "user", content: event.content }]);
    else if (event.type === "text" && event.content !== "") turns[turns.length - 1]?.push({ role: "assistant", content: event.content });
  }
  return turns.slice(-MAX_TRANSCRIPT_TURNS).flat();
}

/** The session's generated_title: the first prompt on one line, at most 80 characters. */
export function titleOf(prompt: string): string {
  const line = prompt.replace(/\s+/g, " ").trim();
  // Counted in code points, so a cut never splits a surrogate pair (an emoji).
  const points = [...line];
  return points.length <= 80 ? line : `${points.slice(0, 79).join("")}…`;
}
