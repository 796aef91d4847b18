// Validates every JSON response the SDKs receive against ../shared/api/openai-openapi-subset.yaml.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const SPEC_PATH = fileURLToPath(new URL("../../shared/api/openai-openapi-subset.yaml", import.meta.url));

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

const spec = parse(readFileSync(SPEC_PATH, "utf8")) as Spec;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The spec's own format for Unix-seconds timestamps; `type: integer` already checks them.
ajv.addFormat("unixtime", true);
ajv.addSchema({ $id: "spec", components: nullableAllOf(spec.components) });

/**
 * OpenAPI 3.0's `allOf: [X, {nullable: true}]` (Upload.file) has no JSON Schema meaning — `nullable` without a
 * `type` — and ajv refuses it: read it as "X or null".
 */
function nullableAllOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableAllOf);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = nullableAllOf(v);
  const allOf = out.allOf;
  if (Array.isArray(allOf) && allOf.some((s) => (s as { nullable?: unknown } | null)?.nullable === true && !("type" in (s as object)))) {
    const rest = allOf.filter((s) => (s as { nullable?: unknown }).nullable !== true);
    delete out.allOf;
    out.anyOf = [{ allOf: rest }, { type: "null" }];
  }
  return out;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = k === "$ref" && typeof v === "string" ? `spec${v}` : rewriteRefs(v);
    // OpenAPI 3.0's `nullable: true` still appears in the subset: turn it into a JSON Schema type union.
    if (out.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
    delete out.nullable;
    return out;
  }
  return node;
}

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  regex: new RegExp("^" + template.replace(/\{[^}]+\}/g, "[^/]+") + "$"),
}));

const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(key: string, schema: unknown) {
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(rewriteRefs(schema) as object);
    validators.set(key, v);
  }
  return v;
}

export class SpecViolation extends Error {}

/** Throws SpecViolation if a JSON body does not match the operation's documented response. */
export function assertMatchesSpec(method: string, path: string, status: number, body: unknown): void {
  const match = templates.filter((t) => t.regex.test(path)).sort((a, b) => b.template.split("{").length - a.template.split("{").length).reverse()[0];
  if (!match) throw new SpecViolation(`${method} ${path}: no such path in the spec subset`);
  if (status >= 400) {
    const v = validatorFor("ErrorResponse", { $ref: "#/components/schemas/ErrorResponse" });
    if (!v(body)) throw new SpecViolation(`${method} ${path} ${status}: error body off-spec: ${ajv.errorsText(v.errors)} — ${JSON.stringify(body)}`);
    return;
  }
  const op = spec.paths[match.template]![method.toLowerCase()];
  const schema = op?.responses?.[String(status)]?.content?.["application/json"]?.schema;
  if (!schema) throw new SpecViolation(`${method} ${match.template} ${status}: the spec documents no JSON response`);
  const v = validatorFor(`${method} ${match.template} ${status}`, schema);
  if (!v(body)) throw new SpecViolation(`${method} ${path} ${status}: ${ajv.errorsText(v.errors)} — ${JSON.stringify(body).slice(0, 500)}`);
}

export const violations: string[] = [];

/** A fetch for the OpenAI SDK that checks each JSON response and records violations (asserted after each file). */
export function specCheckingFetch(basePath = "/v1"): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const url = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
    if ((res.headers.get("content-type") ?? "").includes("application/json")) {
      const body = await res.clone().json();
      try {
        assertMatchesSpec(init?.method ?? "GET", url.pathname.slice(basePath.length), res.status, body);
      } catch (error) {
        violations.push(String(error));
      }
    }
    return res;
  };
}
