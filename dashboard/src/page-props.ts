// The props every page component receives (kept apart from the route table, which imports the pages).

/** Props every page receives: the params of its pattern. */
export interface PageProps {
  params: Record<string, string>;
}
