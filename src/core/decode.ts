import { ChatStreamError } from './errors.js';

/** Options for {@link decodeUtf8}. */
export interface DecodeUtf8Options {
  /** Aborting cancels the body; the iteration then rejects with the abort reason. */
  signal?: AbortSignal;
  /**
   * Keep a leading byte order mark as text. The SSE parser wants it, because it strips exactly
   * one itself; every other format lets the decoder strip it.
   */
  ignoreBom?: boolean;
  /**
   * Milliseconds without a single byte after which the body is cancelled and the iteration
   * rejects with a `ChatStreamError` whose reason is `timeout`. Any byte counts, heartbeats too.
   */
  idleTimeout?: number;
  /** Called with each chunk's size in bytes, before it is decoded (for timing). */
  onBytes?: (byteLength: number) => void;
  /**
   * Called when the body ends inside a multi-byte character, which is then not yielded. Without
   * it, those bytes become one U+FFFD, as the Encoding standard says; a caller that takes such an
   * end as a cut (plain text has no other sign of one) wants no stray U+FFFD in the text.
   */
  onCutCharacter?: () => void;
}

/**
 * Decodes a byte stream as UTF-8 text chunks with one streaming decoder (a character split
 * across chunks survives), releasing the reader however the loop ends. Never yields ''.
 */
export async function* decodeUtf8(
  body: ReadableStream<Uint8Array>,
  options: DecodeUtf8Options = {},
): AsyncGenerator<string> {
  const { signal, idleTimeout } = options;
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: options.ignoreBom ?? false });
  // Cancelling a reader makes a pending read() resolve as done, so flags tell that apart from a
  // real end of stream.
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const armTimer = () => {
    if (idleTimeout === undefined || !(idleTimeout > 0) || !Number.isFinite(idleTimeout)) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      void reader.cancel().catch(() => {});
    }, idleTimeout);
  };
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  const check = () => {
    signal?.throwIfAborted();
    if (timedOut) {
      throw new ChatStreamError('timeout', `The chat server sent nothing for ${Math.round(idleTimeout! / 1000)} s.`);
    }
  };
  try {
    check();
    armTimer();
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (error) {
        check(); // an abort or our own timeout, reported as such rather than as a network error
        throw error;
      }
      check();
      if (result.done) {
        finished = true;
        break;
      }
      armTimer();
      options.onBytes?.(result.value.byteLength);
      const text = decoder.decode(result.value, { stream: true });
      if (text !== '') yield text;
    }
    // The decoder holds back only an unfinished character, so the flush is empty unless the body
    // ended inside one (an invalid byte elsewhere came out as U+FFFD at once).
    const tail = decoder.decode();
    if (tail !== '' && options.onCutCharacter) options.onCutCharacter();
    else if (tail !== '') yield tail;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // A consumer that stops early must close the connection, not just leave it hanging.
    if (!finished) void reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
