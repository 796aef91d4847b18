// A directory's indexes (list by source_directory_id) and the form that creates one over it.
import { useState } from "preact/hooks";
import type { LlamaIndex, TokenPage } from "../../api/search-types";
import { ErrorNotice } from "../../components/error-notice";
import { StatusBadge } from "../../components/status-badge";
import { useAction, useLoad } from "../../hooks/use-load";
import { href, navigate, pathOf } from "../../router";
import { useSession } from "../../session";

/** How often an index syncs (IndexCreateParams.sync_frequency); the SDK has no update, so it is chosen at create. */
const FREQUENCIES = [
  { value: "manual", label: "manual (the sync button)" },
  { value: "daily", label: "daily" },
  { value: "on_source_change", label: "on source change" },
] as const;

/** Lists the indexes over `directoryId`; creating one opens its page (its first sync starts by itself). */
export function DirectoryIndexes({ directoryId }: { directoryId: string }) {
  const { api } = useSession();
  const list = useLoad(() => api.get<TokenPage<LlamaIndex>>("/api/v1/indexes", { source_directory_id: directoryId, page_size: 100 }), [api, directoryId]);
  const create = useAction();
  const [name, setName] = useState("");
  const [frequency, setFrequency] = useState<string>("manual");

  const submit = async (e: Event) => {
    e.preventDefault();
    await create.run(async () => {
      const index = await api.post<LlamaIndex>("/api/v1/indexes", { source_directory_id: directoryId, name: name.trim() === "" ? null : name, sync_frequency: frequency });
      navigate(pathOf("indexes", index.id));
    });
  };
  const indexes = list.data?.items ?? [];
  return (
    <section class="card" aria-labelledby="dir-indexes-heading">
      <h2 id="dir-indexes-heading">Indexes of this directory</h2>
      <ErrorNotice error={list.error} />
      {list.data && indexes.length === 0 ? <p>No index yet: create one to make this directory searchable.</p> : null}
      <ul class="link-list" aria-label="Indexes">
        {indexes.map((i) => (
          <li key={i.id}>
            <a href={href(pathOf("indexes", i.id))}>{i.name ?? i.id}</a> <StatusBadge status={i.metadata.status} />
          </li>
        ))}
      </ul>
      <form onSubmit={submit}>
        <h3>New index</h3>
        <div class="row">
          <div class="field">
            <label for="index-name">Name (optional)</label>
            <input id="index-name" value={name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="index-frequency">Sync frequency</label>
            <select id="index-frequency" value={frequency} onChange={(e) => setFrequency(e.currentTarget.value)}>
              {FREQUENCIES.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" disabled={create.busy}>
          {create.busy ? "Creating…" : "Create index"}
        </button>
        <ErrorNotice error={create.error} onDismiss={create.clear} />
      </form>
    </section>
  );
}
