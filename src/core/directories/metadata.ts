// Directory file metadata (LlamaCloud) → vector store file attributes (OpenAI), which search filters work on.
import type { Attributes } from "../ports";

export type DirectoryMetadataValue = string | number | boolean | null | string[];
export type DirectoryMetadata = Record<string, DirectoryMetadataValue>;

/** Attributes allow 16 keys of ≤ 64 chars and string values of ≤ 512 chars; the face validates metadata against these. */
export const MAX_METADATA_KEYS = 16;
export const MAX_METADATA_KEY_CHARS = 64;
export const MAX_METADATA_STRING_CHARS = 512;
/** How a string list becomes one attribute string (attributes hold scalars only). */
export const LIST_SEPARATOR = ", ";

/**
 * Strings, numbers and booleans are kept as they are; nulls are dropped (an attribute cannot be null);
 * string lists are joined with ", " so they stay visible and `eq` matches the whole list.
 */
export function attributesOf(metadata: DirectoryMetadata | null): Attributes | null {
  if (!metadata) return null;
  const out: Attributes = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null) continue;
    out[key] = Array.isArray(value) ? value.join(LIST_SEPARATOR) : value;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Key order does not matter: the same attributes always give the same hash. */
export async function attributesHash(attributes: Attributes | null): Promise<string> {
  const canonical = JSON.stringify(attributes ? Object.entries(attributes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : null);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function parseMetadata(json: string | null): DirectoryMetadata | null {
  return json === null ? null : (JSON.parse(json) as DirectoryMetadata);
}
