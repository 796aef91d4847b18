// Wire schemas for /api/v1/indexes (LlamaCloud IndexCreateParams, IndexListParams).
import { z } from "zod";
import { IdField } from "../../http/validation";
import { PageParams } from "../shared/pagination";
import { SYNC_FREQUENCIES } from "../../core/catalog/indexes";

export const IndexCreateParams = z.object({
  source_directory_id: IdField.min(1),
  name: z.string().trim().min(1).max(256).nullable().optional(),
  description: z.string().max(512).nullable().optional(),
  /** Parse/extract configuration ids: accepted; Shelf has one parser per file type, so they change nothing. */
  products: z.array(z.object({ product_config_id: z.string(), product_type: z.string() })).nullable().optional(),
  /** Screenshots and layout items are not produced: accepted and ignored (static_fields.attachments is always []). */
  store_attachments: z.array(z.enum(["screenshots", "items"])).nullable().optional(),
  /** manual (default): POST /indexes/{id}/sync; daily: the Cron Trigger, once a day; on_source_change: shortly after the source directory changes. */
  sync_frequency: z.enum(SYNC_FREQUENCIES).optional(),
  /** DEFAULT: the index's vector store; DISABLED: text and chunks are kept (find/grep/read), no vectors are made or exported. */
  vector_target: z.enum(["DEFAULT", "DISABLED"]).optional(),
});

export const IndexListQuery = z.object({
  ...PageParams,
  source_directory_id: z.string().optional(),
});
