// One LlamaCloud index (route /indexes/:id): its live sync status, the sync button, and the retrieval playground.
import type { LlamaIndex } from "../../api/search-types";
import { ErrorNotice } from "../../components/error-notice";
import { useLoad } from "../../hooks/use-load";
import { DEFAULT_POLL_MS, usePolling } from "../../hooks/use-polling";
import { href, pathOf } from "../../router";
import type { PageProps } from "../../page-props";
import { useSession } from "../../session";
import { IndexStatus } from "./index-status";
import { RetrievePlayground } from "./retrieve-playground";
import "../../playground/playground.css";

/** The index page; polls the index while it syncs. */
export function IndexPage({ params }: PageProps) {
  const { api } = useSession();
  const id = params.id ?? "";
  const path = `/api/v1/indexes/${encodeURIComponent(id)}`;
  const index = useLoad(() => api.get<LlamaIndex>(path), [api, path]);
  usePolling(index.data?.metadata.status === "syncing", async () => {
    await index.reload();
    // LlamaCloud sends no poll hint for an index; its syncing guide polls every second (DEFAULT_POLL_MS).
    return DEFAULT_POLL_MS;
  });
  const i = index.data;
  return (
    <>
      <p class="breadcrumb">
        <a href={href("/indexes")}>Indexes</a>
      </p>
      <h1>{i?.name ?? id}</h1>
      <ErrorNotice error={index.error} />
      {i ? (
        <>
          <div class="card">
            <dl class="facts">
              <dt>ID</dt>
              <dd>
                <code>{i.id}</code>
              </dd>
              <dt>Source directory</dt>
              <dd>
                <a href={href(pathOf("directories", i.source_directory_id))}>{i.source_directory_id}</a>
              </dd>
              <dt>Vector store (export_config_id)</dt>
              <dd>
                <a href={href(pathOf("stores", i.export_config_id, "search"))}>{i.export_config_id}</a> <span class="muted">(its search playground)</span>
              </dd>
              <dt>Vector target</dt>
              <dd>{i.vector_target}</dd>
            </dl>
          </div>
          <IndexStatus index={i} onSynced={(next) => index.update(() => next)} onConflict={() => void index.reload()} />
          <RetrievePlayground indexId={i.id} />
        </>
      ) : index.loading ? (
        <p aria-busy="true">Loading…</p>
      ) : null}
    </>
  );
}
