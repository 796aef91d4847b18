// "Copy as code": one vector store search as curl, JS (`openai`) and Python (`openai`) code, values escaped exactly.

/** A JSON value (what a request body is made of). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Quotes `s` for a POSIX shell: single quotes, each `'` written as `'\''`; nothing inside is expanded. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Python literal of a JSON value: strings as JSON string literals (every JSON escape is also a Python escape, and
 * JSON.stringify never writes the one that is not, `\/`), True/False/None, lists and dicts; `indent` spaces deep.
 */
export function pythonLiteral(value: Json, indent = 0): string {
  const pad = " ".repeat(indent + 4);
  const end = " ".repeat(indent);
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string" || typeof value === "number") return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => pad + pythonLiteral(v, indent + 4)).join(",\n")},\n${end}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${pythonLiteral(v, indent + 4)}`).join(",\n")},\n${end}}`;
}

/** A JS literal of a JSON value (JSON is valid JavaScript since ES2019, U+2028/2029 included), `indent` spaces deep. */
export function jsLiteral(value: Json, indent = 0): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${" ".repeat(indent)}`);
}

/** Where a search goes: the API's `/v1` base URL (e.g. "http://localhost:8787/v1"), the store, and the body. */
export interface SearchCall {
  baseUrl: string;
  storeId: string;
  body: { [key: string]: Json };
}

/** The request as a curl command; the key comes from $OPENAI_API_KEY. */
export function curlCode({ baseUrl, storeId, body }: SearchCall): string {
  const url = `${baseUrl}/vector_stores/${encodeURIComponent(storeId)}/search`;
  return [
    `curl ${shellQuote(url)} \\`,
    `  -H "Authorization: Bearer $OPENAI_API_KEY" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(body))}`,
  ].join("\n");
}

/** The request with the JS SDK (`npm install openai`, an ES module); the key comes from OPENAI_API_KEY. */
export function jsCode({ baseUrl, storeId, body }: SearchCall): string {
  return [
    `import OpenAI from "openai";`,
    ``,
    `const client = new OpenAI({ baseURL: ${JSON.stringify(baseUrl)} }); // the key comes from OPENAI_API_KEY`,
    `const page = await client.vectorStores.search(${JSON.stringify(storeId)}, ${jsLiteral(body)});`,
    `for (const result of page.data) console.log(result.score, result.filename);`,
  ].join("\n");
}

/** The request with the Python SDK (`pip install openai`); the key comes from OPENAI_API_KEY. */
export function pythonCode({ baseUrl, storeId, body }: SearchCall): string {
  const args = Object.entries(body).map(([k, v]) => `    ${k}=${pythonLiteral(v, 4)},`);
  return [
    `from openai import OpenAI`,
    ``,
    `client = OpenAI(base_url=${JSON.stringify(baseUrl)})  # the key comes from OPENAI_API_KEY`,
    `page = client.vector_stores.search(`,
    `    ${JSON.stringify(storeId)},`,
    ...args,
    `)`,
    `for result in page.data:`,
    `    print(result.score, result.filename)`,
  ].join("\n");
}
