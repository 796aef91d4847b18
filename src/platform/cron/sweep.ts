// The Cron Trigger: expires Uploads past their hour and removes their parts, even when no request comes.
import { buildServices } from "../../services";
import { ensureCatalogSchema } from "../d1/schema";

/** One scheduled run (wrangler.toml `[triggers] crons`): a bounded sweep of expired and closed uploads. */
export async function runScheduled(env: Env): Promise<void> {
  await ensureCatalogSchema(env.DB);
  const expired = await buildServices(env).uploads.sweep();
  if (expired > 0) console.log(JSON.stringify({ level: "info", msg: "expired uploads swept", expired }));
}
