// The retrieval playground of an index: query, top_k, score_threshold, pipeline weights, rerank and custom_filters.
import { useState } from "preact/hooks";
import type { RetrieveResult } from "../../api/search-types";
import { ErrorNotice } from "../../components/error-notice";
import { LiveStatus } from "../../components/live-status";
import { useAction } from "../../hooks/use-load";
import { useStoredState } from "../../hooks/use-stored-state";
import { ConditionEditor } from "../../playground/condition-editor";
import { newCondition } from "../../playground/filter-tree";
import { useSession } from "../../session";
import { buildRetrieveRequest, emptyRetrieveForm, type RetrieveForm } from "./retrieve-request";
import { RetrieveResults } from "./retrieve-results";

function NumberField({ id, label, value, onInput, step }: { id: string; label: string; value: string; onInput: (v: string) => void; step: number }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="number" min={0} step={step} value={value} onInput={(e) => onInput(e.currentTarget.value)} />
    </div>
  );
}

/** The playground; the form is kept per index for this tab. */
export function RetrievePlayground({ indexId }: { indexId: string }) {
  const { api } = useSession();
  const [form, setForm] = useStoredState<RetrieveForm>(`shelf.retrieve.${indexId}`, emptyRetrieveForm);
  const [result, setResult] = useState<{ results: RetrieveResult[]; query: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [announce, setAnnounce] = useState("");
  const action = useAction();
  const set = (patch: Partial<RetrieveForm>) => setForm((cur) => ({ ...cur, ...patch }));

  const submit = async (e: Event) => {
    e.preventDefault();
    let body;
    try {
      body = buildRetrieveRequest(indexId, form);
      setProblem(null);
    } catch (err) {
      setProblem(err instanceof Error ? err.message : String(err));
      return;
    }
    await action.run(async () => {
      const answer = await api.post<{ results: RetrieveResult[] }>("/api/v1/retrieval/retrieve", body);
      setResult({ results: answer.results, query: body.query });
      setAnnounce(`${answer.results.length} ${answer.results.length === 1 ? "chunk" : "chunks"} retrieved`);
    });
  };

  return (
    <>
      <form class="card" onSubmit={submit} noValidate aria-labelledby="retrieve-heading">
        <h2 id="retrieve-heading">Retrieve</h2>
        <div class="field">
          <label for="retrieve-query">Query</label>
          <input id="retrieve-query" type="search" value={form.query} onInput={(e) => set({ query: e.currentTarget.value })} />
        </div>
        <div class="options-grid">
          <NumberField id="top-k" label="top_k (≤ 500)" value={form.topK} step={1} onInput={(topK) => set({ topK })} />
          <NumberField id="retrieve-threshold" label="score_threshold (0–1)" value={form.scoreThreshold} step={0.05} onInput={(scoreThreshold) => set({ scoreThreshold })} />
          <NumberField id="text-pipeline-weight" label="full_text_pipeline_weight (0–1)" value={form.textWeight} step={0.1} onInput={(textWeight) => set({ textWeight })} />
          <NumberField id="vector-pipeline-weight" label="vector_pipeline_weight (0–1)" value={form.vectorWeight} step={0.1} onInput={(vectorWeight) => set({ vectorWeight })} />
        </div>
        <div class="check">
          <input id="rerank" type="checkbox" checked={form.rerank} onChange={(e) => set({ rerank: e.currentTarget.checked })} />
          <label for="rerank">rerank</label>
        </div>
        <fieldset>
          <legend>custom_filters (all must hold)</legend>
          {form.filters.length === 0 ? <p class="hint">No filter. Metadata of the directory's files is filterable.</p> : null}
          {form.filters.map((c) => (
            <ConditionEditor
              key={c.id}
              node={c}
              keyLabel="Field"
              onChange={(next) => set({ filters: form.filters.map((old) => (old.id === next.id ? next : old)) })}
              onRemove={() => set({ filters: form.filters.filter((old) => old.id !== c.id) })}
            />
          ))}
          <button type="button" class="secondary" onClick={() => set({ filters: [...form.filters, newCondition()] })}>
            Add filter
          </button>
        </fieldset>
        {problem ? (
          <p class="error" role="alert">
            {problem}
          </p>
        ) : null}
        <button type="submit" disabled={action.busy}>
          {action.busy ? "Retrieving…" : "Retrieve"}
        </button>
      </form>
      <ErrorNotice error={action.error} onDismiss={action.clear} />
      <LiveStatus message={announce} />
      {result ? <RetrieveResults results={result.results} query={result.query} /> : null}
    </>
  );
}
