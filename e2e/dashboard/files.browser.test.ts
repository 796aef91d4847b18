// The dashboard in Chromium against a worker started like the e2e suites: assets + CSP, sign-in, the Files page.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { API_KEY, startWorker, type RunningWorker } from "../harness";
import { fitsWidth, launchBrowser, openDashboard, signIn } from "./browser";

const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

let worker: RunningWorker;
let browser: Browser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

describe("dashboard assets", () => {
  it("serves the page at / with its Content-Security-Policy, and leaves every other path to the API", async () => {
    const page = await fetch(`${worker.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("content-security-policy")).toBe(CSP);
    expect(await page.text()).toContain('<div id="app">');

    const unknown = await fetch(`${worker.url}/no/such/page`);
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
    const missingAsset = await fetch(`${worker.url}/assets/missing.js`);
    expect(missingAsset.status).toBe(404);
    expect(missingAsset.headers.get("content-type")).toContain("application/json");

    const noKey = await fetch(`${worker.url}/v1/files`);
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get("content-security-policy")).toBeNull();
    const llama = await fetch(`${worker.url}/api/v1/beta/directories`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(llama.status).toBe(200);
  });
});

describe("sign-in and files", () => {
  it("shows a wrong key's error with its request id and keeps what was typed", async () => {
    const { page, problems } = await openDashboard(browser, worker.url);
    await page.getByLabel("API key").fill("sk-wrong");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("Incorrect API key provided.");
    expect(await alert.locator(".request-id").innerText()).toMatch(/^req_[0-9a-f]{32}$/);
    expect(await page.getByLabel("API key").inputValue()).toBe("sk-wrong");
    expect(await page.evaluate(() => sessionStorage.getItem("shelf.apiKey"))).toBeNull();
    expect(problems.filter((p) => !p.includes("401"))).toEqual([]);
    await page.context().close();
  });

  it("signs in, shows the project, uploads several files with progress, filters, downloads and deletes; names stay text", async () => {
    const { page, problems } = await openDashboard(browser, worker.url);
    await signIn(page, API_KEY);
    expect(await page.locator(".project-id").innerText()).toBe("proj_e2e");
    expect(page.url()).toMatch(/#\/files$/);
    // The key lives in sessionStorage only: never in the URL or a cookie.
    expect(await page.evaluate(() => sessionStorage.getItem("shelf.apiKey"))).toBe(API_KEY);
    expect(page.url()).not.toContain(API_KEY);
    expect(await page.context().cookies()).toEqual([]);

    const tricky = `<img src=x onerror="alert(1)"> “Zürich” 東京 'quoted'.txt`;
    await page.setInputFiles("#file-input", [
      { name: "notes.md", mimeType: "text/markdown", buffer: Buffer.from("# Notes\n\nShelf stores files.") },
      { name: tricky, mimeType: "text/plain", buffer: Buffer.from("tricky name") },
    ]);
    const uploads = page.getByRole("list", { name: "Uploads" });
    await uploads.getByText("completed").nth(1).waitFor();
    const bars = uploads.locator("progress");
    for (const bar of await bars.all()) expect(await bar.evaluate((b) => { const p = b as unknown as { value: number; max: number }; return p.value === p.max; })).toBe(true);
    expect(await bars.count()).toBe(2);

    const table = page.getByRole("table");
    await table.getByRole("cell", { name: tricky, exact: true }).waitFor();
    expect(await page.locator("img").count()).toBe(0);

    await page.getByLabel("Filter by name").fill("notes");
    await expect.poll(() => table.locator("tbody tr").count()).toBe(1);
    await page.getByLabel("Filter by name").fill("");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download notes.md" }).click()]);
    expect(download.suggestedFilename()).toBe("notes.md");
    const saved = await download.path();
    expect(readFileSync(saved, "utf8")).toBe("# Notes\n\nShelf stores files.");

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Delete notes.md" }).click();
    await page.getByRole("status").getByText("Deleted notes.md").waitFor();
    await page.reload();
    await page.getByRole("cell", { name: tricky, exact: true }).waitFor();
    expect(await page.getByRole("cell", { name: "notes.md" }).count()).toBe(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("uploads a file above the multipart threshold through the Uploads API in parts, with its progress", async () => {
    const { page, problems } = await openDashboard(browser, worker.url);
    await signIn(page, API_KEY);
    // 33 MiB: above MULTIPART_THRESHOLD_BYTES (32 MiB), so three 16 MiB parts.
    const big = Buffer.alloc(33 * 1024 * 1024, "shelf dashboard multipart upload\n");
    await page.setInputFiles("#file-input", [{ name: "big.txt", mimeType: "text/plain", buffer: big }]);
    const item = page.getByRole("list", { name: "Uploads" }).getByRole("listitem").filter({ hasText: "big.txt" });
    await item.getByText("completed").waitFor({ timeout: 90_000 });
    await page.getByRole("cell", { name: "big.txt", exact: true }).waitFor();
    const files = (await (await fetch(`${worker.url}/v1/files`, { headers: { authorization: `Bearer ${API_KEY}` } })).json()) as { data: Array<{ filename: string; bytes: number; id: string }> };
    const uploaded = files.data.find((f) => f.filename === "big.txt");
    expect(uploaded?.bytes).toBe(big.length);
    const content = await fetch(`${worker.url}/v1/files/${uploaded!.id}/content`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(Buffer.from(await content.arrayBuffer()).equals(big)).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it("holds up on a narrow window: one column, nothing wider than the screen", async () => {
    const form = new FormData();
    form.append("purpose", "assistants");
    form.append("file", new Blob(["narrow"]), "a-file-with-a-rather-long-name-for-a-phone-screen.txt");
    expect((await fetch(`${worker.url}/v1/files`, { method: "POST", body: form, headers: { authorization: `Bearer ${API_KEY}` } })).status).toBe(200);
    const { page, problems } = await openDashboard(browser, worker.url, 390);
    await signIn(page, API_KEY);
    await page.getByRole("table").waitFor();
    expect(await fitsWidth(page)).toBe(true);
    await page.goto("/#/stores");
    await page.getByRole("heading", { name: "Vector stores", level: 1 }).waitFor();
    expect(await fitsWidth(page)).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});

describe("sessions and focus (issue 13)", () => {
  const activeId = "document.activeElement ? document.activeElement.id : ''";
  const shelfKeys = "Object.keys(sessionStorage).filter((k) => k.startsWith('shelf.'))";

  it("focuses the API key field on load, and the list's heading after a delete", async () => {
    const { page } = await openDashboard(browser, worker.url);
    await page.getByLabel("API key").waitFor();
    expect(await page.evaluate<string>(activeId)).toBe("api-key");
    await signIn(page, API_KEY);
    await page.setInputFiles("#file-input", [{ name: "focus-delete.md", mimeType: "text/markdown", buffer: Buffer.from("# Gone") }]);
    await page.getByRole("cell", { name: "focus-delete.md", exact: true }).waitFor();
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Delete focus-delete.md" }).click();
    await page.getByRole("status").getByText("Deleted focus-delete.md").waitFor();
    expect(await page.evaluate<string>(activeId)).toBe("files-heading");
    await page.context().close();
  });

  it("signs out on a 401 mid-session with the refusal and its request id, keeping nothing", async () => {
    const { page } = await openDashboard(browser, worker.url);
    await page.getByLabel("API key").waitFor();
    // A key that worked at sign-in and was revoked since: the stored session holds it, the API now refuses it.
    await page.evaluate("sessionStorage.setItem('shelf.apiKey', 'sk-revoked'); sessionStorage.setItem('shelf.project', 'proj_e2e'); sessionStorage.setItem('shelf.search.vs_x', '{}')");
    await page.goto("/#/stores");
    await page.reload();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.innerText()).toContain("Your key was refused (401): Incorrect API key provided.");
    expect(await alert.locator(".request-id").innerText()).toMatch(/^req_[0-9a-f]{32}$/);
    expect(await page.getByLabel("API key").inputValue()).toBe("");
    expect(await page.evaluate<string[]>(shelfKeys)).toEqual([]);
    await page.context().close();
  });

  it("removes every shelf.* item of sessionStorage on sign out", async () => {
    const { page } = await openDashboard(browser, worker.url);
    await signIn(page, API_KEY);
    await page.evaluate("sessionStorage.setItem('shelf.search.vs_x', '[1]'); sessionStorage.setItem('shelf.retrieve.idx', '{}'); sessionStorage.setItem('other', 'kept')");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("API key").waitFor();
    expect(await page.evaluate<string[]>(shelfKeys)).toEqual([]);
    expect(await page.evaluate<string | null>("sessionStorage.getItem('other')")).toBe("kept");
    await page.context().close();
  });
});
