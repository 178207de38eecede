/**
 * Why a stream failed, as a machine-readable reason; `message` is always a sentence a user can read.
 * - `http`: the server answered with a non-2xx status (its own message is shown when it sent one);
 * - `content-type`: the answer was not a stream (an HTML error page, say);
 * - `network`: no connection, or it dropped and could not be resumed;
 * - `timeout`: the server sent no byte for the idle timeout;
 * - `provider`: the model's backend reported an error inside the stream;
 * - `malformed`: the stream could not be understood (a data line that is not valid JSON, say);
 * - `incomplete`: the stream ended without its format's end marker, or inside an event or line;
 * - `configuration`: the element cannot send (no endpoint, say);
 * - `render`: a custom part renderer threw; the part shows its default rendering instead.
 */
export type ChatErrorReason =
  | 'http'
  | 'content-type'
  | 'network'
  | 'timeout'
  | 'provider'
  | 'malformed'
  | 'incomplete'
  | 'configuration'
  | 'render';

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

/**
 * Whether a failure cut an answer off rather than refused it: the connection dropped, went
 * silent, or closed early. Such an answer is kept as `interrupted` and can be retried.
 */
export function isInterruption(error: ChatStreamError): boolean {
  return error.reason === 'network' || error.reason === 'timeout' || error.reason === 'incomplete';
}
