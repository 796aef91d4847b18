// Create or edit a vector store: name, metadata, expires_after (days after last activity) and, on create, chunking.
import { useState } from "preact/hooks";
import type { FileObject, VectorStore } from "../../api/types";
import { ChunkingFields, DEFAULT_CHUNKING, chunkingParam } from "../../components/chunking-fields";
import { ErrorNotice } from "../../components/error-notice";
import { FilePicker } from "../../components/file-picker";
import { KeyValueEditor, objectFrom, rowsFrom, type KeyValueRow } from "../../components/key-value-editor";
import { useFocusFirstField } from "../../hooks/use-focus";
import { useAction } from "../../hooks/use-load";
import { useSession } from "../../session";

/**
 * With `store`, edits it (POST /v1/vector_stores/{id}); without, creates one, optionally with files of the project
 * (`files`), which the chosen chunking applies to. The typed values stay in the form when the API refuses them;
 * `onSaved` gets the answer.
 */
export function StoreForm({ store, files = [], onSaved, onCancel }: { store: VectorStore | null; files?: FileObject[]; onSaved: (store: VectorStore) => void; onCancel?: () => void }) {
  const { api } = useSession();
  const action = useAction();
  const id = store ? `edit-${store.id}` : "new-store";
  const [name, setName] = useState(store?.name ?? "");
  const [metadata, setMetadata] = useState<KeyValueRow[]>(rowsFrom(store?.metadata));
  const [days, setDays] = useState(store?.expires_after ? String(store.expires_after.days) : "");
  const [chunking, setChunking] = useState(DEFAULT_CHUNKING);
  const [fileIds, setFileIds] = useState<string[]>([]);
  const formRef = useFocusFirstField<HTMLFormElement>(store !== null);

  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const meta = objectFrom(metadata, false);
      const expires = days.trim() === "" ? null : { anchor: "last_active_at", days: Number(days) };
      const body: Record<string, unknown> = { name, metadata: meta };
      if (store) body.expires_after = expires;
      else {
        if (expires) body.expires_after = expires;
        if (fileIds.length > 0) {
          body.file_ids = fileIds;
          body.chunking_strategy = chunkingParam(chunking);
        }
      }
      const saved = await api.post<VectorStore>(store ? `/v1/vector_stores/${encodeURIComponent(store.id)}` : "/v1/vector_stores", body);
      onSaved(saved);
      if (!store) {
        setName("");
        setMetadata([]);
        setDays("");
        setFileIds([]);
      }
    });
  };

  return (
    <form ref={formRef} onSubmit={submit} class="store-form" aria-label={store ? `Edit ${store.name ?? store.id}` : "Create a vector store"}>
      <div class="field">
        <label for={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for={`${id}-days`}>Expires after (days of inactivity, empty for never)</label>
        <input id={`${id}-days`} type="number" min={1} max={365} value={days} onInput={(e) => setDays(e.currentTarget.value)} />
      </div>
      {!store ? (
        <>
          <FilePicker id={`${id}-files`} label="Files to add now (optional)" files={files} selected={fileIds} onChange={setFileIds} />
          {fileIds.length > 0 ? <ChunkingFields value={chunking} onChange={setChunking} idPrefix={id} note="Applies to the files added now; files attached later choose their own." /> : null}
        </>
      ) : null}
      <KeyValueEditor rows={metadata} onChange={setMetadata} typed={false} idPrefix={`${id}-meta`} legend="Metadata" />
      <ErrorNotice error={action.error} />
      <div class="row">
        <button type="submit" disabled={action.busy}>
          {action.busy ? "Saving…" : store ? "Save" : "Create store"}
        </button>
        {onCancel ? (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
