// Attach files of the project to a store: one file (POST …/files) or several at once as a file batch, with attributes.
import { useState } from "preact/hooks";
import type { FileBatch, FileObject, VectorStoreFile } from "../../api/types";
import { ChunkingFields, DEFAULT_CHUNKING, chunkingParam } from "../../components/chunking-fields";
import { ErrorNotice } from "../../components/error-notice";
import { FilePicker } from "../../components/file-picker";
import { KeyValueEditor, objectFrom, type KeyValueRow } from "../../components/key-value-editor";
import { useAction } from "../../hooks/use-load";
import { useSession } from "../../session";

/** What an attach produced: a single file, or a batch to follow. */
export type Attached = { kind: "file"; file: VectorStoreFile } | { kind: "batch"; batch: FileBatch };

/** `files` are the candidates (the project's files not yet in the store). Selection and attributes survive an error. */
export function AttachForm({ storeId, files, onAttached }: { storeId: string; files: FileObject[]; onAttached: (a: Attached) => void }) {
  const { api } = useSession();
  const action = useAction();
  const [selected, setSelected] = useState<string[]>([]);
  const [attributes, setAttributes] = useState<KeyValueRow[]>([]);
  const [chunking, setChunking] = useState(DEFAULT_CHUNKING);
  const base = `/v1/vector_stores/${encodeURIComponent(storeId)}`;

  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const attrs = objectFrom(attributes, true);
      const withAttrs = { ...(Object.keys(attrs).length > 0 ? { attributes: attrs } : {}), chunking_strategy: chunkingParam(chunking) };
      if (selected.length === 1) onAttached({ kind: "file", file: await api.post<VectorStoreFile>(`${base}/files`, { file_id: selected[0], ...withAttrs }) });
      else onAttached({ kind: "batch", batch: await api.post<FileBatch>(`${base}/file_batches`, { file_ids: selected, ...withAttrs }) });
      setSelected([]);
    });
  };

  return (
    <form onSubmit={submit} aria-label="Attach files">
      {files.length === 0 ? <p class="hint">Every file of the project is in this store; upload more on the Files page.</p> : null}
      <FilePicker id="attach-files" label="Files (select one or several)" files={files} selected={selected} onChange={setSelected} />
      <KeyValueEditor rows={attributes} onChange={setAttributes} typed idPrefix="attach-attr" legend="Attributes" />
      <ChunkingFields value={chunking} onChange={setChunking} idPrefix="attach" />
      <ErrorNotice error={action.error} />
      <button type="submit" disabled={action.busy || selected.length === 0}>
        {action.busy ? "Attaching…" : selected.length > 1 ? `Attach ${selected.length} files as a batch` : "Attach"}
      </button>
    </form>
  );
}
