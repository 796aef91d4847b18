// The route table: each page is its own lazily loaded module (one dynamic import per page), plus the nav entries.
import type { ComponentType } from "preact";
import type { PageProps } from "./page-props";



/** A page: its hash pattern, document title, and loader (a dynamic import, so each page is its own chunk). */
export interface RouteDef {
  pattern: string;
  title: string;
  load: () => Promise<ComponentType<PageProps>>;
}

/** A nav link; `section` matches the first path segment so the current section is marked. */
export interface NavEntry {
  label: string;
  path: string;
  section: string;
}

/** Pages, first match wins. Add a page here and (if it is a section) in NAV. */
export const ROUTES: RouteDef[] = [
  { pattern: "/files", title: "Files", load: () => import("./pages/files/files-page").then((m) => m.FilesPage) },
  { pattern: "/stores", title: "Vector stores", load: () => import("./pages/stores/stores-page").then((m) => m.StoresPage) },
  { pattern: "/stores/:id", title: "Vector store", load: () => import("./pages/stores/store-page").then((m) => m.StorePage) },
  { pattern: "/stores/:id/search", title: "Search playground", load: () => import("./pages/search/search-page").then((m) => m.SearchPage) },
  { pattern: "/search", title: "Search", load: () => import("./pages/search/search-home-page").then((m) => m.SearchHomePage) },
  { pattern: "/directories", title: "Directories", load: () => import("./pages/directories/directories-page").then((m) => m.DirectoriesPage) },
  { pattern: "/directories/:id", title: "Directory", load: () => import("./pages/directories/directory-page").then((m) => m.DirectoryPage) },
  { pattern: "/indexes", title: "Indexes", load: () => import("./pages/indexes/indexes-page").then((m) => m.IndexesPage) },
  { pattern: "/indexes/:id", title: "Index", load: () => import("./pages/indexes/index-page").then((m) => m.IndexPage) },
  { pattern: "/stores/:id/files/:fileId", title: "Chunks", load: () => import("./pages/chunks/chunk-inspector").then((m) => m.ChunkInspector) },
];

/** The sections in the main navigation. */
export const NAV: NavEntry[] = [
  { label: "Files", path: "/files", section: "files" },
  { label: "Vector stores", path: "/stores", section: "stores" },
  { label: "Search", path: "/search", section: "search" },
  { label: "Directories", path: "/directories", section: "directories" },
  { label: "Indexes", path: "/indexes", section: "indexes" },
];

/** Where `/` goes. */
export const HOME = "/files";
