// Bearer auth: every key maps to a project (named in the `openai-project` answer header); objects of other projects are invisible (answered as 404).
import type { MiddlewareHandler } from "hono";
import { loadConfig } from "../config";
import { unauthorized } from "./errors";
import type { AppEnv } from "./app-env";

export const requireApiKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized("You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
  const project = loadConfig(c.env).apiKeys.get(match[1]!);
  if (!project) throw unauthorized("Incorrect API key provided.");
  c.set("projectId", project);
  // As OpenAI's API does: the answer names the key's project (the dashboard shows it; no extra endpoint needed).
  c.header("openai-project", project);
  await next();
};
