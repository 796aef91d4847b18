// Drives the worker's HTTP face inside workerd, the way a client would.
import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import worker from "../src/index";
import type { SearchResult } from "../src/core/search/search-service";

export const KEY_A = "sk-test";
export const KEY_B = "sk-other";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** `env` swaps configuration through the composition root for this one request (e.g. LLM with a fake AI binding). */
export async function api<T = any>(method: string, path: string, init: { json?: unknown; form?: FormData; raw?: BodyInit; key?: string | null; headers?: Record<string, string>; env?: Partial<Env> } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  const key = init.key === undefined ? KEY_A : init.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  let body: BodyInit | undefined = init.raw;
  if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  if (init.form) body = init.form;
  const request = new Request(`http://shelf.test${path}`, { method, headers, body });
  const res = init.env ? await worker.fetch(request, { ...env, ...init.env }, createExecutionContext()) : await exports.default.fetch(request);
  const type = res.headers.get("content-type") ?? "";
  const parsed = type.includes("application/json") ? await res.json() : await res.text();
  return { status: res.status, headers: res.headers, body: parsed as T };
}

export async function uploadFile(name: string, content: string | Uint8Array, purpose = "assistants", key?: string): Promise<any> {
  const form = new FormData();
  form.append("file", new File([content], name));
  form.append("purpose", purpose);
  const res = await api("POST", "/v1/files", { form, key });
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The raw response, for byte-exact content checks. */
export async function fetchRaw(path: string, key = KEY_A): Promise<Response> {
  return exports.default.fetch(new Request(`http://shelf.test${path}`, { headers: { authorization: `Bearer ${key}` } }));
}

/** SearchService results of a live store: "expired" or "missing" fails the test. */
export function searchOk(result: SearchResult | "expired" | "missing"): SearchResult {
  if (typeof result === "string") throw new Error(`search answered ${result}`);
  return result;
}
