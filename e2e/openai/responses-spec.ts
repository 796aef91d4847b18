// Checks Responses API bodies and stream events against ../shared/api/openai-responses-subset.yaml (OpenAPI 3.1).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const SPEC_PATH = fileURLToPath(new URL("../../../shared/api/openai-responses-subset.yaml", import.meta.url));
const spec = parse(readFileSync(SPEC_PATH, "utf8")) as { components: Record<string, unknown> };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat("unixtime", true);
ajv.addSchema({ $id: "responses", components: spec.components });
const schema = (name: string) => ajv.compile({ $ref: `responses#/components/schemas/${name}` });
const validators = {
  Response: schema("Response"),
  ResponseItemList: schema("ResponseItemList"),
  ResponseStreamEvent: schema("ResponseStreamEvent"),
  ErrorResponse: schema("ErrorResponse"),
};

const responsesViolationsFound: string[] = [];
const pending: Promise<void>[] = [];

/** Every body or event that did not match its schema, as "what: errors — json", once all checks have run. */
export async function responsesViolations(): Promise<string[]> {
  await Promise.all(pending);
  return responsesViolationsFound;
}

/** Stream events are checked against their own schema (found by `type`), so a failure names the field. */
const eventSchemas = new Map<string, ReturnType<typeof ajv.compile>>();
for (const [name, body] of Object.entries((spec.components as { schemas: Record<string, { properties?: { type?: { enum?: string[]; const?: string } } }> }).schemas)) {
  const type = body.properties?.type;
  const value = type?.const ?? (type?.enum?.length === 1 ? type.enum[0] : undefined);
  if (name.startsWith("Response") && name.endsWith("Event") && value) eventSchemas.set(value, schema(name));
}

function check(name: keyof typeof validators, value: unknown): void {
  const type = (value as { type?: string }).type;
  const v = name === "ResponseStreamEvent" && type && eventSchemas.has(type) ? eventSchemas.get(type)! : validators[name];
  if (!v(value)) responsesViolationsFound.push(`${name}: ${ajv.errorsText(v.errors)} — ${JSON.stringify(value).slice(0, 400)}`);
}

/** The schema of a successful JSON answer: POST /responses and GET /responses/{id} → Response, input_items → ResponseItemList. */
function schemaOf(method: string, path: string): "Response" | "ResponseItemList" | "none" | null {
  if (/\/responses$/.test(path)) return "Response";
  if (/\/responses\/[^/]+\/input_items$/.test(path)) return "ResponseItemList";
  // The spec gives DELETE's 200 no schema ({id, object, deleted}); its errors are still checked.
  if (/\/responses\/[^/]+$/.test(path)) return method === "DELETE" ? "none" : "Response";
  return null;
}

/** A fetch that validates /responses answers: JSON as its schema or ErrorResponse, SSE frame by frame as ResponseStreamEvent. */
export function responsesCheckingFetch(): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const name = schemaOf(method, new URL(url).pathname);
    if (!name) return response;
    const stream = (response.headers.get("content-type") ?? "").includes("text/event-stream");
    // Read from a clone without waiting, so the SDK still receives the stream as it comes.
    pending.push(
      response
        .clone()
        .text()
        .then((text) => {
          if (!stream) {
            if (!response.ok) return check("ErrorResponse", JSON.parse(text));
            return name === "none" ? undefined : check(name, JSON.parse(text));
          }
          for (const frame of text.split("\n\n")) {
            const data = frame.split("\n").find((l) => l.startsWith("data: "));
            if (data) check("ResponseStreamEvent", JSON.parse(data.slice(6)));
          }
        }),
    );
    return response;
  };
}
