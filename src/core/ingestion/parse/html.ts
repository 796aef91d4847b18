// HTML to plain text with htmlparser2: drops scripts and styles, keeps block structure as line breaks.
import { Parser } from "htmlparser2";
import type { ParseResult } from "../../ports";
import { invalidFile, parsed } from "./document";
import { decodeText } from "./text";

// Content that is never shown as text.
const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "canvas", "select"]);
// Elements that read as paragraphs: a blank line around them, which the chunker prefers to cut at.
const PARAGRAPHS = new Set([
  "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "dl", "section", "article",
  "aside", "header", "footer", "main", "nav", "figure", "form", "fieldset", "details", "hr", "title", "address",
]);
// Elements that start a new line.
const LINES = new Set(["div", "li", "tr", "dt", "dd", "caption", "figcaption", "summary", "legend", "option", "body", "br"]);
// Whitespace inside these is significant.
const PREFORMATTED = new Set(["pre", "textarea", "listing", "plaintext"]);

/** Accumulates text, collapsing whitespace the way a browser does and merging adjacent breaks. */
class TextSink {
  private readonly parts: string[] = [];
  /** 0 none, 1 newline, 2 blank line: the strongest break requested since the last text. */
  private pendingBreak = 0;
  /** Leading whitespace of the next text is dropped at a line start or after a separator. */
  private trimNext = true;

  requestBreak(level: 1 | 2): void {
    this.pendingBreak = Math.max(this.pendingBreak, level);
  }

  /** A separator between inline items on one line (table cells); nothing at a line start. */
  separate(sep: string): void {
    if (this.trimNext || this.pendingBreak > 0) return;
    this.parts.push(sep);
    this.trimNext = true;
  }

  write(text: string, preformatted: boolean): void {
    let t = preformatted ? text : text.replace(/[ \t\n\r\f]+/g, " ");
    if (!preformatted && (this.trimNext || this.pendingBreak > 0)) t = t.trimStart();
    if (t === "") return;
    if (this.pendingBreak > 0 && this.parts.length > 0) this.parts.push(this.pendingBreak === 2 ? "\n\n" : "\n");
    this.pendingBreak = 0;
    this.parts.push(t);
    this.trimNext = t.endsWith("\n");
  }

  text(): string {
    return this.parts.join("").replace(/[ \t]+\n/g, "\n").trimEnd();
  }
}

export function htmlToText(html: string): string {
  const sink = new TextSink();
  let skipDepth = 0;
  let preDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIPPED.has(name)) skipDepth++;
        else if (PREFORMATTED.has(name)) preDepth++;
        if (name === "td" || name === "th") sink.separate("\t");
        if (PARAGRAPHS.has(name)) sink.requestBreak(2);
        else if (LINES.has(name)) sink.requestBreak(1);
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipDepth = Math.max(0, skipDepth - 1);
        else if (PREFORMATTED.has(name)) preDepth = Math.max(0, preDepth - 1);
        if (PARAGRAPHS.has(name)) sink.requestBreak(2);
        else if (LINES.has(name)) sink.requestBreak(1);
      },
      ontext(text) {
        if (skipDepth === 0) sink.write(text, preDepth > 0);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return sink.text();
}

export function parseHtml(bytes: Uint8Array): ParseResult {
  const html = decodeText(bytes);
  return html === null ? invalidFile("It is not HTML text.") : parsed(htmlToText(html));
}
