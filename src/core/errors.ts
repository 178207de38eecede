/**
 * Why a stream failed, as a machine-readable reason; `message` is always a sentence a user can read.
 * - `http`: the server answered with a non-2xx status (its own message is shown when it sent one);
 * - `content-type`: the answer was not a stream (an HTML error page, say);
 * - `network`: no connection, or it dropped and could not be resumed;
 * - `timeout`: the server sent no byte for the idle timeout;
 * - `provider`: the model's backend reported an error inside the stream;
 * - `malformed`: the stream could not be understood (a data line that is not valid JSON, say);
 * - `incomplete`: the stream ended without its format's end marker, or inside an event or line;
 * - `empty`: the answer ended with no text the chat could read (the message says what arrived);
 * - `configuration`: the element cannot send (no endpoint, a `prepareRequest` hook that threw or
 *   returned no usable request, a header value `fetch` refuses); nothing was sent;
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
  | 'empty'
  | 'configuration'
  | 'render';

/** What a {@link ChatStreamError} may carry besides its reason and message. */
export interface ChatStreamErrorOptions {
  cause?: unknown;
  /**
   * Technical detail for the developer, never shown in the bubble: the text of an exception a
   * hook threw, the reason a request was refused. It can hold secrets a hook handled (a token in
   * an exception's message), so it goes only to the `llm-chat-error` event.
   */
  detail?: string;
  /** The first bytes the server sent (decoded, at most 1 KB), when they explain the failure. */
  received?: string;
}

/** The most of the received bytes an error keeps, in characters. */
export const MAX_RECEIVED = 1024;

/** A stream failure with a typed reason and a human message. */
export class ChatStreamError extends Error {
  override readonly name = 'ChatStreamError';
  /** See {@link ChatStreamErrorOptions.detail}. */
  readonly detail?: string;
  /** See {@link ChatStreamErrorOptions.received}. */
  readonly received?: string;

  constructor(
    readonly reason: ChatErrorReason,
    message: string,
    readonly status?: number,
    options: ChatStreamErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.detail !== undefined) this.detail = clip(options.detail);
    if (options.received !== undefined) this.received = options.received.slice(0, MAX_RECEIVED);
  }
}

function clip(text: string): string {
  return text.length > MAX_RECEIVED ? `${text.slice(0, MAX_RECEIVED)}…` : text;
}

/**
 * Whether a failure cut an answer off rather than refused it: the connection dropped, went
 * silent, or closed early. Such an answer is kept as `interrupted` and can be retried.
 */
export function isInterruption(error: ChatStreamError): boolean {
  return error.reason === 'network' || error.reason === 'timeout' || error.reason === 'incomplete';
}
