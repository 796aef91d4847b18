// Presigned download URLs: LlamaCloud's files.content answers with {url, expires_at}, and the URL needs no API key.
import { Hono } from "hono";
import type { AppEnv } from "../../http/app-env";
import { notFound, unauthorized } from "../../http/errors";
import { fileDownloadResponse } from "../../http/file-response";

const encoder = new TextEncoder();

/** Derived from API_KEYS: only the server knows them, and rotating the keys invalidates every outstanding URL. */
async function signingKey(env: Env): Promise<CryptoKey | null> {
  if (!env.API_KEYS) return null;
  const material = await crypto.subtle.digest("SHA-256", encoder.encode(`shelf-download-url\n${env.API_KEYS}`));
  return crypto.subtle.importKey("raw", material, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

const signed = (fileId: string, projectId: string, expires: number) => encoder.encode(`${fileId}\n${projectId}\n${expires}`);
const toB64Url = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function fromB64Url(text: string): Uint8Array | null {
  try {
    return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** A URL on this server (`origin`) that serves the file's bytes until `ttlSeconds` from now. */
export async function presignedDownload(env: Env, origin: string, fileId: string, projectId: string, ttlSeconds: number) {
  const key = await signingKey(env);
  if (!key) throw new Error("API_KEYS is empty: there is no key to sign download URLs with");
  const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
  const signature = toB64Url(await crypto.subtle.sign("HMAC", key, signed(fileId, projectId, expires)));
  const url = new URL(`/downloads/files/${encodeURIComponent(fileId)}`, origin);
  url.search = new URLSearchParams({ project: projectId, expires: String(expires), signature }).toString();
  return { url: url.toString(), expires_at: new Date(expires * 1000).toISOString(), form_fields: null };
}

/** GET /downloads/files/{file_id}?project&expires&signature — mounted outside the Bearer-key routes. */
export function downloadRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/files/:file_id", async (c) => {
    const fileId = c.req.param("file_id");
    const project = c.req.query("project") ?? "";
    const expires = Number(c.req.query("expires"));
    const signature = fromB64Url(c.req.query("signature") ?? "");
    const key = await signingKey(c.env);
    // crypto.subtle.verify compares in constant time.
    const valid = !!key && !!signature && Number.isInteger(expires) && expires > Date.now() / 1000 && (await crypto.subtle.verify("HMAC", key, signature, signed(fileId, project, expires)));
    if (!valid) throw unauthorized("The download URL is invalid or has expired. Ask files.content for a new one.");
    const found = await c.get("services").files.content(project, fileId);
    if (!found) throw notFound("file", fileId);
    return fileDownloadResponse(found.row, found.body);
  });
  return app;
}
