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
  // The search playground, reached from the store's page.
  await page.goto(`/#/stores/${storeId}`);
  await page.getByRole("link", { name: "Search this store" }).click();
  await page.getByLabel("Query", { exact: true }).fill("pricing for the final plan");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("region", { name: "Results" }).getByRole("listitem").first().waitFor();
  await page.screenshot({ path: `${out}/search.png`, fullPage: true });
  // A LlamaCloud directory and index, synced, with a retrieval.
  await page.getByRole("link", { name: "Directories" }).click();
  await page.getByLabel("Name").fill("HR handbook");
  await page.getByRole("button", { name: "Create directory" }).click();
  await page.getByRole("link", { name: "HR handbook", exact: true }).click();
  await page.setInputFiles("#dir-upload", { name: "leave.md", mimeType: "text/markdown", buffer: Buffer.from(longMarkdown("parental leave", 4)) });
  await page.getByLabel("Metadata (JSON object, optional; becomes filterable attributes)").first().fill('{"team": "hr"}');
  await page.getByRole("button", { name: "Upload to directory" }).click();
  await page.getByRole("table").filter({ hasText: "leave.md" }).getByRole("cell", { name: "leave.md", exact: true }).waitFor();
  await page.getByLabel("Name (optional)").fill("handbook index");
  await page.getByRole("button", { name: "Create index" }).click();
  await page.getByRole("heading", { level: 1, name: "handbook index" }).waitFor();
  await page.getByRole("region", { name: "Sync" }).locator(".badge", { hasText: "ready" }).waitFor({ timeout: 60_000 });
  await page.getByLabel("Query").fill("parental leave");
  await page.getByRole("button", { name: "Retrieve" }).click();
  await page.getByRole("region", { name: "Retrieved chunks" }).getByRole("listitem").first().waitFor();
  await page.screenshot({ path: `${out}/index.png`, fullPage: true });
  const narrow = await openDashboard(browser, worker.url, 390);
  await signIn(narrow.page, API_KEY);
  await narrow.page.getByRole("table").waitFor();
  await narrow.page.screenshot({ path: `${out}/files-narrow.png`, fullPage: true });
  console.log(`screenshots saved in ${out}/`);
} finally {
  await browser.close();
  await worker.stop();
}
