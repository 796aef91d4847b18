// The LlamaCloud-compatible face, mounted at /api/v1.
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";

export function llamacloudRoutes() {
  const app = new Hono<AppEnv>();
  return app;
}
