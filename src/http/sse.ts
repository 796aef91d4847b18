// Server-Sent Events framing shared by the streaming endpoints of both faces.

/** One frame: `event:` the event's `type`, `data:` the JSON of the whole event (which repeats the type). */
export function sseFrame(event: { type?: unknown }): string {
  return `event: ${String(event.type)}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** The headers of an event stream. */
export const SSE_HEADERS = { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" } as const;
