// Polls while something is processing, as often as the API's `openai-poll-after-ms` header asks.
import { useEffect, useRef } from "preact/hooks";

/** Delay used when an in-progress answer carries no `openai-poll-after-ms` (ms). */
export const DEFAULT_POLL_MS = 1000;

/** The poll delay an answer asks for (ms), or null when it has none (the object is no longer processing). */
export function pollAfterMs(headers: Headers): number | null {
  const v = headers.get("openai-poll-after-ms");
  const n = v === null ? NaN : Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/**
 * While `active`, calls `tick` and then again after the delay it answers (ms); null stops. Stops on unmount, and a
 * thrown error stops polling too (the tick shows it).
 */
export function usePolling(active: boolean, tick: () => Promise<number | null>): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      let next: number | null = null;
      try {
        next = await latest.current();
      } catch {
        next = null;
      }
      if (!stopped && next !== null) timer = setTimeout(run, next);
    };
    timer = setTimeout(run, 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [active]);
}
