// User flows through the dashboard, shared by the browser tests and the screenshot script (scripts/screenshots.ts).
import type { Locator, Page } from "playwright-core";

/** A markdown text long enough to give several chunks at 100 tokens each. */
export function longMarkdown(topic: string, paragraphs = 12): string {
  return Array.from({ length: paragraphs }, (_, i) => `## ${topic} part ${i}\n\nThe ${topic} team wrote paragraph ${i} about budgets, schedules and item ${i * 11}; it carries enough words to fill a chunk.`).join("\n\n");
}

/** Uploads in-memory files through the Files page's file input and waits until each shows completed. */
export async function uploadFiles(page: Page, files: Array<{ name: string; text: string; mimeType?: string }>): Promise<void> {
  await page.goto("/#/files");
  await page.getByRole("heading", { name: "Files", level: 1 }).waitFor();
  await page.setInputFiles(
    "#file-input",
    files.map((f) => ({ name: f.name, mimeType: f.mimeType ?? "text/plain", buffer: Buffer.from(f.text) })),
  );
  const uploads = page.getByRole("list", { name: "Uploads" });
  for (const f of files) await uploads.getByRole("listitem").filter({ hasText: f.name }).getByText("completed").waitFor();
}

/** Creates an empty store with one metadata entry; answers its id (from the list's link). */
export async function createStore(page: Page, name: string): Promise<string> {
  await page.goto("/#/stores");
  const form = page.getByRole("form", { name: "Create a vector store" });
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Add metadata entry" }).click();
  await form.getByLabel("Metadata key 1").fill("team");
  await form.getByLabel("Metadata value 1").fill("finance");
  await form.getByRole("button", { name: "Create store" }).click();
  await page.getByRole("status").getByText(`Created ${name}`).waitFor();
  const link = page.getByRole("table").getByRole("link", { name, exact: true });
  const target = (await link.getAttribute("href")) ?? "";
  return decodeURIComponent(target.replace(/^#\/stores\//, ""));
}

/**
 * Selects the options of the named files in a file picker, whose options read "name (file-…)"; answers their ids.
 * Throws when a name has no option.
 */
export async function selectFiles(select: Locator, names: string[]): Promise<string[]> {
  const options = await select.locator("option").evaluateAll((os) => os.map((o) => ({ value: (o as unknown as { value: string }).value, text: (o as unknown as { text: string }).text })));
  const ids = names.map((n) => {
    const found = options.find((o) => o.text === `${n} (${o.value})`);
    if (!found) throw new Error(`no option for ${n}`);
    return found.value;
  });
  await select.selectOption(ids);
  return ids;
}

/** On a store's page, attaches the named files (several → a batch) in chunks of 100 tokens, and waits for every one to complete. */
export async function attachAndWait(page: Page, storeId: string, names: string[]): Promise<void> {
  await page.goto(`/#/stores/${encodeURIComponent(storeId)}`);
  const form = page.getByRole("form", { name: "Attach files" });
  await form.getByLabel("Files (select one or several)").locator("option").first().waitFor({ state: "attached" });
  await selectFiles(form.getByLabel("Files (select one or several)"), names);
  await form.getByLabel("Strategy").selectOption("static");
  await form.getByLabel("Max chunk size (tokens)").fill("100");
  await form.getByLabel("Overlap (tokens)").fill("0");
  await form.getByRole("button", { name: names.length > 1 ? `Attach ${names.length} files as a batch` : "Attach" }).click();
  const table = page.getByRole("table");
  for (const n of names) await table.getByRole("row").filter({ hasText: n }).getByText("completed").waitFor({ timeout: 60_000 });
}
