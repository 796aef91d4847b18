// The chunk inspector: one store file's chunks in order (GET …/content?view=chunks), over its parsed text.
import { useState } from "preact/hooks";
import type { ContentChunk, FileContentPage, FileObject, VectorStoreFile } from "../../api/types";
import { ErrorNotice } from "../../components/error-notice";
import { LoadMore } from "../../components/load-more";
import { StatusBadge } from "../../components/status-badge";
import { useAction, useLoad } from "../../hooks/use-load";
import { href, pathOf } from "../../router";
import type { PageProps } from "../../page-props";
import { useSession } from "../../session";
import { ChunkCard } from "./chunk-card";
import { ChunkMap } from "./chunk-map";

/** Chunks per request (the extension's maximum). */
const CHUNKS_PAGE = 100;

/** The inspector page (route /stores/:id/files/:fileId). */
export function ChunkInspector({ params }: PageProps) {
  const storeId = params.id!;
  const fileId = params.fileId!;
  const { api } = useSession();
  const base = `/v1/vector_stores/${encodeURIComponent(storeId)}/files/${encodeURIComponent(fileId)}`;
  const file = useLoad(() => api.get<VectorStoreFile>(base), [api, base]);
  const meta = useLoad(() => api.get<FileObject>(`/v1/files/${encodeURIComponent(fileId)}`).catch(() => null), [api, fileId]);
  const chunks = useLoad(() => api.get<FileContentPage<ContentChunk>>(`${base}/content`, { view: "chunks", limit: CHUNKS_PAGE }), [api, base]);
  const text = useLoad(() => api.get<FileContentPage<{ type: "text"; text: string }>>(`${base}/content`), [api, base]);
  const action = useAction();
  const [more, setMore] = useState(false);

  const loadMore = async () => {
    const next = chunks.data?.next_page;
    if (!next) return;
    setMore(true);
    await action.run(async () => {
      const page = await api.get<FileContentPage<ContentChunk>>(`${base}/content`, { view: "chunks", limit: CHUNKS_PAGE, page: next });
      chunks.update((cur) => ({ ...page, data: [...cur.data, ...page.data] }));
    });
    setMore(false);
  };

  const parsed = text.data?.data.map((d) => d.text).join("") ?? "";
  const list = chunks.data?.data ?? [];
  const tokens = list.reduce((n, c) => n + c.chunk_token_count, 0);
  const name = meta.data?.filename ?? fileId;
  return (
    <>
      <p>
        <a href={href(pathOf("stores", storeId))}>← Back to the store</a>
      </p>
      <h1>Chunks of {name}</h1>
      <ErrorNotice error={file.error} />
      <ErrorNotice error={chunks.error} />
      <ErrorNotice error={text.error} />
      <ErrorNotice error={action.error} onDismiss={action.clear} />
      {file.data ? (
        <section class="card" aria-labelledby="chunk-summary">
          <h2 id="chunk-summary">Summary</h2>
          <dl class="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={file.data.status} />
            </dd>
            <dt>Chunking</dt>
            <dd>
              {file.data.chunking_strategy?.static
                ? `static, ${file.data.chunking_strategy.static.max_chunk_size_tokens} tokens max, ${file.data.chunking_strategy.static.chunk_overlap_tokens} overlap`
                : (file.data.chunking_strategy?.type ?? "—")}
            </dd>
            <dt>Parsed text</dt>
            <dd>{parsed.length} characters</dd>
            <dt>Chunks loaded</dt>
            <dd class="chunk-count">
              {list.length}
              {chunks.data?.has_more ? " (more to load)" : ""}, {tokens} tokens
            </dd>
          </dl>
        </section>
      ) : null}
      {file.data && file.data.status !== "completed" ? <p>This file has no chunks yet: it is {file.data.status.replace("_", " ")}.</p> : null}
      <ChunkMap chunks={list} length={parsed.length} />
      <section aria-label="Chunks">
        {list.map((c) => (
          <ChunkCard key={c.chunk_index} chunk={c} />
        ))}
      </section>
      <LoadMore hasMore={!!chunks.data?.has_more} loading={more} onMore={() => void loadMore()} label="Load more chunks" />
      {parsed ? (
        <details class="card">
          <summary>Whole parsed text</summary>
          <pre class="parsed">{parsed}</pre>
        </details>
      ) : null}
    </>
  );
}
