// Loads data for a page: the value, the last error (an ApiCallError), and a reload that keeps the old value visible.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { asApiError, type ApiCallError } from "../api/errors";

/** State of a load: `data` stays until a newer load succeeds, so a failed reload does not blank the page. */
export interface Loaded<T> {
  data: T | undefined;
  error: ApiCallError | null;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replaces the value, or updates it from the latest one (safe when several answers land at once). */
  update: (fn: (current: T) => T) => void;
}

/** Runs `load` now and whenever `deps` change; answers of a superseded run are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiCallError | null>(null);
  const [loading, setLoading] = useState(true);
  const run = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++run.current;
    setLoading(true);
    try {
      const value = await load();
      if (mine !== run.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine === run.current) setError(asApiError(e));
    } finally {
      if (mine === run.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  const update = useCallback((fn: (current: T) => T) => setData((cur) => (cur === undefined ? cur : fn(cur))), []);
  return { data, error, loading, reload, update };
}

/** Wraps an action: `busy` while it runs, its error kept for display; answers whether it succeeded. */
export function useAction(): { busy: boolean; error: ApiCallError | null; clear: () => void; run: (fn: () => Promise<void>) => Promise<boolean> } {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(null);
  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(asApiError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, clear: () => setError(null), run };
}
