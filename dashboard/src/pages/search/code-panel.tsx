// "Copy as code": the exact request of the form as curl, JS SDK and Python SDK, with a copy button per language.
import { useState } from "preact/hooks";
import { curlCode, jsCode, pythonCode, type SearchCall } from "../../playground/request-code";

const LANGUAGES = [
  { id: "curl", label: "curl", code: curlCode },
  { id: "js", label: "JavaScript (openai)", code: jsCode },
  { id: "python", label: "Python (openai)", code: pythonCode },
] as const;

/** Shows the code of `call` (or why there is none: `problem`); the text stays selectable where the clipboard is blocked. */
export function CodePanel({ call, problem }: { call: SearchCall | null; problem: string | null }) {
  const [lang, setLang] = useState<(typeof LANGUAGES)[number]["id"]>("curl");
  const [copied, setCopied] = useState("");
  const current = LANGUAGES.find((l) => l.id === lang) ?? LANGUAGES[0];
  const code = call ? current.code(call) : "";
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied(`Copied the ${current.label} code.`);
    } catch {
      setCopied("The browser did not allow copying: select the code and copy it.");
    }
  };
  return (
    <details class="card code-panel">
      <summary>Copy as code</summary>
      <fieldset class="row languages">
        <legend class="visually-hidden">Language</legend>
        {LANGUAGES.map((l) => (
          <label key={l.id} class="radio">
            <input type="radio" name="code-language" value={l.id} checked={lang === l.id} onChange={() => setLang(l.id)} /> {l.label}
          </label>
        ))}
      </fieldset>
      {call ? (
        <>
          <pre class="code" aria-label={`${current.label} code`} data-language={current.id} tabIndex={0}>
            <code>{code}</code>
          </pre>
          <button type="button" onClick={() => void copy()}>
            Copy {current.label}
          </button>
          <p class="live-status" role="status" aria-live="polite">
            {copied}
          </p>
        </>
      ) : (
        <p class="hint">{problem ?? "Type a query to see the request."}</p>
      )}
    </details>
  );
}
