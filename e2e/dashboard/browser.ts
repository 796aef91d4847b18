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

/** True when the page has no horizontal scrollbar at its viewport width (anything wide scrolls inside its own box). */
export async function viewportFits(page: Page): Promise<boolean> {
  // A string expression: these files are type-checked without the DOM library.
  return (await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")) === true;
}
