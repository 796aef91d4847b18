// The Cron Trigger: expires Uploads past their hour and removes their parts, deletes stored responses past their 30 days, and starts the daily index syncs.
import { buildServices } from "../../services";
import { ensureCatalogSchema } from "../d1/schema";

/**
 * One scheduled run (wrangler.toml `[triggers] crons`, every 15 minutes) at `scheduledTimeMs` (Unix ms): a bounded
 * sweep of expired and closed uploads and of expired stored responses, then the daily index syncs whose quarter hour of the UTC day this is.
 */
export async function runScheduled(env: Env, scheduledTimeMs: number): Promise<void> {
  await ensureCatalogSchema(env.DB);
  const services = buildServices(env);
  const expired = await services.uploads.sweep();
  if (expired > 0) console.log(JSON.stringify({ level: "info", msg: "expired uploads swept", expired }));
  const responses = await services.responses.sweep();
  if (responses > 0) console.log(JSON.stringify({ level: "info", msg: "expired responses swept", responses }));
  const daily = await services.scheduledSyncs.runDaily(scheduledTimeMs);
  if (daily.started + daily.skipped > 0) console.log(JSON.stringify({ level: "info", msg: "daily index syncs", ...daily }));
}
