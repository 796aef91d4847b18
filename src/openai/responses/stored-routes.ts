// GET /v1/responses/{id}, DELETE /v1/responses/{id}, GET /v1/responses/{id}/input_items: stored responses of this project.
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../http/app-env";
import { badRequest, notFound } from "../../http/errors";
import { parseOrThrow, pathId, queryParams } from "../../http/validation";
import { ID_PREFIX } from "../../core/ids";
import type { StoredResponse } from "../../core/responses/response-store";
import { listResponse } from "../shared/list";
import { ListQuery } from "../shared/schemas";
import { IncludeValue } from "./schemas";
import { wireItem, wireResponse, type ResponseEcho } from "./serialize";

/** limit 1..100 (default 20), order (default desc), after; `include` is read apart (the SDK sends `include[]`). */
const InputItemsQuery = ListQuery.omit({ before: true }).loose();

/** Whether `include` (or `include[]`, as the SDKs send it) asks for file_search_call.results; 400 on an unknown value. */
function includesResults(c: Context<AppEnv>): boolean {
  const all = c.req.queries();
  const values = [...(all["include"] ?? []), ...(all["include[]"] ?? [])];
  return parseOrThrow(z.array(IncludeValue), values, ["include"]).includes("file_search_call.results");
}

/** The stored response named by the path, or the 404 OpenAI answers for an unknown, deleted, expired or foreign id. */
async function storedResponse(c: Context<AppEnv>): Promise<StoredResponse> {
  const id = pathId(c, "response_id", ID_PREFIX.response);
  const stored = await c.get("services").responses.get(c.get("projectId"), id);
  if (!stored) throw notFound("response", id);
  return stored;
}

export function storedResponseRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/:response_id", async (c) => {
    const include = includesResults(c);
    if (c.req.query("stream") === "true") throw badRequest("Streaming a stored response is not supported: retrieve it without stream.", "stream", "unsupported_parameter");
    const stored = await storedResponse(c);
    // The echo was written by responseEcho when the response was created.
    return c.json(wireResponse(stored.response, stored.echo as ResponseEcho, include));
  });

  app.delete("/:response_id", async (c) => {
    const id = pathId(c, "response_id", ID_PREFIX.response);
    if (!(await c.get("services").responses.remove(c.get("projectId"), id))) throw notFound("response", id);
    return c.json({ id, object: "response" as const, deleted: true as const });
  });

  app.get("/:response_id/input_items", async (c) => {
    const include = includesResults(c);
    const q = queryParams(c, InputItemsQuery);
    const stored = await storedResponse(c);
    const ordered = q.order === "asc" ? stored.input : [...stored.input].reverse();
    let start = 0;
    if (q.after !== undefined) {
      const at = ordered.findIndex((item) => item.id === q.after);
      if (at < 0) throw badRequest(`Invalid 'after': no input item found with id '${q.after}' in this response.`, "after");
      start = at + 1;
    }
    const page = { data: ordered.slice(start, start + q.limit), hasMore: start + q.limit < ordered.length };
    return c.json(listResponse(page, (item) => wireItem(item, include)));
  });

  return app;
}
