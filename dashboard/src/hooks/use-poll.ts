// Re-runs a refresh while a condition holds (a sync running), and stops when it no longer does or the page closes.
import { useEffect } from "preact/hooks";

/**
 * Calls `refresh` every `intervalMs` while `active` is true; one refresh at a time (the next waits for the last).
 * `intervalMs` is the API's `openai-poll-after-ms` where it sends one, else the page's own choice.
 */
export function usePoll(active: boolean, refresh: () => Promise<void>, intervalMs: number): void {
  useEffect(() => {
    if (!active) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      await refresh();
      if (live) timer = setTimeout(() => void tick(), intervalMs);
    };
    timer = setTimeout(() => void tick(), intervalMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [active, refresh, intervalMs]);
}
