// Vector stores page (placeholder until it is built).
import type { PageProps } from "../../routes";

/** Vector stores. */
export function StoresPage(_props: PageProps) {
  return <h1>Vector stores</h1>;
}
