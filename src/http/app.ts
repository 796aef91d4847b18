// The Hono app: request ids, CORS, auth, the two API faces, and the one place errors become responses.
import { Hono } from "hono";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { ConfigError } from "../config";
import { buildServices } from "../services";
import { ensureCatalogSchema } from "../platform/d1/schema";
import type { AppEnv } from "./app-env";
import { requireApiKey } from "./auth";
import { ApiError, routeNotFound } from "./errors";
import { openaiRoutes } from "../openai/routes";
import { llamacloudRoutes } from "../llamacloud/routes";
import { downloadRoutes } from "../llamacloud/files/download";

function newRequestId(): string {
  return "req_" + [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function createApp() {
  const app = new Hono<AppEnv>();

  app.use("*", async (c, next) => {
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : newRequestId();
    c.set("requestId", requestId);
    await next();
    c.header("x-request-id", requestId);
  });

  app.use(
    "*",
    cors({
      origin: "*",
      allowMethods: ["GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"],
      // Leaving allowHeaders empty reflects Access-Control-Request-Headers, which covers the SDK's x-stainless-* set.
      exposeHeaders: ["x-request-id", "openai-poll-after-ms", "x-should-retry"],
      maxAge: 86400,
    }),
  );

  app.get("/", (c) => c.json({ name: "shelf", openai_base_url: "/v1", llamacloud_base_url: "/" }));

  app.use("/v1/*", requireApiKey);
  app.use("/api/*", requireApiKey);
  app.use("/v1/*", injectServices);
  app.use("/api/*", injectServices);

  app.route("/v1", openaiRoutes());
  app.route("/api/v1", llamacloudRoutes());
  // Presigned file downloads (LlamaCloud files.content): the signature in the URL stands in for the API key.
  app.use("/downloads/*", injectServices);
  app.route("/downloads", downloadRoutes());

  app.notFound((c) => {
    const err = routeNotFound(c.req.method, new URL(c.req.url).pathname);
    return c.json(err.toBody(), 404, { "x-request-id": c.get("requestId") ?? newRequestId() });
  });

  app.onError((error, c) => {
    const requestId = c.get("requestId") ?? newRequestId();
    if (error instanceof ApiError) {
      return c.json(error.toBody(), error.status, { ...error.headers, "x-request-id": requestId });
    }
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status;
      const body = new ApiError(400, error.message || "Bad request.").toBody();
      return c.json(body, status, { "x-request-id": requestId });
    }
    const configError = error instanceof ConfigError;
    console.error(JSON.stringify({ level: "error", request_id: requestId, path: new URL(c.req.url).pathname, error: String(error), stack: error instanceof Error ? error.stack : undefined }));
    const message = configError
      ? `The server is misconfigured: ${error.message}`
      : `The server had an error while processing your request. Sorry about that! You can retry your request, or contact us if the error persists. (Please include the request ID ${requestId} in your message.)`;
    return c.json({ error: { message, type: "server_error", param: null, code: null } }, 500, { "x-request-id": requestId });
  });

  return app;
}

const injectServices = async (c: import("hono").Context<AppEnv>, next: () => Promise<void>) => {
  await ensureCatalogSchema(c.env.DB);
  c.set("services", buildServices(c.env));
  await next();
};
