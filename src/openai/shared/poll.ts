// openai-poll-after-ms on in-progress objects: the SDK pollers sleep exactly this long between retrievals.
import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env";

export function pollAfter(c: Context<AppEnv>, status: string, response: Response): Response {
  if (status === "in_progress") response.headers.set("openai-poll-after-ms", String(c.get("services").config.POLL_AFTER_MS));
  return response;
}
