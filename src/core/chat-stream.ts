/**
 * One answer, end to end: the request (retried before the first byte on 408/429/502/503/504),
 * the format, the stream, and recovery. When a stream that carries SSE ids drops (a read error,
 * an idle timeout, an end without the end marker), it is resumed with `Last-Event-ID`, and
 * events already applied are skipped, so no token is shown twice or lost. Without ids it is never
 * re-sent: the caller gets the error and decides (the element offers Retry).
 */
import { backoffDelay, browserOnlineStatus, parseRetryAfter, sleep, type OnlineStatus } from './backoff.js';
import { ChatStreamError } from './errors.js';
import { createFormatAdapter, type FormatAdapter, type StreamFormat } from './formats/index.js';
import { httpError } from './http-errors.js';
import type { MessageChunk } from './message-assembler.js';
import { incompleteMessage, readBodyParts } from './read-text-stream.js';
import { toFetchArguments, type ChatRequest } from './request.js';
import { donePart, type DonePart } from './stream-parts.js';
import { EventIdTracker } from './event-ids.js';

/** Options for {@link streamChat}. */
export interface StreamChatOptions {
  /** The wire format; `auto` by default. */
  format?: StreamFormat;
  /** Aborting stops everything; the iteration then rejects with the abort reason. */
  signal?: AbortSignal;
  /** Reconnections after a drop, and retries before the first byte (default 3). */
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
  private reconnects = 0;
  private readonly ids = new EventIdTracker();

  constructor(private readonly options: StreamChatOptions) {
    this.signal = options.signal ?? new AbortController().signal;
    this.maxRetries = Math.max(0, options.maxRetries ?? 3);
    this.idleTimeout = options.idleTimeout ?? 45_000;
    this.retryBase = Math.max(0, options.retryDelay ?? 1000);
    this.maxDelay = options.maxRetryDelay ?? 30_000;
    this.online = options.online ?? browserOnlineStatus;
  }

  async *run(source: ChatRequest | (() => Promise<ChatRequest>)): AsyncGenerator<ChatStreamUpdate> {
    const request = typeof source === 'function' ? await this.prepare(source) : source;
    let response = await this.openFirst(request);
    if (response.status === 204) {
      yield this.done(donePart(), 'auto');
      return;
    }
    const adapter = createFormatAdapter(this.options.format ?? 'auto', response.headers);
    let failures = 0; // consecutive reconnections that brought no new event id
    for (;;) {
      const progressBefore = this.ids.distinctIds;
      let dropped: ChatStreamError;
      try {
        const end = yield* this.read(response, adapter);
        if (end.type === 'done') {
          yield this.done(end, adapter.format);
          return;
        }
        if (!this.ids.resumable) {
          if (end.type === 'open') {
            yield this.done(donePart(), adapter.format);
            return;
          }
          throw incomplete(end);
        }
        dropped = end.type === 'open' ? closed() : incomplete(end);
      } catch (error) {
        if (this.signal.aborted) throw this.signal.reason;
        dropped = asDrop(error);
        if (!this.ids.resumable || !isDrop(dropped)) throw dropped;
      }
      if (this.ids.distinctIds > progressBefore) failures = 0;
      const next = yield* this.reconnect(request, adapter, dropped, () => failures++);
      if (next === undefined) {
        // 204: nothing more. The finish reason is the one seen before the drop, if any.
        const end = adapter.end();
        yield this.done(end.type === 'done' ? end : donePart(), adapter.format);
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
      const detail = error instanceof Error ? error.message : String(error);
      throw new ChatStreamError('configuration', `The request could not be prepared: ${detail}`, undefined, { cause: error });
    }
  }

  /** The first request: 408, 429, 502, 503 and 504 are retried, honouring `Retry-After`. */
  private async openFirst(request: ChatRequest): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const response = await this.fetch(request, {});
      if (response.ok) return response;
      const retryable = RETRYABLE_STATUS.has(response.status) && attempt < this.maxRetries;
      const delay = retryable ? this.statusDelay(response, attempt) : undefined;
      if (delay === undefined) throw await httpError(response);
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
      if (attempt >= this.maxRetries) throw lastError;
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
      onRetry: (ms) => (this.retryBase = ms),
      accept: (event, info) => this.ids.accept(event, info),
      onLastEventId: (id) => (this.ids.lastEventId = id),
    });
    for await (const part of parts) {
      switch (part.type) {
        case 'text':
          this.firstTextAt ??= now();
          this.characters += countCharacters(part.text);
          yield { type: 'text', text: part.text } satisfies ChatStreamUpdate;
          break;
        case 'chunk':
          if (part.chunk.type === 'text-delta') {
            this.firstTextAt ??= now();
            this.characters += countCharacters(part.chunk.delta);
          }
          yield { type: 'chunk', chunk: part.chunk } satisfies ChatStreamUpdate;
          break;
        case 'error':
          throw new ChatStreamError(part.reason, part.message);
        case 'done':
          return part;
        case 'end':
          return part.end;
      }
    }
    throw new Error('unreachable: a body always ends with an end record');
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

  private done(part: DonePart, format: StreamFormat): ChatStreamUpdate {
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
