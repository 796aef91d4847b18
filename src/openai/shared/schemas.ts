// Wire schemas shared by several OpenAI resources: metadata, attributes, chunking strategy, list queries.
import { z } from "zod";
import { FIELD_LIMITS, limitedJson } from "../../http/json-limits";

const maxProps = (n: number, what: string) => (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const count = Object.keys(value).length;
  if (count > n)
    ctx.addIssue({
      code: "custom",
      message: `Invalid '${what}': too many properties. Expected an object with at most ${n} properties, but got an object with ${count} properties instead.`,
      params: { code: "object_above_max_properties" },
    });
};

const keyTooLong = (what: string) => (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
  for (const key of Object.keys(value))
    if (key.length > 64)
      ctx.addIssue({
        code: "custom",
        message: `Invalid '${what}': keys must be at most 64 characters, but '${key.slice(0, 20)}…' has ${key.length}.`,
        params: { code: "string_above_max_length" },
      });
};

/** Spec `Metadata`: ≤16 pairs, keys ≤64 chars, string values ≤512 chars; ≤ 64 KiB as JSON, checked first. */
export const Metadata = limitedJson(
  z.record(z.string(), z.string().max(512)).superRefine(maxProps(16, "metadata")).superRefine(keyTooLong("metadata")).nullable(),
  FIELD_LIMITS.keyValues,
);

/** Spec `VectorStoreFileAttributes`: ≤16 pairs, keys ≤64 chars, string (≤512) | number | boolean; ≤ 64 KiB as JSON. */
export const Attributes = limitedJson(
  z
    .record(z.string(), z.union([z.string().max(512), z.number(), z.boolean()]))
    .superRefine(maxProps(16, "attributes"))
    .superRefine(keyTooLong("attributes"))
    .nullable(),
  FIELD_LIMITS.keyValues,
);

export const StaticChunking = z.strictObject({
  max_chunk_size_tokens: z.number().int().min(100).max(4096),
  chunk_overlap_tokens: z.number().int().min(0),
});

/** `auto` or `static` with 100..4096 tokens and overlap ≤ half of the maximum. */
export const ChunkingStrategyParam = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("auto") }),
    z.strictObject({ type: z.literal("static"), static: StaticChunking }),
  ])
  .superRefine((value, ctx) => {
    if (value.type !== "static") return;
    const { max_chunk_size_tokens: max, chunk_overlap_tokens: overlap } = value.static;
    if (overlap > max / 2)
      ctx.addIssue({
        code: "custom",
        path: ["static", "chunk_overlap_tokens"],
        message: `Invalid 'chunking_strategy.static.chunk_overlap_tokens': chunk_overlap_tokens must not exceed half of max_chunk_size_tokens (${max / 2}), but got ${overlap}.`,
        params: { code: "invalid_value" },
      });
  });
export type ChunkingStrategyParam = z.output<typeof ChunkingStrategyParam>;

/** OpenAI's `auto` is 800-token chunks with 400 overlap. */
export function resolveChunking(strategy: ChunkingStrategyParam | undefined): { maxTokens: number; overlapTokens: number } {
  if (!strategy || strategy.type === "auto") return { maxTokens: 800, overlapTokens: 400 };
  return { maxTokens: strategy.static.max_chunk_size_tokens, overlapTokens: strategy.static.chunk_overlap_tokens };
}

/** A `limit` query parameter: an integer string in [min, max], `fallback` when absent or empty. */
export const intFromQuery = (min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      if (!/^-?\d+$/.test(v)) {
        ctx.addIssue({ code: "custom", message: `Invalid 'limit': expected an integer, but got '${v}' instead.`, params: { code: "invalid_type" } });
        return z.NEVER;
      }
      return Number(v);
    })
    .pipe(z.number().int().min(min).max(max));

export const Order = z.enum(["asc", "desc"]).default("desc");

/** limit 1..100 (default 20), order, after, before — every list but /files. */
export const ListQuery = z.strictObject({
  limit: intFromQuery(1, 100, 20),
  order: Order,
  after: z.string().min(1).optional(),
  before: z.string().min(1).optional(),
});

export function listQueryWith(limit: { max: number; default: number }) {
  return ListQuery.extend({ limit: intFromQuery(1, limit.max, limit.default) });
}
