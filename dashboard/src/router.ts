// Hash routing (`#/files`, `#/stores/vs_…`): the Worker and its assets only ever serve `/` and `/assets/*`.
import { useEffect, useState } from "preact/hooks";

/** The current hash path without the leading `#`, e.g. "/stores/vs_abc"; "/" when empty. */
export function currentPath(): string {
  const h = location.hash.replace(/^#/, "");
  return h.startsWith("/") ? h : "/";
}

/** Re-renders on every hash change; answers the current path. */
export function useHashPath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    const on = () => setPath(currentPath());
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return path;
}

/** The href of a dashboard path (segments are URI-encoded by the caller via `pathOf`). */
export function href(path: string): string {
  return `#${path}`;
}

/** Joins raw segments into a path, encoding each (ids and names are never trusted to be URL-safe). */
export function pathOf(...segments: string[]): string {
  return "/" + segments.map(encodeURIComponent).join("/");
}

/** Navigates to a dashboard path. */
export function navigate(path: string): void {
  location.hash = path;
}

/**
 * Matches `pattern` ("/stores/:id/files/:fileId") against `path`; answers the decoded params, or null.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("?")[0]!.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const part = p[i]!;
    const seg = s[i]!;
    if (part.startsWith(":")) {
      try {
        params[part.slice(1)] = decodeURIComponent(seg);
      } catch {
        return null;
      }
    } else if (part !== seg) return null;
  }
  return params;
}
