// Wire schema for POST /v1/responses (spec CreateResponse, trimmed to what Shelf runs; unknown top-level fields are ignored).
import { z } from "zod";
import { ID_PREFIX } from "../../core/ids";
import { SearchFilter } from "../../core/search/filters";
import { limitedJson } from "../../http/json-limits";
import { IdField } from "../../http/validation";
import { Metadata } from "../shared/schemas";
import { FILTER_LIMITS, HybridSearch } from "../vector-stores/search/schemas";

/** Stores one file_search tool may search (the spec sets no maximum; OpenAI's live limit is unconfirmed). */
export const MAX_TOOL_VECTOR_STORES = 10;

/**
 * A content part of a message: text parts are run; any other part (input_image, input_file, …) passes validation with
 * its `type` so the transcript can refuse it by name (core/responses/transcript.ts).
 */
const ContentPart = z.object({ type: z.string(), text: z.string().optional() }).loose();

/** EasyInputMessage / InputMessage / an assistant OutputMessage fed back (notes §1.3). */
const MessageItem = z.object({
  type: z.literal("message").optional(),
  id: IdField.optional(),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.union([z.string(), z.array(ContentPart)]),
});

/** Spec FileSearchToolCall fed back: replayed to the model with its results, dropped without them. */
const FileSearchCallItem = z
  .object({
    type: z.literal("file_search_call"),
    id: IdField,
    queries: z.array(z.string()),
    status: z.enum(["in_progress", "searching", "completed", "incomplete", "failed"]).optional(),
    results: z
      .array(
        z.object({
          file_id: z.string(),
          filename: z.string(),
          score: z.number(),
          text: z.string(),
          attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullable().optional().transform((a) => a ?? null),
        }),
      )
      .nullable()
      .optional(),
  })
  .loose();

/** Spec FunctionToolCall fed back. */
const FunctionCallItem = z.object({
  type: z.literal("function_call"),
  id: IdField.optional(),
  call_id: z.string().min(1).max(64),
  name: z.string().min(1).max(128),
  arguments: z.string(),
  status: z.enum(["in_progress", "completed", "incomplete"]).optional(),
});

/** Spec FunctionCallOutputItemParam: answers the function_call with the same call_id. */
const FunctionCallOutputItem = z.object({
  type: z.literal("function_call_output"),
  id: IdField.nullable().optional().transform((id) => id ?? undefined),
  call_id: z.string().min(1).max(64),
  output: z.union([z.string(), z.array(ContentPart)]),
});

/** Spec ItemReferenceParam: `{id}` with `type` "item_reference", null or absent. */
const ItemReference = z
  .object({ type: z.literal("item_reference").nullable().optional(), id: IdField })
  .transform((ref) => ({ type: "item_reference" as const, id: ref.id }));

export const InputItem = z.union([MessageItem, FileSearchCallItem, FunctionCallItem, FunctionCallOutputItem, ItemReference]);
export type InputItem = z.output<typeof InputItem>;

/** OpenAI's rule for ids such as previous_response_id (notes §1.2). */
const ID_CHARACTERS = /^[A-Za-z0-9_-]+$/;

const FileSearchTool = z.strictObject({
  type: z.literal("file_search"),
  vector_store_ids: z.array(z.string().startsWith(ID_PREFIX.vectorStore)).min(1).max(MAX_TOOL_VECTOR_STORES),
  max_num_results: z.number().int().min(1).max(50).default(20),
  filters: limitedJson(SearchFilter.nullable(), FILTER_LIMITS).optional(),
  ranking_options: z
    .strictObject({
      // The Assistants spelling default_2024_08_21 is accepted as well (notes §1.1).
      ranker: z.enum(["none", "auto", "default-2024-11-15", "default_2024_08_21"]).default("auto"),
      score_threshold: z.number().min(0).max(1).default(0),
      hybrid_search: HybridSearch.optional(),
    })
    .optional(),
});
export type FileSearchToolParam = z.output<typeof FileSearchTool>;

/** Spec FunctionTool: a function the client runs; the model's call of it ends the response with a function_call item. */
const FunctionTool = z.object({
  type: z.literal("function"),
  // Chat Completions' rule for function names (the upstream receives them as they are).
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "Expected a-z, A-Z, 0-9, underscores and dashes, at most 64 characters."),
  description: z.string().nullable().optional(),
  parameters: z.record(z.string(), z.unknown()).nullable().optional(),
  strict: z.boolean().nullable().optional(),
});
export type FunctionToolParam = z.output<typeof FunctionTool>;

const Tool = z.discriminatedUnion("type", [FileSearchTool, FunctionTool]);

