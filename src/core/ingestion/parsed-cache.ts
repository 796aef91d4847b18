// Parsed text cached in R2 per file and parser version: parse once, reuse in every store and for file content.
import { parsedKey } from "../files/blob-keys";
import type { ParsedDocument } from "../ports";

/** Bump when parsing output changes: old cache entries are then ignored (and removed with the file). */
export const PARSER_VERSION = 1;

export interface CachedParse extends ParsedDocument {
  /** cl100k tokens; null when the text is too short to reach the per-file limit, so it was not counted. */
  tokenCount: number | null;
}

export async function readParsed(bucket: R2Bucket, fileId: string): Promise<CachedParse | null> {
  const object = await bucket.get(parsedKey(fileId, PARSER_VERSION));
  if (!object) return null;
  return (await object.json()) as CachedParse;
}

export async function writeParsed(bucket: R2Bucket, fileId: string, parsed: CachedParse): Promise<void> {
  await bucket.put(parsedKey(fileId, PARSER_VERSION), JSON.stringify(parsed), { httpMetadata: { contentType: "application/json" } });
}
