// Loads and renders the page of the current path (each page a lazily imported module), or a not-found message.
import type { ComponentType } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { asApiError, type ApiCallError } from "../api/errors";
import { matchPath } from "../router";
import type { PageProps } from "../page-props";
import { ROUTES } from "../routes";
import { ErrorNotice } from "./error-notice";

/** Renders the first route matching `path`; sets the document title. */
export function PageOutlet({ path }: { path: string }) {
  const found = ROUTES.map((r) => ({ r, params: matchPath(r.pattern, path) })).find((m) => m.params);
  const [Page, setPage] = useState<{ C: ComponentType<PageProps>; pattern: string } | null>(null);
  const [error, setError] = useState<ApiCallError | null>(null);
  const first = useRef(true);
  // After an in-app navigation, focus moves to <main> so keyboard and screen-reader users start at the new page.
  useEffect(() => {
    if (first.current) first.current = false;
    else document.getElementById("main")?.focus();
  }, [path]);
  useEffect(() => {
    if (!found) return;
    let live = true;
    document.title = `${found.r.title} · Shelf`;
    setError(null);
    found.r.load().then(
      (C) => live && setPage({ C, pattern: found.r.pattern }),
      (e) => live && setError(asApiError(e)),
    );
    return () => {
      live = false;
    };
  }, [found?.r.pattern]);
  if (!found) return <p>There is no page at {path}.</p>;
  if (error) return <ErrorNotice error={error} />;
  if (!Page || Page.pattern !== found.r.pattern) return <p aria-busy="true">Loading…</p>;
  return <Page.C key={path} params={found.params!} />;
}
