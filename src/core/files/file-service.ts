// Files: the catalog record, the bytes in R2, and the cascade out of every vector store on delete.
import type { FileQuery, FileRow, FilesCatalog } from "../catalog/files";
import type { VectorStoresCatalog } from "../catalog/vector-stores";
import type { Page, PageRequest, Sequenced, TokenPage } from "../pagination";
import { parsedPrefix } from "./blob-keys";
import { deleteKeys, fileByteKeys, openFileBytes, type FileBytes } from "./file-blobs";
import type { AttachmentService } from "../vector-stores/attachments";
import { nowSeconds } from "../ids";
import { tellDirectoryChange, type DirectoryChangeListener } from "../directories/directory-changes";

export type { FileRow };

export class FileService {
  constructor(
    private readonly files: FilesCatalog,
    private readonly stores: VectorStoresCatalog,
    private readonly bucket: R2Bucket,
    private readonly attachments: AttachmentService,
    /** Told which directories lost an entry when a file is deleted (on_source_change indexes sync); never throws. */
    private readonly directoriesChanged: DirectoryChangeListener = async () => {},
  ) {}

  async record(row: FileRow): Promise<FileRow> {
    await this.files.insert(row);
    return row;
  }

  get(projectId: string, id: string): Promise<FileRow | null> {
    return this.files.get(projectId, id, nowSeconds());
  }

  getMany(projectId: string, ids: string[]): Promise<FileRow[]> {
    return this.files.getMany(projectId, ids, nowSeconds());
  }

  list(projectId: string, req: PageRequest, purpose?: string): Promise<Page<FileRow> | "bad_cursor"> {
    return this.files.list(projectId, req, nowSeconds(), purpose);
  }

  /** The LlamaCloud face's listing: token pages with name/id/external-id filters. */
  query(projectId: string, q: FileQuery): Promise<TokenPage<Sequenced<FileRow>>> {
    return this.files.query(projectId, q, nowSeconds());
  }

  /** The file's row and bytes (one object or a composite of upload parts, streamed in order). */
  async content(projectId: string, id: string): Promise<{ row: FileRow; body: FileBytes } | null> {
    const row = await this.get(projectId, id);
    if (!row) return null;
    const body = await openFileBytes(this.bucket, id);
    return body ? { row, body } : null;
  }

  /**
   * Removes the file row and its directory entries first (one transaction), so that every later conditional insert of
   * a membership or directory entry fails; then leaves every store the catalog says it is in; then drops the bytes.
   * The interleavings with a concurrent attach are argued in AttachmentService. False when the file is not in this
   * project (or expired); a concurrent delete of the same file answers false but still runs the idempotent cascade.
   */
  async delete(projectId: string, id: string): Promise<boolean> {
    const row = await this.get(projectId, id);
    if (!row) return false;
    const { deleted: removed, directoryIds } = await this.files.delete(projectId, id);
    if (directoryIds.length > 0) await tellDirectoryChange(this.directoriesChanged, directoryIds);
    for (const storeId of await this.stores.storesOfFile(id)) await this.attachments.detach(storeId, id);
    const parsed = await this.bucket.list({ prefix: parsedPrefix(id) });
    await deleteKeys(this.bucket, [...(await fileByteKeys(this.bucket, id)), ...parsed.objects.map((o) => o.key)]);
    return removed;
  }
}
