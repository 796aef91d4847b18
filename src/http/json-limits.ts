// Size, depth and text rules for parsed JSON values, checked iteratively (no recursion) before any schema or write.
import { z } from "zod";

/** Limits of one JSON value. `maxBytes` counts the UTF-8 bytes of its `JSON.stringify` text, which is what is stored. */
export interface JsonLimits {
  maxBytes: number;
  /** Containers (objects, arrays) nested inside one another: `1` is 0, `{}` is 1, `{"a":[]}` is 2. */
  maxDepth: number;
}

/** The first rule a value breaks. `path` leads from the value to the offending part ([] = the value as a whole). */
export type JsonViolation =
  | { kind: "too_large"; path: PropertyKey[]; limit: number }
  | { kind: "too_deep"; path: PropertyKey[]; limit: number }
  | { kind: "lone_surrogate"; path: PropertyKey[]; inKey: boolean };

/**
 * The one text rule of both faces: a string holding a lone UTF-16 surrogate (JSON "\ud800" without its pair) is
 * refused, because it has no UTF-8 encoding — D1 and R2 would store U+FFFD instead, so the text would not survive.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** UTF-8 bytes of `JSON.stringify(text)`: quotes, two-character escapes, \u00XX for other control characters. */
function jsonStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x22 || unit === 0x5c || unit === 0x08 || unit === 0x0c || unit === 0x0a || unit === 0x0d || unit === 0x09) bytes += 2;
    else if (unit < 0x20) bytes += 6;
    else if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

interface Frame {
  value: unknown;
  depth: number;
  parent: Frame | null;
  key: PropertyKey | null;
}

function pathOf(frame: Frame | null): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let f = frame; f && f.key !== null; f = f.parent) path.push(f.key);
  return path.reverse();
}

/**
 * Walks `value` with an explicit stack (a hostile body nested 50,000 deep must not overflow ours) and returns the
 * first rule it breaks, or null. Too large and too deep are reported for the value as a whole (path []); a lone
 * surrogate at the string that holds it (for a key: at the object that has it). Stops as soon as a limit is passed.
 */
export function inspectJson(value: unknown, limits: Partial<JsonLimits> = {}): JsonViolation | null {
  const maxBytes = limits.maxBytes ?? Infinity;
  const maxDepth = limits.maxDepth ?? Infinity;
  let bytes = 0;
  const stack: Frame[] = [{ value, depth: 0, parent: null, key: null }];
  for (let frame = stack.pop(); frame; frame = stack.pop()) {
    const node = frame.value;
    if (typeof node === "string") {
      if (hasLoneSurrogate(node)) return { kind: "lone_surrogate", path: pathOf(frame), inKey: false };
      bytes += jsonStringBytes(node);
    } else if (typeof node === "number") bytes += Number.isFinite(node) ? String(node).length : 4;
    else if (typeof node === "boolean") bytes += node ? 4 : 5;
    else if (node === null || typeof node !== "object") bytes += 4;
    else {
      const depth = frame.depth + 1;
      if (depth > maxDepth) return { kind: "too_deep", path: [], limit: maxDepth };
      const entries: Array<[PropertyKey, unknown]> = Array.isArray(node) ? node.map((v, i) => [i, v]) : Object.entries(node);
      bytes += 2 + Math.max(0, entries.length - 1);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        if (typeof key === "string") {
          if (hasLoneSurrogate(key)) return { kind: "lone_surrogate", path: pathOf(frame), inKey: true };
          bytes += jsonStringBytes(key) + 1;
        }
        stack.push({ value: child, depth, parent: frame, key });
      }
    }
    if (bytes > maxBytes) return { kind: "too_large", path: [], limit: maxBytes };
  }
  return null;
}

/** The wire wording of a violation: `message` follows "Invalid '<param>': ", `code` goes into the error's `code`. */
export function describeViolation(violation: JsonViolation): { message: string; code: string } {
  switch (violation.kind) {
    case "too_large":
      return { message: `the value is too large. Expected at most ${violation.limit} bytes as JSON.`, code: "object_above_max_size" };
    case "too_deep":
      return { message: `the value is nested too deeply. Expected at most ${violation.limit} levels of objects and arrays.`, code: "object_above_max_depth" };
    case "lone_surrogate":
      return {
        message: `${violation.inKey ? "a key" : "the string"} contains a lone UTF-16 surrogate, which cannot be stored as UTF-8. Send well-formed Unicode text.`,
        code: "invalid_unicode",
      };
  }
}

/**
 * A free-form JSON field (`metadata`, `attributes`, `system_metadata`, filters): `limits` and the text rule are checked
 * on the raw input first, so `schema` (which may recurse) and the catalog (rows ≤ 2 MB in D1) only see bounded values.
 * The issue's path is relative to the field, so the 400's `param` names it (e.g. `files[0].attributes`).
 */
export function limitedJson<S extends z.ZodType>(schema: S, limits: JsonLimits) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      const violation = inspectJson(value, limits);
      if (!violation) return;
      const { message, code } = describeViolation(violation);
      ctx.addIssue({ code: "custom", path: violation.path, message, params: { code } });
    })
    .pipe(schema);
}

/** Limits of the free-form fields, stated in the README's limits table. */
export const FIELD_LIMITS = {
  /**
   * OpenAI `metadata` / `attributes` and LlamaCloud directory file `metadata`: the schemas allow 16 keys of ≤ 64 chars
   * with values ≤ 512 chars (≤ ~56 KB as JSON even if every character is escaped), so 64 KiB never refuses a valid one.
   */
  keyValues: { maxBytes: 64 * 1024, maxDepth: 4 },
  /** LlamaCloud `system_metadata`: opaque to Shelf, stored in the directory's catalog row. */
  systemMetadata: { maxBytes: 64 * 1024, maxDepth: 16 },
  /** LlamaCloud `custom_filters`: {field: {operator, value}} or a list of bounds — four levels. */
  customFilters: { maxBytes: 64 * 1024, maxDepth: 4 },
} as const satisfies Record<string, JsonLimits>;
