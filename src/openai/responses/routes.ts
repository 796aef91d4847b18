// POST /v1/responses: validate everything, resolve the file_search stores and the conversation, run the model loop (JSON or
// SSE), and store the finished response unless store: false. GET/DELETE/input_items are in stored-routes.ts.
import { Hono, type Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { badRequest, notFound } from "../../http/errors";
import { jsonBody } from "../../http/json-body";
import { newResponseId } from "../../core/ids";
import type { ChatTool } from "../../core/responses/chat-model";
import { runResponse, type FileSearchRunner } from "../../core/responses/engine";
import type { FileSearchResult, ResponseState } from "../../core/responses/items";
import { resolveConversation } from "./conversation";
import { CreateResponseParams, type FileSearchToolParam, type FunctionToolParam } from "./schemas";
import { responseEcho, wireResponse } from "./serialize";
import { storedResponseRoutes } from "./stored-routes";
import { streamResponse } from "./stream";

/** Checks every store of the tool before any output: another project's or an unknown store is a 404 in the store's words. */
async function checkStores(c: Context<AppEnv>, tool: FileSearchToolParam, toolIndex: number): Promise<void> {
  const services = c.get("services");
  for (const [i, id] of tool.vector_store_ids.entries()) {
    const row = await services.vectorStores.getRow(c.get("projectId"), id);
    if (!row) throw notFound("vector_store", id, `tools[${toolIndex}].vector_store_ids[${i}]`);
    if (row.status === "expired") throw badRequest(`Vector store '${id}' has expired.`, `tools[${toolIndex}].vector_store_ids[${i}]`, "vector_store_expired");
  }
}

/** A client function as the model sees it (a missing `parameters` = no arguments). */
function chatTool(tool: FunctionToolParam): ChatTool {
  return { name: tool.name, description: tool.description ?? "", parameters: tool.parameters ?? { type: "object", properties: {} } };
}

/** Searches every store of the tool with its filters and ranking options (the vector-store search core), best files first. */
function fileSearchRunner(c: Context<AppEnv>, tool: FileSearchToolParam): FileSearchRunner {
  const search = c.get("services").search;
  const ranking = tool.ranking_options;
  return async (queries) => {
    const perStore = await Promise.all(
      tool.vector_store_ids.map(async (storeId) => {
        const result = await search.search(storeId, {
          queries,
          rewrite: false,
          maxResults: tool.max_num_results,
          filter: tool.filters ?? null,
          ranker: ranking?.ranker === "default_2024_08_21" ? "auto" : (ranking?.ranker ?? "auto"),
          scoreThreshold: ranking?.score_threshold ?? 0,
          weights: ranking?.hybrid_search ? { embedding: ranking.hybrid_search.embedding_weight, text: ranking.hybrid_search.text_weight } : null,
        });
        // The model reads this message: it names no store id (the model never sees one).
        if (result === "missing") throw new Error("A vector store of this search was deleted.");
        if (result === "expired") throw new Error("A vector store of this search has expired.");
        return result.hits.map((h): FileSearchResult => ({
          file_id: h.fileId,
          filename: h.filename,
          score: h.score,
          text: h.chunks.map((chunk) => chunk.text).join("\n\n"),
          attributes: h.attributes,
        }));
      }),
    );
    return perStore
      .flat()
      .sort((a, b) => b.score - a.score)
      .slice(0, tool.max_num_results);
  };
}

export function responseRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/", async (c) => {
    const model = c.get("services").chatModel;
    if (!model)
      throw badRequest("No model is configured for the Responses API: set LLM=openai with LLM_BASE_URL (and LLM_API_KEY, optionally LLM_MODEL).", "model", "model_not_configured");
    const body = await jsonBody(c, CreateResponseParams);
    const toolIndex = body.tools.findIndex((t) => t.type === "file_search");
    const tool = toolIndex < 0 ? undefined : (body.tools[toolIndex] as FileSearchToolParam);
    const functions = body.tools.flatMap((t) => (t.type === "function" ? [chatTool(t)] : []));
    const choice = body.tool_choice;
    if ((choice === "required" && body.tools.length === 0) || (typeof choice === "object" && choice.type === "file_search" && !tool))
      throw badRequest(`Invalid 'tool_choice': it requires ${choice === "required" ? "a tool" : "a file_search tool"} in 'tools'.`, "tool_choice", "invalid_value");
    if (tool) await checkStores(c, tool, toolIndex);
    const conversation = await resolveConversation(c, body);
    const format = body.text?.format;
    const echo = responseEcho(body);
    const includeResults = body.include?.includes("file_search_call.results") ?? false;
    // Aborted when the client goes away from a run that will not be stored: the upstream call in flight is cancelled too.
    const gone = new AbortController();
    const events = runResponse(model, {
      id: newResponseId(),
      model: body.model,
      messages: conversation.messages,
      priorSources: conversation.sources,
      fileSearch: tool ? fileSearchRunner(c, tool) : null,
      toolChoice: typeof choice === "string" ? choice : { name: choice.type === "function" ? choice.name : "file_search" },
      functions,
      maxToolCalls: body.max_tool_calls ?? undefined,
      responseFormat: format && format.type !== "text" ? format : undefined,
      parallelToolCalls: body.parallel_tool_calls ?? undefined,
      toolCalling: c.get("services").config.LLM_TOOLS,
      signal: gone.signal,
      temperature: body.temperature ?? undefined,
      topP: body.top_p ?? undefined,
      maxOutputTokens: body.max_output_tokens ?? undefined,
    });
    const projectId = c.get("projectId");
    const store = async (response: ResponseState) => {
      if (body.store === false) return;
      await c.get("services").responses.save(projectId, { v: 1, previous_response_id: body.previous_response_id ?? null, response, echo, input: conversation.input, history: conversation.history });
    };
    if (body.stream)
      return streamResponse(c, events, { echo, includeResults, store, keepRunning: body.store !== false, onCancel: () => gone.abort() });
    let last: ResponseState | null = null;
    for await (const event of events) if ("response" in event) last = event.response;
    if (!last || last.status === "in_progress") throw new Error("The response engine ended without a terminal event.");
    await store(last);
    return c.json(wireResponse(last, echo, includeResults));
  });

  app.route("/", storedResponseRoutes());
  return app;
}
