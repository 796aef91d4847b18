// The sign-in form: an API key, checked against the API before it is kept (sessionStorage, this tab only).
import { useState } from "preact/hooks";
import { asApiError, type ApiCallError } from "../api/errors";
import { useFocusFirstField } from "../hooks/use-focus";
import { signIn } from "../session";
import { ErrorNotice } from "./error-notice";

/**
 * Calls `onSignedIn` with the key and its project once the API accepts the key; a rejected key keeps what was typed.
 * `notice` says why the previous session ended (its key refused); it goes once the next attempt starts.
 */
export function SignIn({ onSignedIn, notice = null }: { onSignedIn: (apiKey: string, project: string | null) => void; notice?: ApiCallError | null }) {
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiCallError | null>(notice);
  // The key field has focus on load: signing in is the only thing to do here.
  const formRef = useFocusFirstField<HTMLFormElement>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await signIn(key.trim());
      onSignedIn(s.apiKey, s.project);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>Shelf</h1>
      <p>Sign in with an API key of this server (<code>sk-local</code> under <code>npm run dev</code>).</p>
      <form ref={formRef} onSubmit={submit}>
        <label for="api-key">API key</label>
        <input id="api-key" name="api-key" type="password" autocomplete="off" required value={key} onInput={(e) => setKey(e.currentTarget.value)} />
        <button type="submit" disabled={busy || key.trim() === ""}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <ErrorNotice error={error} />
      <p class="hint">The key is kept in this tab's session storage only, and sent as a Bearer token to the API.</p>
    </main>
  );
}
