// Wire schemas for /api/v1/beta/directories/{id}/files (LlamaCloud FileAddParams, FileUploadParams, FileUpdateParams, FileListParams).
import { z } from "zod";
import {
  LIST_SEPARATOR,
  MAX_METADATA_KEY_CHARS,
  MAX_METADATA_KEYS,
  MAX_METADATA_STRING_CHARS,
  type DirectoryMetadata as Metadata,
} from "../../../core/directories/metadata";
import { FIELD_LIMITS, limitedJson } from "../../../http/json-limits";
import { IdField } from "../../../http/validation";
import { PageParams } from "../../shared/pagination";

/**
 * string | number | boolean | null | string[], held to what vector store attributes can carry (metadata becomes the
 * exported files' attributes): ≤ 16 keys of ≤ 64 chars, strings (and joined string lists) ≤ 512 chars; ≤ 64 KiB as
 * JSON, checked first.
 */
export const DirectoryMetadata: z.ZodType<Metadata, unknown> = limitedJson(z
  .record(z.string().min(1).max(MAX_METADATA_KEY_CHARS), z.union([z.string().max(MAX_METADATA_STRING_CHARS), z.number(), z.boolean(), z.null(), z.array(z.string())]))
  .superRefine((value, ctx) => {
    const count = Object.keys(value).length;
    if (count > MAX_METADATA_KEYS)
      ctx.addIssue({ code: "custom", message: `too many properties. Expected at most ${MAX_METADATA_KEYS}, but got ${count}.`, params: { code: "object_above_max_properties" } });
    for (const [key, v] of Object.entries(value))
      if (Array.isArray(v) && v.join(LIST_SEPARATOR).length > MAX_METADATA_STRING_CHARS)
        ctx.addIssue({ code: "custom", path: [key], message: `the list is too long: joined, it must be at most ${MAX_METADATA_STRING_CHARS} characters.`, params: { code: "string_above_max_length" } });
  }), FIELD_LIMITS.keyValues);

const Name = z.string().trim().min(1).max(1024);

export const DirectoryFileAddParams = z.object({
  file_id: IdField.min(1),
  display_name: Name.nullable().optional(),
  unique_id: Name.nullable().optional(),
  metadata: DirectoryMetadata.nullable().optional(),
});

/** Multipart fields of files.upload; `metadata` arrives as a JSON object string. */
export const DirectoryFileUploadFields = z.object({
  display_name: Name.optional(),
  external_file_id: z.string().max(512).optional(),
  unique_id: Name.optional(),
  metadata: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "expected a JSON object string.", params: { code: "invalid_json" } });
        return z.NEVER;
      }
    })
    .pipe(DirectoryMetadata.nullable())
    .optional(),
});

export const DirectoryFileUpdateParams = z.object({
  display_name: Name.nullable().optional(),
  unique_id: Name.nullable().optional(),
  metadata: DirectoryMetadata.nullable().optional(),
  target_directory_id: IdField.min(1).nullable().optional(),
});

const IsoDateTime = z.iso.datetime({ offset: true, local: true }).transform((s) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`).toISOString());

export const DirectoryFileListQuery = z.object({
  ...PageParams,
  display_name: z.string().optional(),
  display_name_contains: z.string().optional(),
  file_id: z.string().optional(),
  unique_id: z.string().optional(),
  /** Deletes are permanent here, so there is nothing extra to include. */
  include_deleted: z.enum(["true", "false"]).optional(),
  updated_at_on_or_after: IsoDateTime.optional(),
  updated_at_on_or_before: IsoDateTime.optional(),
});
