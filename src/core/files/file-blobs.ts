// The one port to a file's bytes: a file is one R2 object, or a composite of upload parts listed by a manifest.
import { fileKey } from "./blob-keys";

/**
 * R2 custom metadata that marks `files/{file_id}` as a manifest rather than the bytes themselves. A completed
 * Upload's parts come in any sizes, and R2 multipart needs equal parts of ≥ 5 MiB, so they are not re-joined.
 */
const LAYOUT_KEY = "shelf-layout";
const COMPOSITE = "composite-v1";

/** The body of a composite file's manifest object: the part objects in file order. */
export interface CompositeManifest {
  bytes: number;
  parts: Array<{ key: string; bytes: number }>;
}

/** A file's bytes as one stream of known length (`size` bytes). */
export interface FileBytes {
  size: number;
  body: ReadableStream<Uint8Array>;
  /** The whole file in memory: only for callers that bound `size` first. */
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** Records a composite file: O(1) in the file's size, no byte is copied. */
export async function writeComposite(bucket: R2Bucket, fileId: string, manifest: CompositeManifest, contentType: string | null): Promise<void> {
  await bucket.put(fileKey(fileId), JSON.stringify(manifest), {
    customMetadata: { [LAYOUT_KEY]: COMPOSITE },
    ...(contentType ? { httpMetadata: { contentType } } : {}),
  });
}

function isComposite(object: R2Object): boolean {
  return object.customMetadata?.[LAYOUT_KEY] === COMPOSITE;
}

/** The bytes of the R2 objects `keys`, one after the other, read one object at a time (memory: one chunk). */
export function concatObjects(bucket: R2Bucket, keys: string[]): ReadableStream<Uint8Array> {
  let index = 0;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (!reader) {
          const key = keys[index];
          if (key === undefined) return controller.close();
          const object = await bucket.get(key);
          if (!object) throw new Error(`a part of a composite file is missing: ${key}`);
          reader = object.body.getReader();
        }
        const { done, value } = await reader.read();
        if (!done) return controller.enqueue(value);
        reader = null;
        index++;
      }
    },
    async cancel(reason) {
      await reader?.cancel(reason);
    },
  });
}

async function readAll(body: ReadableStream<Uint8Array>, size: number): Promise<ArrayBuffer> {
  const out = new Uint8Array(size);
  let at = 0;
  for await (const chunk of body) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out.buffer;
}

async function manifestOf(object: R2ObjectBody): Promise<CompositeManifest> {
  return JSON.parse(await object.text()) as CompositeManifest;
}

/** A file's bytes whatever its layout; null when the file has none (deleted, or never stored). */
export async function openFileBytes(bucket: R2Bucket, fileId: string): Promise<FileBytes | null> {
  const object = await bucket.get(fileKey(fileId));
  if (!object) return null;
  if (!isComposite(object)) return object;
  const manifest = await manifestOf(object);
  // A known length lets the runtime send Content-Length and lets R2 accept the stream.
  const fixed = new FixedLengthStream(manifest.bytes);
  concatObjects(bucket, manifest.parts.map((p) => p.key))
    .pipeTo(fixed.writable)
    .catch((error: unknown) => console.error(JSON.stringify({ level: "error", msg: "reading a composite file failed", fileId, error: String(error) })));
  const body = fixed.readable as ReadableStream<Uint8Array>;
  return { size: manifest.bytes, body, arrayBuffer: () => readAll(body, manifest.bytes) };
}

/**
 * Bytes [offset, offset + length) of a file whatever its layout (the caller bounds `length`): one ranged R2 read
 * for a single object, one ranged read per overlapping part for a composite. Null when the file has no bytes.
 */
export async function readFileRange(bucket: R2Bucket, fileId: string, offset: number, length: number): Promise<Uint8Array | null> {
  const head = await bucket.head(fileKey(fileId));
  if (!head) return null;
  if (!isComposite(head)) {
    const object = await bucket.get(fileKey(fileId), { range: { offset, length } });
    return object ? new Uint8Array(await object.arrayBuffer()) : null;
  }
  const manifest = await bucket.get(fileKey(fileId));
  if (!manifest) return null;
  const { parts } = await manifestOf(manifest);
  const out = new Uint8Array(Math.max(0, Math.min(length, parts.reduce((n, p) => n + p.bytes, 0) - offset)));
  let partStart = 0;
  let at = 0;
  for (const part of parts) {
    const partEnd = partStart + part.bytes;
    const from = Math.max(offset, partStart);
    const to = Math.min(offset + out.length, partEnd);
    if (from < to) {
      const object = await bucket.get(part.key, { range: { offset: from - partStart, length: to - from } });
      if (!object) throw new Error(`a part of a composite file is missing: ${part.key}`);
      const bytes = new Uint8Array(await object.arrayBuffer());
      out.set(bytes, at);
      at += bytes.length;
    }
    partStart = partEnd;
    if (partStart >= offset + out.length) break;
  }
  return out;
}

/** Every R2 key that holds a file's bytes: `files/{id}` and, for a composite, its parts. */
export async function fileByteKeys(bucket: R2Bucket, fileId: string): Promise<string[]> {
  const head = await bucket.head(fileKey(fileId));
  if (!head) return [];
  const object = isComposite(head) ? await bucket.get(fileKey(fileId)) : null;
  if (!object) return [fileKey(fileId)];
  return [fileKey(fileId), ...(await manifestOf(object)).parts.map((p) => p.key)];
}

/** R2 deletes at most 1000 keys per call (R2 limits). */
export async function deleteKeys(bucket: R2Bucket, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 1000) await bucket.delete(keys.slice(i, i + 1000));
}
