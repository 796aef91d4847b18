// /api/v1/chat: sessions (create, list, retrieve, summary, delete) and a turn streamed as Server-Sent Events.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { badRequest, notFound } from "../../http/errors";
import { jsonBody } from "../../http/json-body";
import { SSE_HEADERS } from "../../http/sse";
import { newResponseId } from "../../core/ids";
import { indexSearchRunner } from "../../core/chat/index-search";
import { runChatTurn } from "../../core/chat/turn";
import type { ChatEvent, ChatJobMetadata } from "../../core/chat/events";
import type { ChatModel } from "../../core/responses/chat-model";
import { bySequence, pageRequest, pageResponse } from "../shared/pagination";
import { valueOrThrow } from "../shared/failures";
import { llamaQuery } from "../shared/query";
import { resolveIndexes, searchableIndexes } from "./indexes";
import { ChatCreateParams, ChatListQuery, ChatStreamParams } from "./schemas";
import { serializeSession, serializeSessionWithEvents } from "./serialize";
import { turnStream } from "./turn-stream";

/** The configured model and the name sent upstream; 400 naming the setting when chat cannot run. */
function chatModelOf(c: Context<AppEnv>): { model: ChatModel; name: string } {
  const { chatModel, config } = c.get("services");
  if (!chatModel)
    throw badRequest("No model is configured for chat: set LLM=openai with LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY), or LLM=workers-ai.", null, "model_not_configured");
  // A chat request names no model: an OpenAI-compatible upstream needs LLM_MODEL; Workers AI falls back to its default.
  if (chatModel.kind === "openai" && !config.LLM_MODEL)
    throw badRequest("LlamaCloud chat requests name no model: set LLM_MODEL to the upstream model to use.", null, "model_not_configured");
  return { model: chatModel, name: config.LLM_MODEL ?? "default" };
}

/** The session's job_metadata after a turn: its stop event, with the export stores it searched. */
function jobOf(stop: ChatEvent & { type: "stop" }, exportConfigIds: string[]): ChatJobMetadata {
  return { ...stop.usage, error: stop.error, is_error: stop.is_error, export_config_ids: exportConfigIds };
}

export function chatRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const body = await jsonBody(c, ChatCreateParams);
    const indexes = body.index_ids ? await resolveIndexes(c, body.index_ids, "index_ids") : null;
    const row = await c.get("services").chat.create(c.get("projectId"), { indexIds: indexes?.map((i) => i.id) ?? null, sharedAccess: body.shared_access ?? false });
    return c.json(serializeSession(row));
  });

  app.get("/", async (c) => {
    const page = await c.get("services").chat.list(c.get("projectId"), pageRequest(llamaQuery(c, ChatListQuery)));
    return c.json(pageResponse(page, serializeSession, bySequence));
  });

  app.get("/:session_id", async (c) => {
    const id = c.req.param("session_id");
    const found = await c.get("services").chat.history(c.get("projectId"), id);
    if (!found) throw notFound("chat_session", id, "session_id");
    return c.json(serializeSessionWithEvents(found.session, found.events));
  });

  app.get("/:session_id/summary", async (c) => {
    const id = c.req.param("session_id");
    const row = await c.get("services").chat.get(c.get("projectId"), id);
    if (!row) throw notFound("chat_session", id, "session_id");
    return c.json(serializeSession(row));
  });

  app.delete("/:session_id", async (c) => {
    const id = c.req.param("session_id");
    if (!(await c.get("services").chat.delete(c.get("projectId"), id))) throw notFound("chat_session", id, "session_id");
    return c.body(null, 204);
  });

  app.post("/:session_id/messages/stream", async (c) => {
    const id = c.req.param("session_id");
    const body = await jsonBody(c, ChatStreamParams);
    const s = c.get("services");
    const projectId = c.get("projectId");
    if (!(await s.chat.get(projectId, id))) throw notFound("chat_session", id, "session_id");
    const rows = await resolveIndexes(c, body.index_ids, "index_ids");
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    const { searchable, skipped } = await searchableIndexes(c, unique, body.require_all_indexes ?? false);
    // Checked after the request (so a bad request reads the same with or without a model), before the turn begins.
    const { model, name } = chatModelOf(c);
    const input: ChatEvent & { type: "user_input" } = { type: "user_input", content: body.prompt };
    const { turn, transcript } = valueOrThrow(await s.chat.beginTurn(projectId, id, unique.map((r) => r.id), input));
    const exportConfigIds = searchable.map((i) => i.vectorStoreId);
    const events = runChatTurn(model, { id: newResponseId(), model: name, transcript, fileSearch: indexSearchRunner(s.retrieval, searchable), skippedIndexIds: skipped });

    const stream = turnStream(
      input,
      events,
      (turnEvents, stop) => s.chat.finishTurn(id, turn, turnEvents, jobOf(stop, exportConfigIds)),
      (error) => console.error(JSON.stringify({ level: "error", request_id: c.get("requestId"), path: c.req.path, error: String(error) })),
    );
    return new Response(stream, { headers: SSE_HEADERS });
  });

  return app;
}
