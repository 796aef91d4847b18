// Chunks page (placeholder until it is built).
import type { PageProps } from "../../routes";

/** Chunks. */
export function ChunkInspector(_props: PageProps) {
  return <h1>Chunks</h1>;
}
