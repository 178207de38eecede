/**
 * One answer, end to end: the request (retried before the first byte on 408/429/502/503/504),
 * the format, the stream, and recovery.
 *
 * Resuming is opt-in: only a response that carries the header `Chat-Resumable: true` (and SSE
 * ids) is resumed with `Last-Event-ID` when it drops (a read error, an idle timeout, an end
 * without the end marker, or any end before one in a format whose marker is optional); events
 * already applied are skipped, and a server that starts the answer over is stopped, never
 * appended. Without the header, SSE ids never cause a re-send: a clean end between events is
 * the end of the answer, and a drop is the caller's to handle (the element offers Retry).
 * Retries and reconnections of one answer stop at three times `maxRetries` in all.
 *
 * An answer that ends with no text is never a silent success: it fails with reason `empty` and a
 * sentence that says what arrived, with the first bytes in the error's `received`.
 */
import { backoffDelay, browserOnlineStatus, parseRetryAfter, sleep, type OnlineStatus } from './backoff.js';
import { ChatStreamError, MAX_RECEIVED } from './errors.js';
import { createFormatAdapter, type FormatAdapter, type StreamFormat } from './formats/index.js';
import { httpError } from './http-errors.js';
import type { MessageChunk } from './message-assembler.js';
import { incompleteMessage, readBodyParts } from './read-text-stream.js';
import { checkChatRequest, toFetchArguments, type ChatRequest } from './request.js';
import { donePart, type DonePart, type WireRecord } from './stream-parts.js';
import { EventIdTracker } from './event-ids.js';

/** Options for {@link streamChat}. */
export interface StreamChatOptions {
  /** The wire format; `auto` by default. */
  format?: StreamFormat;
  /** Aborting stops everything; the iteration then rejects with the abort reason. */
  signal?: AbortSignal;
  /**
   * Reconnections after a drop in a row without progress, and retries before the first byte
   * (default 3). Across one answer, retries and reconnections together stop at three times this.
   */
  maxRetries?: number;
  /** Milliseconds without a byte (heartbeats count) before a connection counts as dropped (default 45 000). */
  idleTimeout?: number;
  /** The first backoff delay in ms (default 1000); a stream's `retry:` field replaces it. */
  retryDelay?: number;
  /** The longest backoff delay in ms (default 30 000); a longer `Retry-After` is not waited for. */
  maxRetryDelay?: number;
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
  /** Online status (default: `navigator.onLine` and the `online` event). */
  online?: OnlineStatus;
  /** Random numbers for the jitter (default Math.random). */
  random?: () => number;
}

/** Timing of one answer, in milliseconds from the request's start. */
export interface StreamTiming {
  /** Until the first byte of the response body. */
  timeToFirstByte?: number;
  /** Until the first text of the answer. */
  timeToFirstText?: number;
  /** Until the answer was complete. */
  duration: number;
  /** Characters (code points) of answer text per second, from the first text to the end. */
  charactersPerSecond?: number;
  /** How many times the stream was resumed after a drop. */
  reconnects: number;
}

/** What {@link streamChat} reports. Text updates are deltas; chunks are parts of the answer (see `MessageAssembler`). */
export type ChatStreamUpdate =
  | { type: 'text'; text: string }
  | { type: 'chunk'; chunk: MessageChunk }
  | { type: 'reconnecting'; attempt: number; delay: number; lastEventId: string; offline: boolean }
  | { type: 'reconnected'; attempt: number }
  | { type: 'done'; finishReason?: string; truncated: boolean; format: StreamFormat; timing: StreamTiming };

const RETRYABLE_STATUS = new Set([408, 429, 502, 503, 504]);

/** The response header by which a server opts into resuming (see the module comment). */
const RESUMABLE_HEADER = 'Chat-Resumable';

/** Whether a response opted into resuming: `Chat-Resumable: true`, in any case. */
function isResumable(response: Response): boolean {
  return response.headers.get(RESUMABLE_HEADER)?.trim().toLowerCase() === 'true';
}

/** The sentence in the bubble when the page's own request set-up failed; the detail goes to the event. */
const CONFIGURATION_MESSAGE = 'The chat could not send the message: this page’s chat set-up has a problem.';

/**
 * Streams one answer. `request` may be a function (a `prepareRequest` hook at work), called once.
 * @throws ChatStreamError for every failure; the abort reason when `signal` aborts.
 */
export async function* streamChat(
  request: ChatRequest | (() => Promise<ChatRequest>),
  options: StreamChatOptions = {},
): AsyncGenerator<ChatStreamUpdate> {
  const session = new Session(options);
  yield* session.run(request);
}

