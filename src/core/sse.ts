/**
 * Server-Sent Events parsing exactly as the WHATWG HTML standard's "interpreting an event stream"
 * describes it, over a `fetch()` body (EventSource cannot POST).
 *
 * We keep our own parser rather than wrapping `eventsource-parser`: its 3.x line (the one npm picks
 * on Node 20) reports ids per event instead of the persisting last event id and hides id-only
 * blocks, and its 4.x line strips a second BOM. Resuming needs exactly those details right.
 */
import { decodeUtf8 } from './decode.js';

/** One dispatched event. `type` defaults to `"message"`; `lastEventId` is the persisting id. */
export interface ServerSentEvent {
  type: string;
  data: string;
  lastEventId: string;
}

/** Extra facts about a dispatched event that resuming needs. */
export interface ServerSentEventInfo {
  /** Whether this event's own block had a (valid) `id` field, as opposed to inheriting one. */
  hasOwnId: boolean;
}

/** What the parser reports besides events. */
export interface SseParserCallbacks {
  onEvent(event: ServerSentEvent, info: ServerSentEventInfo): void;
  /** A valid `retry:` value (ASCII digits only), in milliseconds. */
  onRetry?(milliseconds: number): void;
}

/** How a stream ended, as {@link SseParser.end} reports it. */
export interface SseEnd {
  /**
   * Whether the stream ended inside an event: since the last blank line a `data`, `event` or
   * `id` field was read, or the last line, cut before its line end, could still have become one
   * (`d`, `da`, `data`, `data: hel`, …). That event is discarded, as the spec says, but the
   * stream was cut short. A comment, a `retry` or unknown field, or a blank line cut short
   * (spaces only) does not count: no part of an event was lost.
   */
  insideEvent: boolean;
  /**
   * When inside an event: the data that event had when the stream ended, its last line included
   * even without a line end (undefined if it had no data field). A sloppy server that ends with
   * `data: [DONE]` and no blank line did finish; a caller may accept its end marker from here.
   */
  unterminatedData?: string;
}

/** Options for {@link SseParser}. */
export interface SseParserOptions {
  /**
   * The last event id to start from. A resumed stream starts with the id it resumed after, as an
   * EventSource keeps its last event id across reconnections.
   */
  lastEventId?: string;
}

const BOM = 0xfeff;
const LF = 0x0a;
const CR = 0x0d;

/**
 * A push parser: feed it decoded text in chunks of any size. Lines end at CRLF, LF or CR; a CR at
 * the end of one chunk followed by LF at the start of the next counts as one line end.
 */
export class SseParser {
  /** The line being received, in the pieces it arrived in (joined once, when its end comes). */
  private pieces: string[] = [];
  private sawText = false;
  private pendingCr = false;
  private data = '';
  private hasData = false;
  private eventType = '';
  private ownId = false;
  /** A `data`, `event` or `id` field was read since the last blank line. */
  private inEvent = false;
  /** The spec's "last event ID buffer": set by `id` fields as they are read. */
  private idBuffer: string;
  /** The spec's "last event ID string": committed only when a block is dispatched. */
  private committedId: string;

  constructor(
    private readonly callbacks: SseParserCallbacks,
    options: SseParserOptions = {},
  ) {
    this.idBuffer = this.committedId = options.lastEventId ?? '';
  }

  /**
   * The id to send as `Last-Event-ID` on reconnection: the one committed by the last complete
   * block (an `id` in a block cut off by a dropped connection does not count).
   */
  get lastEventId(): string {
    return this.committedId;
  }

