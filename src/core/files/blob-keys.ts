// Where a file's bytes live in the blob store (R2): files/{file_id}, parsed text under parsed/{file_id}/. Keys never contain client data.

/** The uploaded bytes of a file. */
export const fileKey = (fileId: string) => `files/${fileId}`;
/** Every cached parse of a file, of any parser version (removed with the file). */
export const parsedPrefix = (fileId: string) => `parsed/${fileId}/`;
/** The parsed text of a file, cached per parser version (ingestion/parsed-cache.ts). */
export const parsedKey = (fileId: string, parserVersion: number) => `${parsedPrefix(fileId)}v${parserVersion}.json`;
