// Resolves the {vector_store_id} path segment to a store of the caller's project, or a 404.
import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { badRequest, notFound } from "../../http/errors";
import { pathId } from "../../http/validation";
import { ID_PREFIX } from "../../core/ids";
import type { VectorStoreRow } from "../../core/catalog/vector-stores";

export async function storeInScope(c: Context<AppEnv>): Promise<VectorStoreRow> {
  const id = pathId(c, "vector_store_id", ID_PREFIX.vectorStore);
  const row = await c.get("services").vectorStores.getRow(c.get("projectId"), id);
  if (!row) throw notFound("vector_store", id);
  return row;
}

/** For requests that add files: an expired store keeps answering reads, but takes nothing new. */
export async function liveStoreInScope(c: Context<AppEnv>): Promise<VectorStoreRow> {
  const row = await storeInScope(c);
  if (row.status === "expired") throw badRequest(`Vector store '${row.id}' has expired.`, "vector_store_id", "vector_store_expired");
  return row;
}

/**
 * Which project owns a store never changes, so the search route remembers it per isolate and skips the catalog
 * read on repeat searches (a D1 round trip is a tenth of a search). Only ids the catalog confirmed are kept, so
 * unknown ids never reach a store object; a deleted store answers "missing" from its object and is forgotten.
 */
const storeOwners = new Map<string, string>();
const STORE_OWNERS_MAX = 10_000;

export async function storeIdInScopeCached(c: Context<AppEnv>): Promise<string> {
  const id = pathId(c, "vector_store_id", ID_PREFIX.vectorStore);
  if (storeOwners.get(id) === c.get("projectId")) return id;
  const row = await storeInScope(c);
  if (storeOwners.size >= STORE_OWNERS_MAX) storeOwners.delete(storeOwners.keys().next().value!);
  storeOwners.set(row.id, row.project_id);
  return row.id;
}

export function forgetStore(id: string): void {
  storeOwners.delete(id);
}
