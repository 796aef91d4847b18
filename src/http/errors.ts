// The one error type of the HTTP faces, rendered to OpenAI's {error:{message,type,param,code}} in app.onError.

export type ErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "not_found_error"
  | "conflict_error"
  | "server_error";

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    message: string,
    readonly type: ErrorType = "invalid_request_error",
    readonly param: string | null = null,
    readonly code: string | null = null,
    /** Extra response headers, e.g. x-should-retry on a permanent 409. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  toBody() {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

const OBJECT_NAMES: Record<string, string> = {
  file: "file",
  vector_store: "vector store",
  vector_store_file: "file",
  file_batch: "file batch",
  upload: "upload",
  directory: "directory",
  directory_file: "directory file",
  index: "index",
  response: "response",
  chat_session: "chat session",
};

/** 404 for ids that do not exist — and, identically, for ids of another project. */
export function notFound(kind: keyof typeof OBJECT_NAMES, id: string, param: string | null = null): ApiError {
  const message =
    kind === "file"
      ? `No such File object: ${id}`
      : kind === "response"
        ? `Response with id '${id}' not found.`
        : `No ${OBJECT_NAMES[kind]} found with id '${id}'.`;
  return new ApiError(404, message, "invalid_request_error", param, null);
}

export function badRequest(message: string, param: string | null = null, code: string | null = null): ApiError {
  return new ApiError(400, message, "invalid_request_error", param, code);
}

export function unauthorized(message: string): ApiError {
  return new ApiError(401, message, "invalid_request_error", null, "invalid_api_key");
}

export function routeNotFound(method: string, path: string): ApiError {
  return new ApiError(404, `Invalid URL (${method} ${path})`, "invalid_request_error", null, null);
}

/** A conflict the client must not retry: the SDKs retry every 409 unless told otherwise. */
export function conflict(message: string, code: string | null = null): ApiError {
  return new ApiError(409, message, "invalid_request_error", null, code, { "x-should-retry": "false" });
}

export function payloadTooLarge(message: string, param: string | null = null): ApiError {
  return new ApiError(413, message, "invalid_request_error", param, "file_too_large");
}

/** A JSON request body above the cap of src/http/json-body.ts: refused before it is read whole. */
export function requestTooLarge(limitBytes: number): ApiError {
  return new ApiError(413, `The request body is too large: a JSON body may have at most ${limitBytes} bytes.`, "invalid_request_error", null, "request_too_large");
}

export function wrongIdPrefix(param: string, value: string, prefix: string): ApiError {
  return badRequest(`Invalid '${param}': '${value}'. Expected an ID that begins with '${prefix}'.`, param, "invalid_value");
}
