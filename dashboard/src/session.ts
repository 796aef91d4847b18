// The signed-in session: the API key lives in sessionStorage only (never a URL or cookie), with the project it maps to.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { ApiClient } from "./api/client";

/** Every sessionStorage item of the dashboard starts with this (the key, its project, saved playground forms). */
export const STORAGE_PREFIX = "shelf.";
const KEY_ITEM = `${STORAGE_PREFIX}apiKey`;
const PROJECT_ITEM = `${STORAGE_PREFIX}project`;

/** What every page gets: the client for the signed-in key, the key's project, and sign-out. */
export interface Session {
  api: ApiClient;
  project: string | null;
  signOut(): void;
}

/** The stored key and project, or null when signed out (or storage is unavailable). */
export function storedSession(): { apiKey: string; project: string | null } | null {
  try {
    const apiKey = sessionStorage.getItem(KEY_ITEM);
    return apiKey ? { apiKey, project: sessionStorage.getItem(PROJECT_ITEM) } : null;
  } catch {
    return null;
  }
}

/** Keeps the key for this tab only. */
export function storeSession(apiKey: string, project: string | null): void {
  sessionStorage.setItem(KEY_ITEM, apiKey);
  if (project) sessionStorage.setItem(PROJECT_ITEM, project);
  else sessionStorage.removeItem(PROJECT_ITEM);
}

/** Forgets the key and everything else the dashboard kept in this tab (every `shelf.*` item: saved forms too). */
export function clearSession(): void {
  try {
    const ours = Array.from({ length: sessionStorage.length }, (_, i) => sessionStorage.key(i)).filter((k): k is string => k !== null && k.startsWith(STORAGE_PREFIX));
    for (const k of ours) sessionStorage.removeItem(k);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}

/**
 * Checks a key with one cheap public call (GET /v1/files?limit=1) and reads its project from the `openai-project`
 * header every authenticated answer carries. Throws ApiCallError (401 for a wrong key).
 */
export async function signIn(apiKey: string): Promise<{ apiKey: string; project: string | null }> {
  const res = await new ApiClient(apiKey).call("GET", "/v1/files", { query: { limit: 1 } });
  return { apiKey, project: res.headers.get("openai-project") };
}

export const SessionContext = createContext<Session | null>(null);

/** The session of a signed-in page (pages render only inside the signed-in layout). */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside a signed-in page");
  return s;
}
