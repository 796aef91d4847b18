// The one error type of the dashboard's API calls: the API's {error:{message,type,param,code}} plus x-request-id.

/** An API call that failed: `status` 0 means the request never got an answer (network, aborted). */
export class ApiCallError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly requestId: string | null,
    readonly type: string | null = null,
    readonly code: string | null = null,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = "ApiCallError";
  }
}

interface ErrorEnvelope {
  error?: { message?: unknown; type?: unknown; code?: unknown; param?: unknown; detail?: unknown };
  detail?: unknown;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * Builds the error of a non-2xx answer from its body text (OpenAI's `error` envelope, or LlamaCloud's `detail`)
 * and its x-request-id header; a body that is not JSON is shown as the HTTP status.
 */
export function errorFromResponse(status: number, bodyText: string, requestId: string | null): ApiCallError {
  let parsed: ErrorEnvelope | null = null;
  try {
    parsed = JSON.parse(bodyText) as ErrorEnvelope;
  } catch {
    parsed = null;
  }
  const e = parsed?.error;
  const detail = parsed?.detail ?? e?.detail;
  const message = str(e?.message) ?? (typeof detail === "string" ? detail : detail ? JSON.stringify(detail) : null) ?? `HTTP ${status}`;
  return new ApiCallError(message, status, requestId, str(e?.type), str(e?.code), str(e?.param));
}

/** Any thrown value as an ApiCallError (so every failure renders the same way). */
export function asApiError(error: unknown): ApiCallError {
  if (error instanceof ApiCallError) return error;
  return new ApiCallError(error instanceof Error ? error.message : String(error), 0, null);
}
