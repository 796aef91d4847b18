// The dashboard's playgrounds in Chromium: a LlamaCloud directory → index → sync → retrieve, and vector store search
// with a filter, its scores, and its "copy as code" run as curl, JS and Python against the same worker.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import OpenAI, { toFile } from "openai";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_KEY, startWorker, type RunningWorker } from "../harness";
import { launchBrowser, openDashboard, signIn } from "./browser";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const SYNC_TIMEOUT_MS = 60_000;

let worker: RunningWorker;
let browser: Browser;

beforeAll(async () => {
  [worker, browser] = await Promise.all([startWorker(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await worker?.stop();
});

/** The page has no horizontal scrollbar: everything wide scrolls inside its own box. */
async function fitsWidth(page: Page): Promise<boolean> {
  // A string expression: this file is type-checked without the DOM library.
  return page.evaluate<boolean>("document.documentElement.scrollWidth <= window.innerWidth");
}

describe("LlamaCloud pages", () => {
  it("creates a directory, uploads a file with metadata, creates an index, shows a running sync's 409, and retrieves with a filter", async () => {
    const { page, problems } = await openDashboard(browser, worker.url);
    await signIn(page, API_KEY);
    await page.getByRole("link", { name: "Directories" }).click();
    const dirName = `<b>Hand</b>book “Zürich” 'q'`;
    await page.getByLabel("Name").fill(dirName);
    await page.getByRole("button", { name: "Create directory" }).click();
    await page.getByRole("link", { name: dirName, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: dirName, exact: true }).waitFor();
    expect(await page.locator("main b").count()).toBe(0);

    await page.setInputFiles("#dir-upload", { name: "leave.md", mimeType: "text/markdown", buffer: Buffer.from("# Leave\n\nParental leave is sixteen weeks, paid in full.") });
    await page.getByLabel("Metadata (JSON object, optional; becomes filterable attributes)").first().fill('{"team": "hr"}');
    await page.getByRole("button", { name: "Upload to directory" }).click();
    const files = page.getByRole("table").filter({ hasText: "leave.md" });
    await files.getByRole("cell", { name: "leave.md", exact: true }).waitFor();
    expect(await files.getByLabel("Metadata of leave.md").innerText()).toContain("hr");

    await page.getByLabel("Name (optional)").fill("handbook index");
    await page.getByRole("button", { name: "Create index" }).click();
    await page.getByRole("heading", { level: 1, name: "handbook index" }).waitFor();
    expect(page.url()).toMatch(/#\/indexes\/[^/]+$/);
    const sync = page.getByRole("region", { name: "Sync" });
    // The first sync starts with the index and goes through the queue (≥ 1 s batches): a sync now is a 409.
    await page.getByRole("button", { name: "Sync now" }).click();
    await sync.getByText("A sync is running").waitFor();
    await sync.locator(".badge", { hasText: "ready" }).waitFor({ timeout: SYNC_TIMEOUT_MS });

    // An API error shows its message and request id, and the form keeps what was typed.
    await page.getByLabel("Query").fill("parental leave");
    await page.getByLabel("top_k (≤ 500)").fill("0");
    await page.getByRole("button", { name: "Retrieve" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.locator(".request-id").innerText()).toMatch(/^req_/);
    expect(await page.getByLabel("Query").inputValue()).toBe("parental leave");

    await page.getByLabel("top_k (≤ 500)").fill("5");
    await page.getByRole("button", { name: "Add filter" }).click();
    await page.getByLabel("Field").fill("team");
    await page.getByLabel("Value").fill("hr");
    await page.getByRole("button", { name: "Retrieve" }).click();
    const chunks = page.getByRole("region", { name: "Retrieved chunks" }).getByRole("listitem");
    await chunks.first().waitFor();
    const first = chunks.first();
    expect(await first.locator(".result-name").innerText()).toBe("leave.md");
    expect(Number(await first.locator(".score").innerText())).toBeGreaterThan(0.5);
    const statics = await first.getByLabel(/^Static fields of chunk 0/).innerText();
    expect(statics).toMatch(/characters:?\s*0–\d+/);
    expect(statics).toMatch(/tokens:?\s*\d+/);
    expect(await first.locator("mark").allInnerTexts()).toEqual(["Leave", "Parental", "leave"]);

    await page.getByLabel("Value").fill("legal");
    await page.getByRole("button", { name: "Retrieve" }).click();
    await page.getByText("No chunk matched.").waitFor();
    expect(problems.filter((p) => !/\b(400|409)\b/.test(p))).toEqual([]);
    await page.context().close();
  });
});

describe("search playground", () => {
  it("searches with a filter on a narrow window, shows scores and marked terms, and its code runs as curl, JS and Python", async () => {
    const client = new OpenAI({ apiKey: API_KEY, baseURL: `${worker.url}/v1` });
    const store = await client.vectorStores.create({ name: `Reef “Ω” <i>store</i>` });
    for (const [name, text, topic] of [
      ["reef.md", "Coral reefs bleach when the ocean warms.", "ocean"],
      ["lava.md", "Basalt lava flows cool; coral never grows there.", "geology"],
    ] as const) {
      const file = await client.files.create({ file: await toFile(Buffer.from(text), name), purpose: "assistants" });
      await client.vectorStores.files.createAndPoll(store.id, { file_id: file.id, attributes: { topic, year: 2024 } }, { pollIntervalMs: 50 });
    }

    const { page, problems } = await openDashboard(browser, worker.url, 380);
    await signIn(page, API_KEY);
    await page.goto(`/#/search`);
    await page.getByRole("link", { name: `Reef “Ω” <i>store</i>`, exact: true }).waitFor();
    // A user reaches the playground from the store's page.
    await page.goto(`/#/stores/${store.id}`);
    await page.getByRole("link", { name: "Search this store" }).click();
    await page.getByRole("heading", { level: 1, name: `Search Reef “Ω” <i>store</i>` }).waitFor();
    expect(await page.locator("main i").count()).toBe(0);

    // A form the API would refuse anyway is explained before any call; the message follows the form as it is fixed.
    await page.getByRole("button", { name: "Search", exact: true }).click();
    expect(await page.getByRole("alert").innerText()).toBe("Type a query.");
    const query = `coral "reefs" it's Zürich’s 東京 \\ $HOME`;
    await page.getByLabel("Query", { exact: true }).fill(query);
    expect(await page.getByRole("alert").count()).toBe(0);
    await page.getByRole("button", { name: "Add condition" }).click();
    await page.getByLabel("Attribute").fill("topic");
    await page.getByLabel("Operator").selectOption("in");
    await page.getByLabel("Values (comma-separated)").fill("ocean, sky");
    await page.getByRole("button", { name: "Add group" }).click();
    const group = page.getByRole("group", { name: "Group" });
    await group.getByRole("button", { name: "Add condition" }).click();
    await group.getByLabel("Attribute").fill("year");
    await group.getByLabel("Operator").selectOption("gte");
    await group.getByLabel("Value").fill("2020");
    await page.getByLabel("Set hybrid weights (hybrid_search)").check();
    await page.getByLabel("rewrite_query (the rewritten query is shown with the results)").check();
    await page.getByRole("button", { name: "Search", exact: true }).click();

    const results = page.getByRole("region", { name: "Results" });
    await results.getByRole("listitem").first().waitFor();
    expect(await results.locator(".result-name").allInnerTexts()).toEqual(["reef.md"]);
    const shownScore = await results.locator(".score").innerText();
    expect(Number(shownScore)).toBeGreaterThan(0);
    expect(Number(await results.locator("meter").getAttribute("value"))).toBeCloseTo(Number(shownScore), 3);
    expect(await results.getByLabel("Attributes of reef.md").innerText()).toMatch(/topic:?\s*ocean/);
    expect(await results.locator("mark").allInnerTexts()).toEqual(["Coral", "reefs"]);
    expect(await results.locator("q.rewritten").innerText()).not.toBe("");
    expect(await fitsWidth(page)).toBe(true);

    await page.getByText("Copy as code").click();
    const code = page.locator("pre.code");
    const curl = await code.innerText();
    const env = { ...process.env, OPENAI_API_KEY: API_KEY };
    const curlRun = spawnSync("bash", ["-c", `${curl} --silent --show-error`], { env, encoding: "utf8" });
    expect(curlRun.stderr).toBe("");
    const answer = JSON.parse(curlRun.stdout) as { data: Array<{ filename: string; score: number }> };
    expect(answer.data.map((r) => [r.filename, r.score.toFixed(3)])).toEqual([["reef.md", shownScore]]);
    const sent = JSON.parse(curl.slice(curl.indexOf("-d '") + 4, -1).replace(/'\\''/g, "'")) as Record<string, unknown>;
    expect(sent).toEqual({
      query,
      max_num_results: 10,
      rewrite_query: true,
      filters: { type: "and", filters: [{ type: "in", key: "topic", value: ["ocean", "sky"] }, { type: "or", filters: [{ type: "gte", key: "year", value: 2020 }] }] },
      ranking_options: { ranker: "auto", hybrid_search: { embedding_weight: 0.4, text_weight: 0.6 } },
    });

    await page.getByLabel("JavaScript (openai)").check();
    const js = await code.innerText();
    const jsRun = spawnSync(process.execPath, ["--input-type=module"], { input: js, cwd: REPO, env, encoding: "utf8" });
    expect(jsRun.stderr).toBe("");
    expect(jsRun.stdout.trim()).toBe(`${answer.data[0]!.score} reef.md`);

    // Python: the snippet runs against a stand-in `openai` module that records what the SDK would have been given.
    await page.getByLabel("Python (openai)").check();
    const python = await code.innerText();
    if (spawnSync("python3", ["--version"]).status === 0) {
      const fake = [
        "import json, sys, types",
        "calls = []",
        "class _Stores:",
        "    def search(self, *args, **kwargs):",
        "        calls.append([list(args), kwargs])",
        "        return types.SimpleNamespace(data=[])",
        "class OpenAI:",
        "    def __init__(self, **kwargs):",
        "        calls.append(kwargs)",
        "        self.vector_stores = _Stores()",
        "module = types.ModuleType('openai'); module.OpenAI = OpenAI; sys.modules['openai'] = module",
        "exec(compile(sys.stdin.read(), 'snippet.py', 'exec'), {})",
        "print(json.dumps(calls, ensure_ascii=False))",
      ].join("\n");
      const pyRun = spawnSync("python3", ["-c", fake], { input: python, encoding: "utf8", env: { ...env, PYTHONIOENCODING: "utf-8" } });
      expect(pyRun.stderr).toBe("");
      expect(JSON.parse(pyRun.stdout)).toEqual([{ base_url: `${worker.url}/v1` }, [[store.id], sent]]);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
