// stream: true — the engine's events as Server-Sent Events; the finished response is stored before its terminal event.
import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import type { ResponseEvent, ResponseState } from "../../core/responses/items";
import { SSE_HEADERS, sseFrame } from "../../http/sse";
import { wireEvent, type ResponseEcho } from "./serialize";

/** How a stream's events are shown and what happens to the finished response. */
export interface StreamOptions {
  echo: ResponseEcho;
  includeResults: boolean;
  /** Called with the terminal response (completed, incomplete or failed) before its event is sent. */
  store: (response: ResponseState) => Promise<void>;
  /**
   * Whether the run goes on after the client disconnects (store: true): the response is finished and stored (within the
   * platform's waitUntil allowance), so the client can GET it. With store: false nobody could read it: the run stops.
   */
  keepRunning: boolean;
  /** Called when the client goes away from a run that does not keep running (it aborts the upstream call in flight). */
  onCancel?: () => void;
}

const TERMINAL = new Set<ResponseEvent["type"]>(["response.completed", "response.incomplete", "response.failed"]);

/**
 * The SSE response. The engine is driven by its own task (held by waitUntil), not by the reader, so a disconnect
 * does not lose a stored response; events are small, so buffering them for a slow reader is harmless.
 */
export function streamResponse(c: Context<AppEnv>, events: AsyncGenerator<ResponseEvent>, options: StreamOptions): Response {
  const encoder = new TextEncoder();
  let disconnected = false;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const send = (frame: string) => {
    if (disconnected) return;
    try {
      controller.enqueue(encoder.encode(frame));
    } catch {
      disconnected = true;
    }
  };
  const run = async () => {
    try {
      for await (const event of events) {
        if (disconnected && !options.keepRunning) break;
        if ("response" in event && TERMINAL.has(event.type)) {
          // A failure to store must not cost the client its answer: logged, and the stream still ends normally.
          await options.store(event.response).catch((error: unknown) =>
            console.error(JSON.stringify({ level: "error", msg: "storing a streamed response failed", response_id: event.response.id, error: String(error) })),
          );
        }
        send(sseFrame(wireEvent(event, options.echo, options.includeResults)));
      }
      if (!disconnected) controller.close();
    } catch (error) {
      console.error(JSON.stringify({ level: "error", msg: "response stream failed", error: String(error) }));
      if (!disconnected) controller.error(error);
    }
  };
  const stream = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      c.executionCtx.waitUntil(run());
    },
    cancel() {
      disconnected = true;
      if (!options.keepRunning) options.onCancel?.();
    },
  });
  return new Response(stream, { headers: SSE_HEADERS });
}
