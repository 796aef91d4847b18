// PPTX text: unzip with fflate and read each slide's <a:t> runs, one page per slide in presentation order.
import { unzipSync, type Unzipped } from "fflate";
import { Parser } from "htmlparser2";
import type { ParseResult } from "../../ports";
import { invalidFile, joinPages } from "./document";

/**
 * Inflated slide XML kept in memory at once; beyond this a deck is refused rather than risk the 128 MB isolate
 * limit. Measured with bench/parse-limits.ts (README "Limits"): decks with 30 MB of text parsed within a 128 MB heap.
 */
export const MAX_XML_BYTES = 32_000_000;
const SLIDE = /^ppt\/slides\/slide(\d+)\.xml$/;
const PRESENTATION = "ppt/presentation.xml";
const PRESENTATION_RELS = "ppt/_rels/presentation.xml.rels";

class TooLarge extends Error {}

function unzipDeck(bytes: Uint8Array): Unzipped {
  let total = 0;
  return unzipSync(bytes, {
    filter(file) {
      const wanted = SLIDE.test(file.name) || file.name === PRESENTATION || file.name === PRESENTATION_RELS;
      if (wanted && (total += file.originalSize) > MAX_XML_BYTES) throw new TooLarge();
      return wanted;
    },
  });
}

/** Calls `onTag(name, attributes)` for each element of an XML document. */
function scanXml(xml: Uint8Array, onTag: (name: string, attrs: Record<string, string>) => void): void {
  const parser = new Parser({ onopentag: onTag }, { xmlMode: true });
  parser.end(new TextDecoder().decode(xml));
}

/** Slide part names in presentation order (p:sldIdLst → relationship targets); numeric order if that is missing. */
function slideOrder(files: Unzipped): string[] {
  const numeric = Object.keys(files)
    .filter((name) => SLIDE.test(name))
    .sort((a, b) => Number(SLIDE.exec(a)?.[1]) - Number(SLIDE.exec(b)?.[1]));
  const presentation = files[PRESENTATION];
  const rels = files[PRESENTATION_RELS];
  if (!presentation || !rels) return numeric;
  const targets = new Map<string, string>();
  scanXml(rels, (name, attrs) => {
    if (name === "Relationship" && attrs.Id && attrs.Target) targets.set(attrs.Id, attrs.Target);
  });
  const ordered: string[] = [];
  scanXml(presentation, (name, attrs) => {
    const target = name === "p:sldId" && attrs["r:id"] ? targets.get(attrs["r:id"]) : undefined;
    if (target) ordered.push(target.startsWith("/") ? target.slice(1) : `ppt/${target}`);
  });
  const present = ordered.filter((part) => files[part]);
  return present.length > 0 ? present : numeric;
}

/** The text of one slide: <a:t> runs joined per <a:p> paragraph, paragraphs on separate lines. */
function slideText(xml: string): string {
  const paragraphs: string[] = [];
  let current = "";
  let inRun = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "a:t") inRun = true;
        else if (name === "a:br") current += "\n";
        else if (name === "a:tab") current += "\t";
      },
      onclosetag(name) {
        if (name === "a:t") inRun = false;
        else if (name === "a:p") {
          if (current.trim()) paragraphs.push(current.trim());
          current = "";
        }
      },
      ontext(text) {
        if (inRun) current += text;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  if (current.trim()) paragraphs.push(current.trim());
  return paragraphs.join("\n");
}

export function parsePptx(bytes: Uint8Array): ParseResult {
  let files: Unzipped;
  try {
    files = unzipDeck(bytes);
  } catch (error) {
    return invalidFile(
      error instanceof TooLarge
        ? `PPTX presentations with more than ${MAX_XML_BYTES / 1_000_000} MB of uncompressed slide XML cannot be processed.`
        : "It is not a readable PPTX presentation.",
    );
  }
  const order = slideOrder(files);
  if (order.length === 0 && !files[PRESENTATION]) return invalidFile("It is not a PPTX presentation.");
  const decoder = new TextDecoder();
  return joinPages(order.map((part) => slideText(decoder.decode(files[part]))));
}