/** Chunks that frame an answer rather than add to it (steps, metadata, the start and end of text). */
const FRAMING_CHUNKS: ReadonlySet<string> = new Set([
  'start', 'finish', 'start-step', 'finish-step', 'message-metadata', 'text-start', 'text-end', 'error', 'abort',
]);

class Session {
  private readonly signal: AbortSignal;
  private readonly maxRetries: number;
  private readonly idleTimeout: number;
  private readonly maxDelay: number;
  private readonly online: OnlineStatus;
  private retryBase: number;
  private readonly start = now();
  private firstByteAt?: number;
  private firstTextAt?: number;
  private characters = 0;
  /** Chunks of the answer that are not text (see `done`). */
  private otherParts = 0;
  private reconnects = 0;
  /** Retries and reconnections so far, against the answer's hard cap. */
  private attempts = 0;
  private readonly maxAttempts: number;
  private readonly ids = new EventIdTracker();
  /** What arrived, to say so when no text did: records by type, and the first bytes. */
  private readonly records = new Map<string, number>();
  private received = '';
  private receivedLength = 0;

  constructor(private readonly options: StreamChatOptions) {
    this.signal = options.signal ?? new AbortController().signal;
    this.maxRetries = Math.max(0, options.maxRetries ?? 3);
    this.maxAttempts = this.maxRetries * 3;
    this.idleTimeout = options.idleTimeout ?? 45_000;
    this.retryBase = Math.max(0, options.retryDelay ?? 1000);
    this.maxDelay = options.maxRetryDelay ?? 30_000;
    this.online = options.online ?? browserOnlineStatus;
  }

  async *run(source: ChatRequest | (() => Promise<ChatRequest>)): AsyncGenerator<ChatStreamUpdate> {
    const request = this.check(typeof source === 'function' ? await this.prepare(source) : source);
    let response = await this.openFirst(request);
    if (response.status === 204) throw this.empty('auto');
    const adapter = createFormatAdapter(this.options.format ?? 'auto', response.headers);
    let failures = 0; // consecutive reconnections that brought no new event id
    for (;;) {
      const progressBefore = this.ids.distinctIds;
      const resumable = isResumable(response);
      let dropped: ChatStreamError;
      try {
        const end = yield* this.read(response, adapter);
        if (end.type === 'done') {
          yield this.done(end, adapter);
          return;
        }
        if (!resumable || !this.ids.hasIds) {
          if (end.type === 'open') {
            yield this.done(donePart(), adapter);
            return;
          }
          throw incomplete(end);
        }
        dropped = end.type === 'open' ? closed() : incomplete(end);
      } catch (error) {
        if (this.signal.aborted) throw this.signal.reason;
        dropped = asDrop(error);
        if (!resumable || !this.ids.hasIds || this.ids.restarted || !isDrop(dropped)) throw dropped;
      }
      if (this.ids.distinctIds > progressBefore) failures = 0;
      const next = yield* this.reconnect(request, adapter, dropped, () => failures++);
      if (next === undefined) {
        // 204: nothing more. The finish reason is the one seen before the drop, if any.
        const end = adapter.end();
        yield this.done(end.type === 'done' ? end : donePart(), adapter);
        return;
      }
      response = next;
    }
  }

  private async prepare(prepare: () => Promise<ChatRequest>): Promise<ChatRequest> {
    try {
      return await prepare();
    } catch (error) {
      if (this.signal.aborted) throw this.signal.reason;
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new ChatStreamError('configuration', CONFIGURATION_MESSAGE, undefined, {
        cause: error,
        detail: `prepareRequest threw ${detail}`,
      });
    }
  }

  /** A request `fetch` would refuse, or send somewhere wrong, is a configuration error: nothing is sent. */
  private check(request: unknown): ChatRequest {
    const problem = checkChatRequest(request);
    if (problem === undefined) return request as ChatRequest;
    throw new ChatStreamError('configuration', CONFIGURATION_MESSAGE, undefined, { detail: problem });
  }