/** Spec TextResponseFormatConfiguration: plain text, any JSON object, or JSON matching a named schema. */
const TextFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "Expected a-z, A-Z, 0-9, underscores and dashes, at most 64 characters."),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullable().optional(),
    description: z.string().optional(),
  }),
]);
export type TextFormatParam = z.output<typeof TextFormat>;

/** Tools per request: the spec sets no maximum; Chat Completions accepts at most 128 functions. */
export const MAX_TOOLS = 128;

/** Spec IncludeEnum. */
export const IncludeValue = z.enum([
  "file_search_call.results",
  "web_search_call.results",
  "web_search_call.action.sources",
  "message.input_image.image_url",
  "computer_call_output.output.image_url",
  "code_interpreter_call.outputs",
  "reasoning.encrypted_content",
  "message.output_text.logprobs",
]);

const ToolChoice = z.union([
  z.enum(["none", "auto", "required"]),
  z.strictObject({ type: z.literal("file_search") }),
  z.strictObject({ type: z.literal("function"), name: z.string().min(1) }),
]);

export const CreateResponseParams = z
  .object({
    model: z.string().min(1).max(256),
    // Optional only together with previous_response_id (checked below).
    input: z.union([z.string(), z.array(InputItem).min(1)]).optional(),
    instructions: z.string().nullable().optional(),
    tools: z.array(Tool).max(MAX_TOOLS).default([]),
    tool_choice: ToolChoice.default("auto"),
    // Spec IncludeEnum: file_search_call.results is honoured, the others are accepted and ignored (notes §1).
    include: z.array(IncludeValue).max(IncludeValue.options.length).nullable().optional(),
    metadata: Metadata.nullable().optional(),
    temperature: z.number().min(0).max(2).nullable().optional(),
    top_p: z.number().min(0).max(1).nullable().optional(),
    max_output_tokens: z.number().int().min(16).nullable().optional(),
    parallel_tool_calls: z.boolean().nullable().optional(),
    stream: z.boolean().nullable().optional(),
    store: z.boolean().nullable().optional(),
    previous_response_id: IdField.nullable().optional(),
    background: z.boolean().nullable().optional(),
    // Not supported (400 below); typed here so they are checked instead of silently ignored.
    conversation: z.unknown().optional(),
    prompt: z.unknown().optional(),
    max_tool_calls: z.number().int().min(0).nullable().optional(),
    text: z.object({ format: TextFormat.optional(), verbosity: z.enum(["low", "medium", "high"]).nullable().optional() }).nullable().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.input === undefined && body.previous_response_id == null)
      ctx.addIssue({ code: "custom", path: ["input"], message: "Invalid 'input': input is required unless previous_response_id names the response to continue.", params: { code: "missing_required_parameter" } });
    const previous = body.previous_response_id;
    if (previous != null && !ID_CHARACTERS.test(previous))
      ctx.addIssue({
        code: "custom",
        path: ["previous_response_id"],
        message: `Invalid 'previous_response_id': '${previous}'. Expected an ID that contains letters, numbers, underscores, or dashes, but this value contained additional characters.`,
        params: { code: "invalid_value" },
      });
    const names = new Set<string>();
    let fileSearchTools = 0;
    for (const [i, tool] of body.tools.entries()) {
      if (tool.type === "file_search" && ++fileSearchTools > 1)
        ctx.addIssue({ code: "custom", path: ["tools", i], message: "Only one file_search tool is supported per request." });
      if (tool.type !== "function") continue;
      // The model's file_search function is Shelf's; a client function of that name would be ambiguous (notes §7.2).
      if (tool.name === "file_search")
        ctx.addIssue({ code: "custom", path: ["tools", i, "name"], message: "The function name 'file_search' is reserved for the file_search tool." });
      else if (names.has(tool.name)) ctx.addIssue({ code: "custom", path: ["tools", i, "name"], message: `Duplicate function name '${tool.name}'.` });
      names.add(tool.name);
    }
    const choice = body.tool_choice;
    if (typeof choice === "object" && choice.type === "function" && !names.has(choice.name))
      ctx.addIssue({ code: "custom", path: ["tool_choice"], message: `Invalid 'tool_choice': no function named '${choice.name}' in 'tools'.`, params: { code: "invalid_value" } });
    for (const field of ["conversation", "prompt"] as const)
      if (body[field] != null)
        ctx.addIssue({ code: "custom", path: [field], message: `'${field}' is not supported by Shelf; send the conversation as input items or use previous_response_id.`, params: { code: "unsupported_parameter" } });
    if (body.background === true)
      ctx.addIssue({ code: "custom", path: ["background"], message: "background responses are not supported.", params: { code: "unsupported_parameter" } });
  });
export type CreateResponseParams = z.output<typeof CreateResponseParams>;
