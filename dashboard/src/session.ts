// The signed-in session: the API key lives in sessionStorage only (never a URL or cookie), with the project it maps to.
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { ApiClient } from "./api/client";

const KEY_ITEM = "shelf.apiKey";
const PROJECT_ITEM = "shelf.project";

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

/** Forgets the key. */
export function clearSession(): void {
  sessionStorage.removeItem(KEY_ITEM);
  sessionStorage.removeItem(PROJECT_ITEM);
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
