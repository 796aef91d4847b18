// The OpenAI face, mounted at /v1.
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { fileRoutes } from "./files/routes";
import { uploadRoutes } from "./uploads/routes";
import { vectorStoreRoutes } from "./vector-stores/routes";
import { responseRoutes } from "./responses/routes";

export function openaiRoutes() {
  const app = new Hono<AppEnv>();
  app.route("/files", fileRoutes());
  app.route("/uploads", uploadRoutes());
  app.route("/vector_stores", vectorStoreRoutes());
  app.route("/responses", responseRoutes());
  return app;
}
