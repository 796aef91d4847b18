// Runs before each test file: storage is fresh per file, so the catalog schema is applied each time.
import { env } from "cloudflare:workers";
import { ensureCatalogSchema } from "../src/platform/d1/schema";

await ensureCatalogSchema(env.DB);
