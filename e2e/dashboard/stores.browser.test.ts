// The vector store pages in Chromium: create a store, attach a batch and watch it complete, edit attributes, inspect
// chunks, refuse an unsupported file with its error and request id, edit and delete the store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { API_KEY, startWorker, type RunningWorker } from "../harness";
import { launchBrowser, openDashboard, signIn } from "./browser";
import { attachAndWait, createStore, longMarkdown, uploadFiles } from "./flows";

let worker: RunningWorker;
let browser: Browser;
let page: Page;
let problems: string[];
let storeId: string;
const storeName = `Q3 <b>"reports"</b> — Zürich`;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchBrowser()]);
  ({ page, problems } = await openDashboard(browser, worker.url));
  await signIn(page, API_KEY);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("vector stores in the dashboard", () => {
  it("creates a store with metadata, listed with its status and counts", async () => {
    await uploadFiles(page, [
      { name: "budget.md", text: longMarkdown("budget"), mimeType: "text/markdown" },
      { name: "roadmap.md", text: longMarkdown("roadmap"), mimeType: "text/markdown" },
      { name: "diagram.png", text: "not an image really", mimeType: "image/png" },
    ]);
    storeId = await createStore(page, storeName);
    expect(storeId).toMatch(/^vs_/);
    const row = page.getByRole("row").filter({ hasText: storeId });
    expect(await row.getByText("completed").count()).toBe(1);
    expect(await row.innerText()).toContain("0 of 0 ready");
  });

  it("shows a refused create's error with its request id and keeps every typed value", async () => {
    const form = page.getByRole("form", { name: "Create a vector store" });
    await form.getByLabel("Name").fill("Refused store");
    await form.getByLabel("Expires after (days of inactivity, empty for never)").fill("7");
    await form.getByRole("button", { name: "Add metadata entry" }).click();
    const longKey = "k".repeat(65);
    await form.getByLabel("Metadata key 1").fill(longKey);
    await form.getByLabel("Metadata value 1").fill("v");
    await form.getByRole("button", { name: "Create store" }).click();
    const alert = form.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("metadata");
    expect(await alert.locator(".request-id").innerText()).toMatch(/^req_/);
    expect(await form.getByLabel("Name").inputValue()).toBe("Refused store");
    expect(await form.getByLabel("Expires after (days of inactivity, empty for never)").inputValue()).toBe("7");
    expect(await form.getByLabel("Metadata key 1").inputValue()).toBe(longKey);
    expect(await page.getByRole("link", { name: "Refused store" }).count()).toBe(0);
  });

  it("attaches two files as a batch with static chunking, shows the batch progress and both files completed", async () => {
    await attachAndWait(page, storeId, ["budget.md", "roadmap.md"]);
    const batch = page.locator(".batch");
    await batch.locator(".badge", { hasText: "completed" }).waitFor();
    expect(await batch.innerText()).toContain("2 of 2 processed");
    expect(await batch.locator("progress").evaluate((b) => (b as unknown as { value: number }).value)).toBe(2);
    await page.getByRole("heading", { name: storeName, level: 1 }).waitFor();
    const summary = page.getByRole("region", { name: "Summary" });
    await summary.getByText("2 completed").waitFor();
    await page.getByLabel("Show").selectOption("failed");
    await page.getByText("No failed files.").waitFor();
    await page.getByLabel("Show").selectOption("completed");
    await page.getByRole("row").filter({ hasText: "roadmap.md" }).waitFor();
    expect(await page.getByRole("table").locator("tbody tr").count()).toBe(2);
    await page.getByLabel("Show").selectOption("");
  });

  it("shows an unsupported file's error with its request id and keeps the selection", async () => {
    const form = page.getByRole("form", { name: "Attach files" });
    await form.getByLabel("Files (select one or several)").selectOption({ label: "diagram.png" });
    await form.getByRole("button", { name: "Attach", exact: true }).click();
    const alert = form.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("[.png]");
    expect(await alert.innerText()).toContain("unsupported_file");
    expect(await alert.locator(".request-id").innerText()).toMatch(/^req_/);
    expect(await form.getByLabel("Files (select one or several)").evaluate((s) => [...(s as unknown as { selectedOptions: Array<{ text: string }> }).selectedOptions].map((o) => o.text))).toEqual(["diagram.png"]);
  });

  it("edits a file's attributes", async () => {
    await page.getByRole("button", { name: "Edit attributes of budget.md" }).click();
    const form = page.getByRole("form", { name: "Attributes of budget.md" });
    await form.getByRole("button", { name: "Add attributes entry" }).click();
    await form.getByLabel("Attributes key 1").fill("year");
    await form.getByLabel("Attributes type 1").selectOption("number");
    await form.getByLabel("Attributes value 1").fill("2024");
    await form.getByRole("button", { name: "Save attributes" }).click();
    await page.getByRole("status").getByText("Saved attributes of budget.md").waitFor();
    const row = page.getByRole("row").filter({ hasText: "budget.md" });
    expect(await row.locator("dl").innerText()).toMatch(/year\s+2024/);
  });

  it("inspects a file's chunks in order with offsets, tokens and the whole parsed text", async () => {
    await page.getByRole("link", { name: "Chunks of budget.md" }).click();
    await page.getByRole("heading", { name: "Chunks of budget.md", level: 1 }).waitFor();
    const chunks = page.getByRole("region", { name: "Chunks" }).getByRole("article");
    await chunks.first().waitFor();
    const count = await chunks.count();
    expect(count).toBeGreaterThan(1);
    expect(await chunks.first().innerText()).toMatch(/Chunk 0\s+characters 0–\d+\s+\d+ tokens/);
    expect(await chunks.nth(count - 1).innerText()).toContain(`Chunk ${count - 1}`);
    expect(await page.getByRole("img", { name: `${count} chunks over` }).count()).toBe(1);
    expect(await page.locator("svg.chunk-map rect").count()).toBe(count);
    await page.getByText("Whole parsed text").click();
    expect(await page.locator("pre.parsed").innerText()).toContain("budget part 11");
  });

  it("edits the store's name and deletes it; the name is shown as text throughout", async () => {
    await page.goto("/#/stores");
    await page.getByRole("button", { name: `Edit ${storeName}` }).click();
    const form = page.getByRole("form", { name: `Edit ${storeName}` });
    await form.getByLabel("Name").fill(`${storeName} (final)`);
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByRole("status").getByText(`Saved ${storeName} (final)`).waitFor();
    expect(await page.locator("main b").count()).toBe(0);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: `Delete ${storeName} (final)` }).click();
    await page.getByText("No vector stores yet.").waitFor();
    // The png attach answered 400; the browser logs failed requests as console errors, nothing else may appear.
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
  });
});
