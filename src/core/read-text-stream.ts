import { decodeUtf8 } from './decode.js';
import { createFormatAdapter, type FormatAdapter, type StreamFormat } from './formats/index.js';
import { SseParser, type ServerSentEvent, type ServerSentEventInfo } from './sse.js';
import type { EndOfStream, StreamPart, WireRecord } from './stream-parts.js';

/** Options for {@link readTextStream}. */
export interface ReadTextStreamOptions {
  /** The wire format; `auto` (the default) picks one from the Content-Type and the first events. */
  format?: StreamFormat;
  signal?: AbortSignal;
  /** Milliseconds without a byte after which reading fails with reason `timeout`. */
  idleTimeout?: number;
}

/**
 * Reads a streaming chat response as {@link StreamPart}s, in any format the element speaks. It
 * ends after the first `done` or `error` part; a body that ends without its format's end marker,
 * or inside a record (an SSE event without its blank line, an NDJSON line cut short), gives an
 * `error` part with reason `incomplete`; any other end of a format without a marker, a `done`.
 * @throws ChatStreamError `content-type` when the body is not a stream; `timeout`; a read error.
 */
export async function* readTextStream(
  response: Response,
  options: ReadTextStreamOptions = {},
): AsyncGenerator<StreamPart> {
  const adapter = createFormatAdapter(options.format ?? 'auto', response.headers);
  if (!response.body) {
    yield endPart(adapter.end());
    return;
  }
  for await (const item of readBodyParts(response.body, adapter, options)) {
    if (item.type === 'end') {
      yield endPart(item.end);
      return;
    }
    yield item;
    if (item.type === 'done' || item.type === 'error') return;
  }
}

function endPart(end: EndOfStream): StreamPart {
  if (end.type === 'open') return { type: 'done' };
  if (end.type === 'incomplete') return { type: 'error', reason: 'incomplete', message: incompleteMessage(end) };
  return end;
}

/** The sentence for a body that ended `incomplete`. */
export function incompleteMessage(end: { cut?: boolean }): string {
  return end.cut
    ? 'The answer stopped before it was complete: the stream was cut off part-way through.'
    : 'The answer stopped before it was complete: the stream ended without its end marker.';
}

/** Options for {@link readBodyParts}. */
export interface ReadBodyOptions {
  signal?: AbortSignal;
  idleTimeout?: number;
  onBytes?: (byteLength: number) => void;
  /** Every decoded chunk of the body, before framing (to keep the first bytes for an error). */
  onReceived?: (text: string) => void;
  /** Every framed record, before its adapter reads it (to say what arrived). */
  onRecord?: (record: WireRecord) => void;
  /** SSE only: the last event id this body resumes after. */
  lastEventId?: string;
  onRetry?: (milliseconds: number) => void;
  /**
   * SSE only: the parts of one event as they are to be applied. Resuming uses it to drop what a
   * server replays, and to stop an answer the server started over.
   */
  filter?: (parts: StreamPart[], event: ServerSentEvent, info: ServerSentEventInfo) => StreamPart[];
  /** SSE only: called with the committed last event id after every chunk. */
  onLastEventId?: (id: string) => void;
}

/** The body ended without a `done` part; `end` says how. */
export interface BodyEnd {
  type: 'end';
  end: EndOfStream;
}

/**
 * Frames a body for its adapter and yields the parts, then a final {@link BodyEnd} when the body
 * ends. The caller stops iterating after a `done` or `error` part, which cancels the body.
 *
 * A body that ends inside a record was cut, whatever its format allows: an SSE event without its
 * blank line (see `SseParser.end`), a last NDJSON line without its newline that cannot be read
 * (a whole one is read as usual), plain text that ends inside a UTF-8 character (its only sign
 * of a cut). That end is `incomplete` (with `cut`) even in a format whose end marker is
 * optional; a finish the format already saw still makes it complete.
 */
export async function* readBodyParts(
  body: ReadableStream<Uint8Array>,
  adapter: FormatAdapter,
  options: ReadBodyOptions = {},
): AsyncGenerator<StreamPart | BodyEnd> {
  const queue: StreamPart[] = [];
  const framing = adapter.framing;
  const read = (record: WireRecord): StreamPart[] => {
    options.onRecord?.(record);
    return adapter.record(record);
  };
  const parser =
    framing === 'sse'
      ? new SseParser(
          {
            onEvent: (event, info) => {
              const id = event.lastEventId;
              let parts = read(event);
              if (options.filter) parts = options.filter(parts, event, info);
              for (const part of parts) queue.push(part.type === 'text' && id !== '' ? { ...part, id } : part);
            },
            onRetry: options.onRetry,
          },
          { lastEventId: options.lastEventId },
        )
      : undefined;
  // NDJSON lines and a whole JSON body are kept as the pieces they arrived in, joined once: only
  // each new chunk is scanned for a line end, so a long line read in small chunks stays linear.
  let pieces: string[] = [];
  let cut = false;
  const decoded = decodeUtf8(body, {
    signal: options.signal,
    idleTimeout: options.idleTimeout,
    onBytes: options.onBytes,
    ignoreBom: framing === 'sse',
    // Plain text has no records: a body ending inside a character is its only sign of a cut.
    onCutCharacter: framing === 'text' ? () => (cut = true) : undefined,
  });
  for await (const text of decoded) {
    options.onReceived?.(text);
    if (parser) {
      parser.feed(text);
      options.onLastEventId?.(parser.lastEventId);
    } else if (framing === 'lines') {
      let start = 0;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) {
        pieces.push(text.slice(start, i));
        const line = pieces.join('');
        pieces = [];
        queue.push(...read({ type: 'line', data: line.charCodeAt(line.length - 1) === 0x0d ? line.slice(0, -1) : line }));
        start = i + 1;
      }
      if (start < text.length) pieces.push(text.slice(start));
    } else if (framing === 'json') {
      pieces.push(text);
    } else {
      queue.push(...read({ type: 'text', data: text }));
    }
    while (queue.length > 0) yield queue.shift()!;
  }
  const sseEnd = parser?.end();
  if (sseEnd?.insideEvent) {
    // The event the body ended inside, as far as it came. If the format reads its own end in it
    // (a sloppy server's `data: [DONE]` with no blank line after it), the answer did finish, and
    // a cut right there lost nothing either; anything else was cut.
    const data = sseEnd.unterminatedData;
    const parts = data === undefined ? [] : adapter.record({ type: 'message', data });
    if (parts.some((part) => part.type === 'done')) queue.push(...parts);
    else cut = true;
  }
  const rest = pieces.join('');
  if (framing === 'lines' && rest.trim() !== '') {
    // A last line without its newline: read if whole; if unreadable, the body was cut inside it.
    const parts = read({ type: 'line', data: rest });
    if (parts.some((part) => part.type === 'error' && part.reason === 'malformed')) cut = true;
    else queue.push(...parts);
  }
  if (framing === 'json' && rest.trim() !== '') queue.push(...read({ type: 'json', data: rest }));
  queue.push(...(adapter.flush?.() ?? []));
  while (queue.length > 0) yield queue.shift()!;
  const end = adapter.end();
  yield { type: 'end', end: cut && end.type !== 'done' ? { type: 'incomplete', cut } : end };
}
