// Form state that survives leaving the page and reloading the tab (sessionStorage), so no typed input is lost.
import { useEffect, useState } from "preact/hooks";

/**
 * Like useState, but kept in sessionStorage under `key` as JSON (this tab only, like the API key). `initial` is used
 * when nothing is stored, the stored text is not JSON, or storage is unavailable.
 */
export function useStoredState<T>(key: string, initial: () => T): [T, (next: T | ((cur: T) => T)) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const text = sessionStorage.getItem(key);
      return text === null ? initial() : (JSON.parse(text) as T);
    } catch {
      return initial();
    }
  });
  useEffect(() => {
    try {
      sessionStorage.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or blocked: the form still works, it is only not kept across reloads.
    }
  }, [key, value]);
  return [value, setValue];
}
