// R2 adapter: streams an upload into one object (the keys are core/files/blob-keys.ts).

/**
 * R2 multipart parts must be at least 5 MiB and all of one size except the last (R2 limits), and R2.put
 * needs a known length: so bytes are gathered into fixed-size parts; a file smaller than one part is one put.
 */
const PART_BYTES = 8 * 1024 * 1024;

export class R2StreamWriter {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private upload: R2MultipartUpload | null = null;
  private parts: R2UploadedPart[] = [];
  /** The object exists in R2 (put or completed multipart upload): abort must delete it. */
  private stored = false;
  private digest = new crypto.DigestStream("SHA-256");
  private digestWriter = this.digest.getWriter();
  bytes = 0;

  constructor(
    private readonly bucket: R2Bucket,
    readonly key: string,
    private readonly contentType: string | null,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    this.bytes += chunk.length;
    await this.digestWriter.write(chunk);
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= PART_BYTES) await this.flushPart(PART_BYTES);
  }

  /** Stores the object and returns its sha256 hex digest. */
  async finish(): Promise<string> {
    await this.digestWriter.close();
    const sha256 = [...new Uint8Array(await this.digest.digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    const httpMetadata = this.contentType ? { contentType: this.contentType } : undefined;
    if (!this.upload) {
      await this.bucket.put(this.key, this.take(this.buffered), { httpMetadata, sha256 });
      this.stored = true;
      return sha256;
    }
    if (this.buffered > 0) await this.flushPart(this.buffered);
    await this.upload.complete(this.parts);
    this.stored = true;
    return sha256;
  }

  async abort(): Promise<void> {
    try {
      if (this.upload && !this.stored) await this.upload.abort();
      else await this.bucket.delete(this.key);
    } catch (error) {
      console.error(JSON.stringify({ level: "warn", msg: "aborting an R2 upload failed", key: this.key, error: String(error) }));
    }
  }

  private async flushPart(size: number): Promise<void> {
    this.upload ??= await this.bucket.createMultipartUpload(this.key, this.contentType ? { httpMetadata: { contentType: this.contentType } } : undefined);
    const part = await this.upload.uploadPart(this.parts.length + 1, this.take(size));
    this.parts.push(part);
  }

  /** Removes exactly `size` bytes from the front of the buffer. */
  private take(size: number): Uint8Array {
    const out = new Uint8Array(size);
    let offset = 0;
    while (offset < size) {
      const head = this.chunks[0]!;
      const need = size - offset;
      if (head.length <= need) {
        out.set(head, offset);
        offset += head.length;
        this.chunks.shift();
      } else {
        out.set(head.subarray(0, need), offset);
        this.chunks[0] = head.subarray(need);
        offset += need;
      }
    }
    this.buffered -= size;
    return out;
  }
}
