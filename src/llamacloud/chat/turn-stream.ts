// A chat turn as a Server-Sent Events body, which also hands the turn's events to history exactly once.
import type { ChatEvent } from "../../core/chat/events";
import { sseFrame } from "../../http/sse";

type StopEvent = ChatEvent & { type: "stop" };

/** A stop for a turn that ended without the engine's own (a server error, a client gone); usage unknown, so zero. */
const failedStop = (error: string): StopEvent => ({ type: "stop", error, is_error: true, usage: { duration_ms: 0, total_input_tokens: 0, total_output_tokens: 0, turns: 0 } });

/**
 * Sends `input` (already kept when the turn began), then each event of `events`. `keep` gets the turn's other events,
 * ending in a stop, exactly once: before that stop is sent (so a client that saw it reads the whole turn back), or
 * when the client cancels. An exception of the turn is logged with `onError` and becomes an error stop.
 */
export function turnStream(input: ChatEvent, events: AsyncGenerator<ChatEvent>, keep: (events: ChatEvent[], stop: StopEvent) => Promise<void>, onError: (error: unknown) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const kept: ChatEvent[] = [];
  let finished = false;
  let cancelled = false;
  const finish = async (stop: StopEvent) => {
    if (finished) return;
    finished = true;
    await keep([...kept, stop], stop);
  };
  let sentInput = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!sentInput) {
        sentInput = true;
        return controller.enqueue(encoder.encode(sseFrame(input)));
      }
      let next: IteratorResult<ChatEvent>;
      try {
        next = await events.next();
      } catch (error) {
        onError(error);
        next = { done: false, value: failedStop("The chat turn failed on the server.") };
      }
      // A pull under way when the client left: cancel() has kept the turn.
      if (cancelled) return;
      if (next.done) return controller.close();
      const event = next.value;
      if (event.type !== "stop") {
        kept.push(event);
        return controller.enqueue(encoder.encode(sseFrame(event)));
      }
      await finish(event);
      controller.enqueue(encoder.encode(sseFrame(event)));
      controller.close();
    },
    async cancel() {
      cancelled = true;
      await events.return(undefined);
      await finish(failedStop("The client disconnected before the turn ended."));
    },
  });
}
