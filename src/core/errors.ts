/**
 * Why a stream failed, as a machine-readable reason; `message` is always a sentence a user can read.
 * - `http`: the server answered with a non-2xx status;
 * - `content-type`: the answer was not a stream (an HTML error page, say);
 * - `network`: no connection, or it dropped;
 * - `provider`: the model's backend reported an error inside the stream;
 * - `malformed`: the stream could not be understood;
 * - `incomplete`: the stream ended without its end marker;
 * - `configuration`: the element cannot send (no endpoint, say).
 */
export type ChatErrorReason = 'http' | 'content-type' | 'network' | 'provider' | 'malformed' | 'incomplete' | 'configuration';

/** A stream failure with a typed reason and a human message. */
export class ChatStreamError extends Error {
  override readonly name = 'ChatStreamError';

  constructor(
    readonly reason: ChatErrorReason,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
