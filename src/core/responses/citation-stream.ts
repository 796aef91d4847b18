// Citation marks removed from text that arrives in pieces: what is sent is always a prefix of what extractCitations gives.
import { extractCitations, findMarks, MARK_EXTENSION, MARK_START, MAX_MARK_LENGTH, type CitedSource, type FileCitation } from "./citations";

/** What the stream may send now: cleaned text, or an annotation placed right after the text before it. */
export type CitedPiece = { type: "text"; text: string } | { type: "annotation"; annotation: FileCitation };

/**
 * Where the held-back tail of `raw` starts: the last mark while a second group may still extend it, else the first
 * position after the last mark from which the text may still become a mark (" ", "[", "[1", "[1,", "【"). At most
 * MAX_MARK_LENGTH code units are held; everything before is final (no mark of the finished text crosses it).
 */
export function heldFrom(raw: string): number {
  const marks = findMarks(raw);
  const last = marks.at(-1);
  if (last && last.groups === 1 && MARK_EXTENSION.test(raw.slice(last.end))) return last.index;
  const floor = Math.max(last?.end ?? 0, raw.length - MAX_MARK_LENGTH);
  for (let p = floor; p < raw.length; p++) if (MARK_START.test(raw.slice(p))) return p;
  return raw.length;
}

/**
 * The incremental citation parser of a streamed message (notes §7.4): `push` each upstream delta, then `end`. The
 * pieces, concatenated, equal extractCitations of the whole text, and each annotation comes right after the text
 * that ends where its mark stood. Marks split across deltas never leak; `[2024]` with no source 2024 stays text.
 */
export class CitationStream {
  private raw = "";
  /** Code points of cleaned text already sent. */
  private sent = 0;
  private annotationsSent = 0;
  private cleaned: { text: string; annotations: FileCitation[] } = { text: "", annotations: [] };

  constructor(private readonly sources: readonly CitedSource[]) {}

  /** The cleaned text and annotations sent so far (all of them after `end`). */
  get result(): { text: string; annotations: FileCitation[] } {
    return { text: [...this.cleaned.text].slice(0, this.sent).join(""), annotations: this.cleaned.annotations.slice(0, this.annotationsSent) };
  }

  /** The raw text received so far, marks included. */
  get rawText(): string {
    return this.raw;
  }

  /** Takes one upstream delta; returns what can be sent without risk of leaking part of a mark. */
  push(delta: string): CitedPiece[] {
    this.raw += delta;
    return this.release(heldFrom(this.raw));
  }

  /** The upstream finished: releases the held-back tail. */
  end(): CitedPiece[] {
    return this.release(this.raw.length);
  }

  private release(upTo: number): CitedPiece[] {
    this.cleaned = extractCitations(this.raw.slice(0, upTo), this.sources);
    const codePoints = [...this.cleaned.text];
    const pieces: CitedPiece[] = [];
    const text = (to: number) => {
      if (to > this.sent) pieces.push({ type: "text", text: codePoints.slice(this.sent, to).join("") });
      this.sent = Math.max(this.sent, to);
    };
    for (const annotation of this.cleaned.annotations.slice(this.annotationsSent)) {
      text(annotation.index);
      pieces.push({ type: "annotation", annotation });
      this.annotationsSent++;
    }
    text(codePoints.length);
    return pieces;
  }
}
