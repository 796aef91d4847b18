// The Hono environment shared by every route: bindings plus per-request variables.
import type { Services } from "../services";

export type AppEnv = {
  Bindings: Env;
  Variables: { requestId: string; projectId: string; services: Services };
};
