// One assistant message item written while the upstream streams it: deltas cleaned of citation marks, then closed.
import { newMessageId } from "../ids";
import { CitationStream } from "./citation-stream";
import type { CitedSource, FileCitation } from "./citations";
import type { MessageItem, OutputTextPart, ResponseEventBody } from "./items";

/**
 * The events of one `message` item with one `output_text` part (notes §3.1): `open` after the item was added, `push`
 * per upstream delta (text deltas cut where marks stood, each annotation right after the delta that ends at it),
 * `close` when the upstream finished. `item` always holds the text sent so far, so a failed snapshot shows it.
 */
export class StreamedMessage {
  readonly item: MessageItem = { id: newMessageId(), type: "message", role: "assistant", status: "in_progress", content: [] };
  private readonly part: OutputTextPart = { type: "output_text", text: "", annotations: [], logprobs: [] };
  private readonly parser: CitationStream;

  constructor(
    sources: readonly CitedSource[],
    private readonly outputIndex: number,
  ) {
    this.parser = new CitationStream(sources);
  }

  private get at() {
    return { item_id: this.item.id, output_index: this.outputIndex, content_index: 0 };
  }

  /** The annotations sent so far. */
  get annotations(): readonly FileCitation[] {
    return this.part.annotations;
  }

  /** content_part.added (call right after the item's output_item.added). */
  open(): ResponseEventBody[] {
    this.item.content = [this.part];
    return [{ type: "response.content_part.added", ...this.at, part: { type: "output_text", text: "", annotations: [], logprobs: [] } }];
  }

  /** One upstream text delta → output_text.delta / annotation.added events (possibly none while a mark may be forming). */
  push(delta: string): ResponseEventBody[] {
    return this.events(this.parser.push(delta));
  }

  /**
   * The upstream finished: flushes the held-back tail, appends `fallback` annotations at the end of the text when
   * nothing was cited, and closes the part and the item with `status`.
   */
  close(status: "completed" | "incomplete", fallback: (text: string) => FileCitation[] = () => []): ResponseEventBody[] {
    const events = this.events(this.parser.end());
    if (this.part.annotations.length === 0)
      for (const annotation of fallback(this.part.text)) events.push(this.annotation(annotation));
    this.item.status = status;
    events.push(
      { type: "response.output_text.done", ...this.at, text: this.part.text, logprobs: [] },
      { type: "response.content_part.done", ...this.at, part: structuredClone(this.part) },
      { type: "response.output_item.done", output_index: this.outputIndex, item: structuredClone(this.item) },
    );
    return events;
  }

  private annotation(annotation: FileCitation): ResponseEventBody {
    this.part.annotations.push(annotation);
    return { type: "response.output_text.annotation.added", ...this.at, annotation_index: this.part.annotations.length - 1, annotation };
  }

  private events(pieces: ReturnType<CitationStream["push"]>): ResponseEventBody[] {
    return pieces.map((piece) => {
      if (piece.type === "annotation") return this.annotation(piece.annotation);
      this.part.text += piece.text;
      return { type: "response.output_text.delta", ...this.at, delta: piece.text, logprobs: [] };
    });
  }
}
