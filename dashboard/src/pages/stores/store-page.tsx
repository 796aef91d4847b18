// Vector store page (placeholder until it is built).
import type { PageProps } from "../../routes";

/** Vector store. */
export function StorePage(_props: PageProps) {
  return <h1>Vector store</h1>;
}
