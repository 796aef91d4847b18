// Prefixed ids for every object, in one place: creation-ordered prefix + random tail.

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

/**
 * Ids start with the creation time (ms) and a per-isolate counter, so ids created in the same second still sort
 * in creation order: lists order by (created_at, id) and created_at has one-second resolution. Workers freeze
 * Date.now() while code runs, hence the counter. The rest is random.
 */
let lastMs = 0;
let counter = 0;
function tick(): { ms: number; n: number } {
  const ms = Date.now();
  if (ms === lastMs) counter++;
  else {
    lastMs = ms;
    counter = 0;
  }
  return { ms, n: counter };
}

function base62Fixed(value: number, width: number): string {
  let out = "";
  for (let i = 0; i < width; i++) {
    out = ALPHABET[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

function sortableBase62(length: number): string {
  const { ms, n } = tick();
  // 8 base62 digits hold ms timestamps until the year 8900; 3 hold 238,328 ids per ms.
  return base62Fixed(ms, 8) + base62Fixed(n % 238_328, 3) + base62(length - 11);
}

function sortableHex(bytes: number): string {
  const { ms, n } = tick();
  return ms.toString(16).padStart(12, "0") + (n % 65_536).toString(16).padStart(4, "0") + hex(bytes - 8);
}

export const ID_PREFIX = {
  file: "file-",
  vectorStore: "vs_",
  fileBatch: "vsfb_",
  directory: "dir-",
  directoryFile: "dfl-",
  index: "idx-",
  syncConfig: "sync-",
  upload: "upload_",
  uploadPart: "part_",
  response: "resp_",
  message: "msg_",
  fileSearchCall: "fs_",
  toolCall: "call_",
  functionCall: "fc_",
  functionCallOutput: "fco_",
  chatSession: "chat-",
} as const;

/** Responses API ids: prefix + 48 hex, as OpenAI's (notes §2, §7.6). */
export const newResponseId = () => ID_PREFIX.response + sortableHex(24);
export const newMessageId = () => ID_PREFIX.message + sortableHex(24);
export const newFileSearchCallId = () => ID_PREFIX.fileSearchCall + sortableHex(24);
/** A function_call output item's id (spec FunctionToolCall.id); its `call_id` is the model's (or `call_` + hex). */
export const newFunctionCallId = () => ID_PREFIX.functionCall + sortableHex(24);
/** A stored function_call_output input item's id (spec FunctionToolCallOutputResource.id), when the client sent none. */
export const newFunctionCallOutputId = () => ID_PREFIX.functionCallOutput + sortableHex(24);
export const newToolCallId = () => ID_PREFIX.toolCall + sortableHex(24);
export const newFileId = () => ID_PREFIX.file + sortableBase62(22);
export const newVectorStoreId = () => ID_PREFIX.vectorStore + sortableHex(16);
export const newFileBatchId = () => ID_PREFIX.fileBatch + sortableHex(16);
export const newDirectoryId = () => ID_PREFIX.directory + sortableHex(12);
export const newDirectoryFileId = () => ID_PREFIX.directoryFile + sortableHex(12);
export const newIndexId = () => ID_PREFIX.index + sortableHex(12);
export const newChatSessionId = () => ID_PREFIX.chatSession + sortableHex(12);
export const newUploadId = () => ID_PREFIX.upload + sortableBase62(24);
export const newUploadPartId = () => ID_PREFIX.uploadPart + sortableBase62(24);
export const newSyncConfigId = () => ID_PREFIX.syncConfig + hex(12);

/** Unix seconds, the OpenAI timestamp unit. */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** ISO-8601 with milliseconds, the LlamaCloud timestamp format; fixed width, so it also sorts as text. */
export const nowIso = () => new Date().toISOString();
