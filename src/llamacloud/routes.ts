// The LlamaCloud-compatible face, mounted at /api/v1: files, directories, indexes, retrieval and chat.
import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { directoryRoutes } from "./directories/routes";
import { llamaFileRoutes } from "./files/routes";
import { indexRoutes } from "./indexes/routes";
import { retrievalRoutes } from "./retrieval/routes";
import { retrievalFileRoutes } from "./retrieval/file-routes";
import { chatRoutes } from "./chat/routes";

export function llamacloudRoutes() {
  const app = new Hono<AppEnv>();
  app.route("/beta/files", llamaFileRoutes());
  app.route("/beta/directories", directoryRoutes());
  app.route("/indexes", indexRoutes());
  app.route("/retrieval", retrievalRoutes());
  app.route("/retrieval/files", retrievalFileRoutes());
  app.route("/chat", chatRoutes());
  return app;
}
