// Prefixed ids for every object, in one place. Ids are random (not time-ordered): lists order by created_at.

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function base62(length: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  // 62 does not divide 256: the slight bias is irrelevant for ids that only need to be unique.
  for (const b of bytes) out += ALPHABET[b % 62];
  return out;
}

function hex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export const ID_PREFIX = {
  file: "file-",
  vectorStore: "vs_",
  fileBatch: "vsfb_",
  upload: "upload_",
  uploadPart: "part_",
  directory: "dir-",
  directoryFile: "dfl-",
  index: "idx-",
} as const;

export const newFileId = () => ID_PREFIX.file + base62(22);
export const newVectorStoreId = () => ID_PREFIX.vectorStore + hex(16);
export const newFileBatchId = () => ID_PREFIX.fileBatch + hex(16);
export const newUploadId = () => ID_PREFIX.upload + hex(16);
export const newUploadPartId = () => ID_PREFIX.uploadPart + hex(16);
export const newDirectoryId = () => ID_PREFIX.directory + hex(12);
export const newDirectoryFileId = () => ID_PREFIX.directoryFile + hex(12);
export const newIndexId = () => ID_PREFIX.index + hex(12);

/** Unix seconds, the OpenAI timestamp unit. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);
