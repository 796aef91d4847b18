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
  /** Raw text not yet released (at most the held-back tail between pushes). */
  private pending = "";
  /** Code points of cleaned text released so far. */
  private released = 0;
  private readonly text: string[] = [];
  private readonly annotations: FileCitation[] = [];

  constructor(private readonly sources: readonly CitedSource[]) {}

  /** The cleaned text and annotations released so far (all of them after `end`). */
  get result(): { text: string; annotations: FileCitation[] } {
    return { text: this.text.join(""), annotations: [...this.annotations] };
  }

  /** Takes one upstream delta; returns what can be sent without risk of leaking part of a mark. */
  push(delta: string): CitedPiece[] {
    this.pending += delta;
    return this.release(heldFrom(this.pending));
  }

  /** The upstream finished: releases the held-back tail. */
  end(): CitedPiece[] {
    return this.release(this.pending.length);
  }

  /**
   * Releases pending[0, upTo). No mark crosses `upTo` and the mark pattern looks at no text before its start, so
   * cleaning the released part on its own gives what cleaning the whole text would; each push costs only its delta
   * and the held tail.
   */
  private release(upTo: number): CitedPiece[] {
    const cleaned = extractCitations(this.pending.slice(0, upTo), this.sources);
    this.pending = this.pending.slice(upTo);
    const codePoints = [...cleaned.text];
    const pieces: CitedPiece[] = [];
    let sent = 0;
    const text = (to: number) => {
      if (to <= sent) return;
      const piece = codePoints.slice(sent, to).join("");
      pieces.push({ type: "text", text: piece });
      this.text.push(piece);
      sent = to;
    };
    for (const found of cleaned.annotations) {
      text(found.index);
      const annotation = { ...found, index: this.released + found.index };
      pieces.push({ type: "annotation", annotation });
      this.annotations.push(annotation);
    }
    text(codePoints.length);
    this.released += codePoints.length;
    return pieces;
  }
}
