// Debian's Chromium driven by playwright-core for the dashboard tests, with flags that keep it off the (closed) network.
import { chromium, type Browser, type Page } from "playwright-core";

/** Where Debian's `chromium` package puts the browser (`.ci/run` installs it when missing); CHROMIUM_PATH overrides. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Flags without which Chromium stalls on DNS lookups, update checks and sync on a machine with no network.
 * Playwright adds --headless and a fresh temporary --user-data-dir itself on every launch.
 */
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A headless Chromium with a fresh profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
}

/**
 * A page on `baseUrl` that collects console errors and page errors (CSP violations land there), for the test to
 * assert on; `width` narrows the viewport.
 */
export async function openDashboard(browser: Browser, baseUrl: string, width = 1280): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, baseURL: baseUrl });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto("/");
  return { page, problems };
}

/** Signs in through the form and waits for the Files page. */
export async function signIn(page: Page, apiKey: string): Promise<void> {
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { name: "Files", level: 1 }).waitFor();
}

/**
 * True when neither the page nor any table's scroll box is wider than its box: everything is readable without
 * sideways scrolling (evaluated in the page; Node has no DOM types).
 */
export async function fitsWidth(page: Page): Promise<boolean> {
  const script = "[document.documentElement, ...document.querySelectorAll('.table-wrap')].every((e) => e.scrollWidth <= e.clientWidth)";
  return (await page.evaluate(script)) === true;
}

/**
 * The words (up to 16 characters: names of things, not ids; a hyphen ends a word, as a line may break after it) of the
 * tables' text that are broken across lines, i.e. whose text boxes lie on more than one line.
 */
const BROKEN_WORDS = `(() => {
  const bad = [];
  for (const table of document.querySelectorAll("table")) {
    const walk = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      for (const m of n.data.matchAll(/[^\\s-]+/g)) {
        if (m[0].length > 16) continue;
        const r = document.createRange();
        r.setStart(n, m.index);
        r.setEnd(n, m.index + m[0].length);
        const tops = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
        if (tops.size > 1) bad.push(m[0]);
      }
    }
  }
  return bad;
})()`;

/** The short words of the page's tables that are broken mid-word across lines (see BROKEN_WORDS); [] when none. */
export async function brokenTableWords(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(BROKEN_WORDS);
}
