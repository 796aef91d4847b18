// Chunking strategy inputs (auto, or static with token sizes), shared by store creation and attach.
import type { ChunkingStrategyParam } from "../api/types";

/** The fields as typed (strings, so nothing typed is lost before the API validates it). */
export interface ChunkingValue {
  type: "auto" | "static";
  maxTokens: string;
  overlapTokens: string;
}

/** OpenAI's auto strategy: 800 tokens per chunk, 400 overlap. */
export const DEFAULT_CHUNKING: ChunkingValue = { type: "auto", maxTokens: "800", overlapTokens: "400" };

/** The wire `chunking_strategy` of the typed value. */
export function chunkingParam(v: ChunkingValue): ChunkingStrategyParam {
  return v.type === "auto" ? { type: "auto" } : { type: "static", static: { max_chunk_size_tokens: Number(v.maxTokens), chunk_overlap_tokens: Number(v.overlapTokens) } };
}

/** A fieldset; `idPrefix` keeps ids unique; `note` says what the strategy applies to. */
export function ChunkingFields({ value, onChange, idPrefix, note }: { value: ChunkingValue; onChange: (v: ChunkingValue) => void; idPrefix: string; note?: string }) {
  return (
    <fieldset>
      <legend>Chunking</legend>
      {note ? <p class="hint">{note}</p> : null}
      <div class="row">
        <label for={`${idPrefix}-chunking`}>Strategy</label>
        <select id={`${idPrefix}-chunking`} value={value.type} onChange={(e) => onChange({ ...value, type: e.currentTarget.value as ChunkingValue["type"] })}>
          <option value="auto">auto (800 tokens, 400 overlap)</option>
          <option value="static">static</option>
        </select>
      </div>
      {value.type === "static" ? (
        <div class="row">
          <label for={`${idPrefix}-max`}>Max chunk size (tokens)</label>
          <input id={`${idPrefix}-max`} type="number" min={100} max={4096} value={value.maxTokens} onInput={(e) => onChange({ ...value, maxTokens: e.currentTarget.value })} />
          <label for={`${idPrefix}-overlap`}>Overlap (tokens)</label>
          <input id={`${idPrefix}-overlap`} type="number" min={0} value={value.overlapTokens} onInput={(e) => onChange({ ...value, overlapTokens: e.currentTarget.value })} />
        </div>
      ) : null}
    </fieldset>
  );
}
