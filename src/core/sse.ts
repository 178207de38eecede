/**
 * Server-Sent Events parsing exactly as the WHATWG HTML standard's "interpreting an event stream"
 * describes it, over a `fetch()` body (EventSource cannot POST).
 */

/** One dispatched event. `type` defaults to `"message"`; `lastEventId` is the persisting id. */
export interface ServerSentEvent {
  type: string;
  data: string;
  lastEventId: string;
}

/** What the parser reports besides events: a `retry:` value, in milliseconds. */
export interface SseParserCallbacks {
  onEvent(event: ServerSentEvent): void;
  onRetry?(milliseconds: number): void;
}

const BOM = 0xfeff;

/**
 * A push parser: feed it decoded text in chunks of any size. Lines end at CRLF, LF or CR; a CR at
 * the end of one chunk followed by LF at the start of the next counts as one line end.
 */
export class SseParser {
  private buffer = '';
  private sawFirstChunk = false;
  private pendingCr = false;
  private data = '';
  private hasData = false;
  private eventType = '';
  private lastEventId = '';

  constructor(private readonly callbacks: SseParserCallbacks) {}

  /** The id that would be sent as `Last-Event-ID` on reconnection. */
  get currentLastEventId(): string {
    return this.lastEventId;
  }

  feed(chunk: string): void {
    if (!this.sawFirstChunk && chunk !== '') {
      this.sawFirstChunk = true;
      if (chunk.charCodeAt(0) === BOM) chunk = chunk.slice(1);
    }
    if (this.pendingCr) {
      this.pendingCr = false;
      if (chunk.startsWith('\n')) chunk = chunk.slice(1);
    }
    let text = this.buffer + chunk;
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code !== 0x0a && code !== 0x0d) continue;
      this.processLine(text.slice(start, i));
      if (code === 0x0d) {
        if (i + 1 === text.length) this.pendingCr = true;
        else if (text.charCodeAt(i + 1) === 0x0a) i++;
      }
      start = i + 1;
    }
    this.buffer = text.slice(start);
    text = '';
  }

  /** End of stream: an event without its terminating blank line is discarded, per the spec. */
  end(): void {
    this.buffer = '';
    this.resetEvent();
  }

  private processLine(line: string): void {
    if (line === '') {
      this.dispatch();
      return;
    }
    if (line.charCodeAt(0) === 0x3a /* ':' */) return; // comment
    const colon = line.indexOf(':');
    let field: string;
    let value: string;
    if (colon === -1) {
      field = line;
      value = '';
    } else {
      field = line.slice(0, colon);
      value = line.slice(colon + 1);
      if (value.charCodeAt(0) === 0x20) value = value.slice(1);
    }
    switch (field) {
      case 'data':
        this.data = this.hasData ? `${this.data}\n${value}` : value;
        this.hasData = true;
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.callbacks.onRetry?.(Number(value));
        break;
      default:
        break; // unknown fields are ignored
    }
  }

  private dispatch(): void {
    if (!this.hasData) {
      this.resetEvent();
      return;
    }
    const event: ServerSentEvent = {
      type: this.eventType === '' ? 'message' : this.eventType,
      data: this.data,
      lastEventId: this.lastEventId,
    };
    this.resetEvent();
    this.callbacks.onEvent(event);
  }

  private resetEvent(): void {
    this.data = '';
    this.hasData = false;
    this.eventType = '';
  }
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
 */
export async function* parseServerSentEvents(
  body: ReadableStream<Uint8Array>,
  options: ParseServerSentEventsOptions = {},
): AsyncGenerator<ServerSentEvent> {
  const queue: ServerSentEvent[] = [];
  const parser = new SseParser({ onEvent: (event) => queue.push(event), onRetry: options.onRetry });
  for await (const text of decodeUtf8(body, options.signal)) {
    parser.feed(text);
    while (queue.length > 0) yield queue.shift()!;
  }
  parser.end();
}

/** Decodes a byte stream as UTF-8 text chunks, releasing the reader however the loop ends. */
export async function* decodeUtf8(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8');
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    signal?.throwIfAborted();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      const text = decoder.decode(value, { stream: true });
      if (text !== '') yield text;
    }
    signal?.throwIfAborted();
    const tail = decoder.decode();
    if (tail !== '') yield tail;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // A consumer that stops early must close the connection, not just leave it hanging.
    if (!finished) void reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