  /** The first request: 408, 429, 502, 503 and 504 are retried, honouring `Retry-After`. */
  private async openFirst(request: ChatRequest): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetch(request, {});
      if (response.ok) return response;
      const retryable = RETRYABLE_STATUS.has(response.status) && attempt < this.maxRetries && this.attempts < this.maxAttempts;
      const delay = retryable ? this.statusDelay(response, attempt) : undefined;
      if (delay === undefined) throw await httpError(response);
      this.attempts++;
      void response.body?.cancel().catch(() => {});
      await sleep(delay, this.signal);
    }
  }

  /** How long to wait before retrying a status; undefined when `Retry-After` asks too much. */
  private statusDelay(response: Response, attempt: number): number | undefined {
    const asked = parseRetryAfter(response.headers.get('retry-after'));
    if (asked === undefined) return this.backoff(attempt);
    return asked <= this.maxDelay ? asked : undefined;
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, { base: this.retryBase, max: this.maxDelay, random: this.options.random });
  }

  /**
   * Reconnects with `Last-Event-ID` until a stream answers (returned), the server says there is
   * nothing more (204: undefined), or the attempts run out (the drop is thrown).
   */
  private async *reconnect(
    request: ChatRequest,
    adapter: FormatAdapter,
    dropped: ChatStreamError,
    countFailure: () => number,
  ): AsyncGenerator<ChatStreamUpdate, Response | undefined> {
    let lastError = dropped;
    for (;;) {
      const attempt = countFailure();
      if (attempt >= this.maxRetries || this.attempts >= this.maxAttempts) throw lastError;
      this.attempts++;
      const offline = !this.online.isOnline();
      const delay = this.backoff(attempt);
      this.reconnects++;
      yield { type: 'reconnecting', attempt: attempt + 1, delay, lastEventId: this.ids.lastEventId, offline };
      if (offline) await this.online.waitUntilOnline(this.signal);
      await sleep(delay, this.signal);
      let response: Response;
      try {
        response = await this.fetch(request, { 'Last-Event-ID': this.ids.lastEventId });
      } catch (error) {
        if (this.signal.aborted) throw this.signal.reason;
        lastError = asDrop(error);
        continue;
      }
      if (response.status === 204) return undefined;
      if (!response.ok) {
        if (!RETRYABLE_STATUS.has(response.status)) throw await httpError(response);
        void response.body?.cancel().catch(() => {});
        lastError = new ChatStreamError('http', `The chat server could not resume the answer (HTTP ${response.status}).`, response.status);
        const asked = parseRetryAfter(response.headers.get('retry-after'));
        if (asked !== undefined && asked <= this.maxDelay) await sleep(asked, this.signal);
        continue;
      }
      createFormatAdapter(adapter.format, response.headers); // the same checks: no HTML page
      yield { type: 'reconnected', attempt: attempt + 1 };
      return response;
    }
  }

  /** Reads one connection; returns how it ended, or throws a drop or a stream error. */
  private async *read(response: Response, adapter: FormatAdapter) {
    this.ids.newConnection();
    const body = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
    const parts = readBodyParts(body, adapter, {
      signal: this.signal,
      idleTimeout: this.idleTimeout,
      lastEventId: this.ids.lastEventId,
      onBytes: () => (this.firstByteAt ??= now()),
      onReceived: (text) => this.keepReceived(text),
      onRecord: (record) => this.countRecord(record),
      onRetry: (ms) => (this.retryBase = ms),
      filter: (found, event, info) => this.ids.filter(found, event, info),
      onLastEventId: (id) => (this.ids.lastEventId = id),
    });
    for await (const part of parts) {
      switch (part.type) {
        case 'text':
          yield this.text(part.text);
          break;
        case 'chunk':
          if (part.chunk.type === 'text-delta') {
            this.firstTextAt ??= now();
            this.characters += countCharacters(part.chunk.delta);
          } else if (!FRAMING_CHUNKS.has(part.chunk.type)) {
            // Reasoning, a tool call, a source, a file or data: an answer without text is not empty.
            this.otherParts++;
          }
          yield { type: 'chunk', chunk: part.chunk } satisfies ChatStreamUpdate;
          break;
        case 'error':
          throw new ChatStreamError(part.reason, part.message, undefined, { received: this.received });
        case 'done':
          return part;
        case 'end':
          // Text held back to check for a restart is new after all: the connection ended.
          for (const held of this.ids.release()) if (held.type === 'text') yield this.text(held.text);
          return part.end;
      }
    }
    throw new Error('unreachable: a body always ends with an end record');
  }

  private text(text: string): ChatStreamUpdate {
    this.firstTextAt ??= now();
    this.characters += countCharacters(text);
    return { type: 'text', text };
  }

  private keepReceived(text: string): void {
    this.receivedLength += text.length;
    if (this.received.length < MAX_RECEIVED) this.received += text.slice(0, MAX_RECEIVED - this.received.length);
  }

  private countRecord(record: WireRecord): void {
    this.records.set(record.type, (this.records.get(record.type) ?? 0) + 1);
  }

  /** An answer that ended with no text: what arrived, in a sentence. */
  private empty(format: StreamFormat, framing?: FormatAdapter['framing']): ChatStreamError {
    const counts = [...this.records];
    const total = counts.reduce((sum, [, count]) => sum + count, 0);
    let what: string;
    if (this.receivedLength === 0) {
      what = 'The chat server ended the answer without sending anything';
    } else if (framing === 'json') {
      what = 'The chat server sent a JSON document, but it held no text the chat could read';
    } else if (framing === 'lines') {
      what = `The chat server sent ${plural(total, 'JSON line')}, but none held text the chat could read`;
    } else if (total === 0) {
      what = `The chat server sent ${plural(this.receivedLength, 'character')}, but no event the chat could read`;
    } else {
      const names = counts.map(([name, count]) => (counts.length === 1 ? `named \`${name}\`` : `${count} named \`${name}\``));
      const named = counts.length === 1 ? names[0] : `(${names.join(', ')})`;
      what = `The chat server sent ${plural(total, 'event')} ${named}, but none held text the chat could read`;
    }
    const shown = format === 'auto' ? '' : ` (read as ${format})`;
    return new ChatStreamError('empty', `${what}${shown}.`, undefined, { received: this.received });
  }

  private async fetch(request: ChatRequest, extraHeaders: Record<string, string>): Promise<Response> {
    const fetchImpl = this.options.fetch ?? globalThis.fetch.bind(globalThis);
    // One controller per attempt: aborted by the caller's signal, or by our wait for headers.
    const attempt = new AbortController();
    const onAbort = () => attempt.abort(this.signal.reason);
    this.signal.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer =
      this.idleTimeout > 0 && Number.isFinite(this.idleTimeout)
        ? setTimeout(() => {
            timedOut = true;
            attempt.abort();
          }, this.idleTimeout)
        : undefined;
    try {
      this.signal.throwIfAborted();
      return await fetchImpl(...toFetchArguments(request, extraHeaders, attempt.signal));
    } catch (error) {
      if (this.signal.aborted) throw this.signal.reason;
      if (timedOut) throw new ChatStreamError('timeout', 'The chat server did not answer in time.', undefined, { cause: error });
      throw new ChatStreamError('network', 'Could not reach the chat server. Check your connection and try again.', undefined, {
        cause: error,
      });
    } finally {
      // The listener stays: the attempt's controller must follow the caller's signal while the
      // body streams, so that stop() closes the connection.
      clearTimeout(timer);
    }
  }

  /** The answer is complete; one with no text at all is the `empty` error instead. */
  private done(part: DonePart, adapter: FormatAdapter): ChatStreamUpdate {
    const format = adapter.format;
    if (this.characters === 0 && this.otherParts === 0) throw this.empty(format, adapter.framing);
    const end = now();
    const since = this.firstTextAt ?? end;
    const generating = end - since;
    const timing: StreamTiming = {
      duration: round(end - this.start),
      reconnects: this.reconnects,
      ...(this.firstByteAt !== undefined ? { timeToFirstByte: round(this.firstByteAt - this.start) } : {}),
      ...(this.firstTextAt !== undefined ? { timeToFirstText: round(this.firstTextAt - this.start) } : {}),
      ...(this.characters > 0 ? { charactersPerSecond: round((this.characters * 1000) / Math.max(generating, 1)) } : {}),
    };
    return {
      type: 'done',
      ...(part.finishReason !== undefined ? { finishReason: part.finishReason } : {}),
      truncated: part.truncated === true,
      format,
      timing,
    };
  }
}

function now(): number {
  return globalThis.performance?.now() ?? Date.now();
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function incomplete(end: { cut?: boolean }): ChatStreamError {
  return new ChatStreamError('incomplete', incompleteMessage(end));
}

function closed(): ChatStreamError {
  return new ChatStreamError('network', 'The chat server closed the connection before the answer finished.');
}

function isDrop(error: ChatStreamError): boolean {
  return error.reason === 'network' || error.reason === 'timeout' || error.reason === 'incomplete';
}

/** A read failure as a drop: our own timeout stays a timeout, anything else lost the connection. */
function asDrop(error: unknown): ChatStreamError {
  if (error instanceof ChatStreamError) return error;
  return new ChatStreamError('network', 'The connection to the chat server was lost before the answer finished.', undefined, {
    cause: error,
  });
}
