// An API error as the user sees it: the API's message, the HTTP status, and the x-request-id to quote.
import type { ApiCallError } from "../api/errors";

/** Renders nothing without an error; `role="alert"` so screen readers announce it. */
export function ErrorNotice({ error, onDismiss }: { error: ApiCallError | null; onDismiss?: () => void }) {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      <p class="error-message">{error.message}</p>
      <p class="error-meta">
        {error.status ? <span>HTTP {error.status}</span> : null}
        {error.code ? <span> · code <code>{error.code}</code></span> : null}
        {error.requestId ? (
          <span>
            {" "}· request id <code class="request-id">{error.requestId}</code>
          </span>
        ) : null}
      </p>
      {onDismiss ? (
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
