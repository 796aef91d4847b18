// The parsed text of a store's file, and its chunks, for GET /vector_stores/{id}/files/{file_id}/content.
import type { StoreObjects } from "../store-object/store-objects";
import { loadParsed } from "../ingestion/pipeline";
import type { FileChunkPage } from "../store-object/files";

export class FileContentService {
  constructor(
    private readonly bucket: R2Bucket,
    private readonly objects: StoreObjects,
  ) {}

  /** null: not in the store. "": attached but not (yet) parsed into chunks. */
  async parsedText(storeId: string, fileId: string): Promise<string | null> {
    const row = await this.objects.get(storeId).getFile(fileId);
    if (!row) return null;
    if (row.status !== "completed") return "";
    const parsed = await loadParsed(this.bucket, fileId, row.filename, row.bytes);
    return parsed && !("failed" in parsed) ? parsed.text : "";
  }

  /** Up to `limit` chunks after chunk_index `afterIndex` (−1: from the first). null: not in the store. */
  async chunks(storeId: string, fileId: string, afterIndex: number, limit: number): Promise<FileChunkPage | null> {
    return this.objects.get(storeId).fileChunks(fileId, afterIndex, limit);
  }
}
