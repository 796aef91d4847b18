// `npm run screenshots`: drives the dashboard through its main pages against a fresh worker and saves
// docs/screenshots/*.png (shown in the README). Uses the browser tests' flows, so both stay in step.
import { mkdirSync } from "node:fs";
import { API_KEY, startWorker } from "../e2e/harness";
import { launchBrowser, openDashboard, signIn } from "../e2e/dashboard/browser";
import { attachAndWait, createStore, longMarkdown, uploadFiles } from "../e2e/dashboard/flows";

const out = "docs/screenshots";
mkdirSync(out, { recursive: true });
const worker = await startWorker();
const browser = await launchBrowser();
try {
  const { page } = await openDashboard(browser, worker.url);
  await page.getByLabel("API key").fill("sk-e2e");
  await page.screenshot({ path: `${out}/sign-in.png` });
  await signIn(page, API_KEY);
  await uploadFiles(page, [
    { name: "handbook.md", text: longMarkdown("handbook", 20), mimeType: "text/markdown" },
    { name: "pricing 2026 — “final”.md", text: longMarkdown("pricing"), mimeType: "text/markdown" },
    { name: "release-notes.txt", text: longMarkdown("release", 6) },
  ]);
  await page.screenshot({ path: `${out}/files.png`, fullPage: true });
  const storeId = await createStore(page, "Support knowledge base");
  await createStore(page, "Empty archive");
  await attachAndWait(page, storeId, ["handbook.md", "pricing 2026 — “final”.md"]);
  await page.screenshot({ path: `${out}/store.png`, fullPage: true });
  await page.getByRole("link", { name: "Chunks of handbook.md" }).click();
  await page.getByRole("region", { name: "Chunks" }).getByRole("article").first().waitFor();
  await page.screenshot({ path: `${out}/chunks.png` });
  await page.goto("/#/stores");
  await page.getByRole("table").waitFor();
  await page.screenshot({ path: `${out}/stores.png`, fullPage: true });
  const narrow = await openDashboard(browser, worker.url, 390);
  await signIn(narrow.page, API_KEY);
  await narrow.page.getByRole("table").waitFor();
  await narrow.page.screenshot({ path: `${out}/files-narrow.png`, fullPage: true });
  console.log(`screenshots saved in ${out}/`);
} finally {
  await browser.close();
  await worker.stop();
}
