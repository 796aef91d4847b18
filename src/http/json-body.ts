// The one reader of JSON request bodies (both faces): a byte cap, strict UTF-8, the text rule, then the schema.
import type { Context } from "hono";
import type { z } from "zod";
import { badRequest, requestTooLarge, type ApiError } from "./errors";
import { describeViolation, inspectJson } from "./json-limits";
import { paramOf, parseOrThrow } from "./validation";

/**
 * Cap on a whole JSON body (413 above it). Generous: the largest field a schema accepts is far smaller, so an
 * oversized field (a 10 MB `system_metadata`) still gets that field's 400, and a 2,000-file batch with attributes fits.
 * It bounds what one request buffers in a 128 MB isolate; the Workers platform itself allows 100 MB bodies.
 */
export const MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Objects and arrays nested inside one another anywhere in a body. Every field's own limit is lower; this backstop
 * also covers keys a schema ignores, so no accepted body can overflow a recursive `JSON.stringify` or schema.
 */
export const MAX_JSON_BODY_DEPTH = 64;

const INVALID_JSON =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

/** The body as text, refused with 413 once it passes `maxBytes` (by Content-Length, or while streaming without one). */
async function readCapped(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw requestTooLarge(maxBytes);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw requestTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(all);
  } catch {
    throw badRequest("The request body is not valid UTF-8.", null, "invalid_json");
  }
}

/**
 * Checks every top-level field of a parsed body: a lone surrogate anywhere throws now (the one text rule); a field
 * nested deeper than MAX_JSON_BODY_DEPTH is returned, to be raised only if the schema accepts the body (a field with
 * its own, lower limit answers with that limit first).
 */
function checkFields(body: Record<string, unknown>): ApiError | null {
  let tooDeep: ApiError | null = null;
  for (const [key, value] of Object.entries(body)) {
    const violation = inspectJson({ [key]: value }, { maxDepth: MAX_JSON_BODY_DEPTH + 1 });
    if (!violation) continue;
    const { message, code } = describeViolation(violation);
    const param = violation.kind === "too_deep" ? key : paramOf(violation.path);
    const error = badRequest(`Invalid ${param ? `'${param}'` : "request body"}: ${message}`, param || null, code);
    if (violation.kind === "lone_surrogate") throw error;
    tooDeep ??= error;
  }
  return tooDeep;
}

/** Reads a JSON body; empty bodies count as `{}` so endpoints with all-optional fields accept none. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await readCapped(c.req.raw, MAX_JSON_BODY_BYTES);
  let data: unknown = {};
  if (text.trim() !== "") {
    try {
      data = JSON.parse(text);
    } catch {
      throw badRequest(INVALID_JSON, null, "invalid_json");
    }
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw badRequest("The request body must be a JSON object.", null, "invalid_type");
  const tooDeep = checkFields(data as Record<string, unknown>);
  const parsed = parseOrThrow(schema, data);
  if (tooDeep) throw tooDeep;
  return parsed;
}