  feed(chunk: string): void {
    if (chunk === '') return;
    if (!this.sawText) {
      this.sawText = true;
      // Exactly one leading BOM: a second one is part of the first field name.
      if (chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1);
    }
    if (this.pendingCr) {
      this.pendingCr = false;
      if (chunk.charCodeAt(0) === LF) chunk = chunk.slice(1);
    }
    // Only the new chunk is scanned, and an unfinished line is kept as pieces rather than one
    // growing string (which V8 would flatten on every scan): a long line fed in small reads
    // stays linear.
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (code !== LF && code !== CR) continue;
      let line = chunk.slice(start, i);
      if (this.pieces.length > 0) {
        this.pieces.push(line);
        line = this.pieces.join('');
        this.pieces = [];
      }
      this.processLine(line);
      if (code === CR) {
        if (i + 1 === chunk.length) this.pendingCr = true;
        else if (chunk.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    if (start < chunk.length) this.pieces.push(chunk.slice(start));
  }

  /**
   * End of stream: an event without its terminating blank line is discarded, per the spec.
   * Reports whether that left the stream inside an event, which a caller without an end marker
   * to go by can take as a sign that the stream was cut.
   */
  end(): SseEnd {
    const last = this.pieces.join('');
    const insideEvent = this.inEvent || couldBeEventField(last);
    let data = this.hasData ? this.data : undefined;
    const { field, value } = splitField(last);
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    this.pieces = [];
    this.pendingCr = false;
    this.resetEvent();
    this.idBuffer = this.committedId;
    return insideEvent ? { insideEvent, unterminatedData: data } : { insideEvent };
  }

  private processLine(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.charCodeAt(0) === 0x3a /* ':' */) return; // comment
    const { field, value } = splitField(line);
    switch (field) {
      case 'data':
        this.data = this.hasData ? `${this.data}\n${value}` : value;
        this.hasData = true;
        this.inEvent = true;
        break;
      case 'event':
        this.eventType = value;
        this.inEvent = true;
        break;
      case 'id':
        this.inEvent = true; // even an id the spec ignores (one with NUL) was part of an event
        if (!value.includes('\0')) {
          this.idBuffer = value;
          this.ownId = true;
        }
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.callbacks.onRetry?.(Number(value));
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  private dispatch(): void {
    // The spec commits the id before checking for data: an id-only block moves the resume point.
    this.committedId = this.idBuffer;
    if (!this.hasData) {
      this.resetEvent();
      return;
    }
    const event: ServerSentEvent = {
      type: this.eventType === '' ? 'message' : this.eventType,
      data: this.data,
      lastEventId: this.committedId,
    };
    const info = { hasOwnId: this.ownId };
    this.resetEvent();
    this.callbacks.onEvent(event, info);
  }

  private resetEvent(): void {
    this.data = '';
    this.hasData = false;
    this.eventType = '';
    this.ownId = false;
    this.inEvent = false;
  }
}

/** A line's field name and value: the value after the first colon, less one leading space. */
function splitField(line: string): { field: string; value: string } {
  const colon = line.indexOf(':');
  if (colon === -1) return { field: line, value: '' };
  const value = line.slice(colon + 1);
  return { field: line.slice(0, colon), value: value.charCodeAt(0) === 0x20 ? value.slice(1) : value };
}

const EVENT_FIELDS = ['data', 'event', 'id'];

/**
 * Whether a line cut before its end could have become a `data`, `event` or `id` field: its field
 * name is one of them, or, with no colon yet, the start of one (the cut may fall inside the name).
 */
function couldBeEventField(partial: string): boolean {
  if (partial === '' || partial.charCodeAt(0) === 0x3a /* ':' */) return false;
  const colon = partial.indexOf(':');
  if (colon !== -1) return EVENT_FIELDS.includes(partial.slice(0, colon));
  return EVENT_FIELDS.some((field) => field.startsWith(partial));
}

/** Options for {@link parseServerSentEvents}. */
export interface ParseServerSentEventsOptions {
  signal?: AbortSignal;
  /** Called with each valid `retry:` value, in milliseconds. */
  onRetry?: (milliseconds: number) => void;
}

/**
 * Reads a byte stream as Server-Sent Events. UTF-8 is decoded with one streaming decoder, so a
 * character split across chunks survives; invalid bytes become U+FFFD, as the spec requires.
 * Aborting `signal` cancels the body and rejects the iteration with the abort reason. The
 * generator's return value (seen by `next()`, not by `for await`) says whether the body ended
 * inside an event.
 */
export async function* parseServerSentEvents(
  body: ReadableStream<Uint8Array>,
  options: ParseServerSentEventsOptions = {},
): AsyncGenerator<ServerSentEvent, SseEnd> {
  const queue: ServerSentEvent[] = [];
  const parser = new SseParser({ onEvent: (event) => queue.push(event), onRetry: options.onRetry });
  for await (const text of decodeUtf8(body, { signal: options.signal, ignoreBom: true })) {
    parser.feed(text);
    while (queue.length > 0) yield queue.shift()!;
  }
  return parser.end();
}
