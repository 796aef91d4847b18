// Resolves the {vector_store_id} path segment to a store of the caller's project, or a 404.
import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { notFound } from "../../http/errors";
import { pathId } from "../../http/validation";
import { ID_PREFIX } from "../../core/ids";
import type { VectorStoreRow } from "../../platform/d1/vector-stores-repo";

export async function storeInScope(c: Context<AppEnv>): Promise<VectorStoreRow> {
  const id = pathId(c, "vector_store_id", ID_PREFIX.vectorStore);
  const row = await c.get("services").vectorStores.getRow(c.get("projectId"), id);
  if (!row) throw notFound("vector_store", id);
  return row;
}
