// The signed-in frame: skip link, header with the project and sign-out, the main navigation, and the page's <main>.
import type { ComponentChildren } from "preact";
import { NAV } from "../routes";
import { href } from "../router";

/** `section` is the current path's first segment (marks the nav link with aria-current). */
export function Layout({ project, section, onSignOut, children }: { project: string | null; section: string; onSignOut: () => void; children: ComponentChildren }) {
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById("main")?.focus(); }}>
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Shelf</span>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.path}>
                <a href={href(n.path)} aria-current={n.section === section ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="project">
          Project: <strong class="project-id">{project ?? "unknown"}</strong>
        </span>
        <button type="button" class="link" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
