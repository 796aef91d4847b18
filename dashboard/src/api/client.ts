// The dashboard's API client: every call goes to the public API (/v1, /api/v1) with the signed-in key as Bearer auth.
import { ApiCallError, errorFromResponse } from "./errors";

/** Query values; undefined and "" are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** An answer's JSON body and the headers the pages read (request id, poll interval, project). */
export interface ApiResult<T> {
  body: T;
  headers: Headers;
}

/** Progress of one upload request: bytes sent so far of `total`. */
export type ProgressHandler = (sent: number, total: number) => void;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** A client bound to one API key. Methods throw ApiCallError with the API's message and x-request-id. */
export class ApiClient {
  /** `onUnauthorized` hears every 401 answer (the key was revoked or changed mid-session) before the call throws it. */
  constructor(
    private readonly apiKey: string,
    private readonly onUnauthorized?: (error: ApiCallError) => void,
  ) {}

  /** The error of a non-2xx answer, told to `onUnauthorized` first when it is a 401. */
  private refused(status: number, bodyText: string, requestId: string | null): ApiCallError {
    const error = errorFromResponse(status, bodyText, requestId);
    if (status === 401) this.onUnauthorized?.(error);
    return error;
  }

  /** Sends a JSON request; answers the parsed body and the headers. */
  async call<T>(method: string, path: string, opts: { query?: Query; body?: unknown } = {}): Promise<ApiResult<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.apiKey}` };
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    let res: Response;
    try {
      res = await fetch(withQuery(path, opts.query), { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    } catch (error) {
      throw new ApiCallError(`Network error: ${error instanceof Error ? error.message : String(error)}`, 0, null);
    }
    const text = await res.text();
    const requestId = res.headers.get("x-request-id");
    if (!res.ok) throw this.refused(res.status, text, requestId);
    try {
      return { body: (text ? JSON.parse(text) : null) as T, headers: res.headers };
    } catch {
      throw new ApiCallError(`The answer of ${method} ${path} is not JSON.`, res.status, requestId);
    }
  }

  /** GET, answering the body only. */
  async get<T>(path: string, query?: Query): Promise<T> {
    return (await this.call<T>("GET", path, { query })).body;
  }

  /** POST a JSON body, answering the body only. */
  async post<T>(path: string, body: unknown = {}): Promise<T> {
    return (await this.call<T>("POST", path, { body })).body;
  }

  /** DELETE, answering the body only. */
  async delete<T>(path: string): Promise<T> {
    return (await this.call<T>("DELETE", path)).body;
  }

  /**
   * POSTs multipart form data with XMLHttpRequest, whose upload progress events fetch() lacks; `signal` aborts it.
   * Throws ApiCallError like the JSON calls.
   */
  postForm<T>(path: string, form: FormData, onProgress?: ProgressHandler, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", path);
      xhr.setRequestHeader("authorization", `Bearer ${this.apiKey}`);
      if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded, e.total);
      xhr.onload = () => {
        const requestId = xhr.getResponseHeader("x-request-id");
        if (xhr.status < 200 || xhr.status >= 300) return reject(this.refused(xhr.status, xhr.responseText, requestId));
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiCallError(`The answer of POST ${path} is not JSON.`, xhr.status, requestId));
        }
      };
      xhr.onerror = () => reject(new ApiCallError("Network error during upload.", 0, null));
      xhr.onabort = () => reject(new ApiCallError("Upload cancelled.", 0, null));
      signal?.addEventListener("abort", () => xhr.abort());
      xhr.send(form);
    });
  }

  /** A download URL cannot carry the Bearer key, so downloads fetch the bytes and hand the browser a blob. */
  async download(path: string): Promise<Blob> {
    let res: Response;
    try {
      res = await fetch(path, { headers: { authorization: `Bearer ${this.apiKey}` } });
    } catch (error) {
      throw new ApiCallError(`Network error: ${error instanceof Error ? error.message : String(error)}`, 0, null);
    }
    if (!res.ok) throw this.refused(res.status, await res.text(), res.headers.get("x-request-id"));
    return res.blob();
  }
}
