// Query strings as the LlamaCloud SDK sends them: repeated keys for lists, `key=` for a null, unknown keys ignored.
import type { Context } from "hono";
import type { z } from "zod";
import { parseOrThrow } from "../../http/validation";

/**
 * `listKeys` arrive as arrays (the SDK repeats the key per value); any other key repeated keeps its last value, as
 * in the other faces. Empty values are dropped, because the SDK serializes an explicit null as `key=`. Unknown keys
 * (organization_id, project_id, expand) reach schemas that ignore them.
 */
export function llamaQuery<S extends z.ZodType>(c: Context, schema: S, listKeys: readonly string[] = []): z.output<S> {
  const out: Record<string, string | string[]> = {};
  for (const [key, values] of Object.entries(c.req.queries())) {
    const kept = values.filter((v) => v !== "");
    if (kept.length === 0) continue;
    out[key] = listKeys.includes(key) ? kept : kept[kept.length - 1]!;
  }
  return parseOrThrow(schema, out);
}
