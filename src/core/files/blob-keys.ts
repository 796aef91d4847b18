// Where bytes live in the blob store (R2): files/{file_id}, parsed text under parsed/{file_id}/, upload parts under uploads/{upload_id}/, stored responses under responses/. Keys never contain client data.

/** The uploaded bytes of a file. */
export const fileKey = (fileId: string) => `files/${fileId}`;
/** Every cached parse of a file, of any parser version (removed with the file). */
export const parsedPrefix = (fileId: string) => `parsed/${fileId}/`;
/** The parsed text of a file, cached per parser version (ingestion/parsed-cache.ts). */
export const parsedKey = (fileId: string, parserVersion: number) => `${parsedPrefix(fileId)}v${parserVersion}.json`;
/** Every part object of an Upload (/v1/uploads): removed whole when the upload is cancelled or expires. */
export const uploadPrefix = (uploadId: string) => `uploads/${uploadId}/`;
/** One part of an Upload, as received; after complete it is a piece of the file's composite bytes. */
export const uploadPartKey = (uploadId: string, partId: string) => `${uploadPrefix(uploadId)}${partId}`;
/** The body of a stored response (/v1/responses): JSON of its items, output and echo fields (core/responses/response-store.ts). */
export const responseKey = (responseId: string) => `responses/${responseId}.json`;
