import type { MessageChunk } from './message-assembler.js';

/**
 * What a wire-format adapter turns a response into: text, parts, an end marker, or an error.
 * - `text`: a piece of the answer; `id` is the SSE event id it came with, when the stream has ids;
 * - `chunk`: anything else of the answer (reasoning, a tool call, a source, data), as an AI SDK UI
 *   message stream chunk (see `MessageAssembler`); its `text-delta`s are answer text too;
 * - `done`: the answer is complete; `finishReason` is the backend's own word (`stop`, `length`,
 *   `max_tokens`, `MAX_TOKENS`, …) and `truncated` says the model's token limit cut it off;
 * - `error`: the backend reported an error inside the stream (`provider`), a data line could not
 *   be read (`malformed`), or the stream ended without its format's end marker or inside a
 *   record, an SSE event or an NDJSON line (`incomplete`).
 */
export type StreamPart =
  | { type: 'text'; text: string; id?: string }
  | { type: 'chunk'; chunk: MessageChunk }
  | { type: 'done'; finishReason?: string; truncated?: boolean }
  | { type: 'error'; message: string; reason: StreamErrorReason; code?: string };

/** The reasons an `error` part can carry. */
export type StreamErrorReason = 'provider' | 'malformed' | 'incomplete';

const TOKEN_LIMIT_REASONS = new Set(['length', 'max_tokens', 'MAX_TOKENS', 'max_output_tokens']);

/** Whether a finish reason means the model's token limit cut the answer off. */
export function isTokenLimit(finishReason: string | undefined): boolean {
  return finishReason !== undefined && TOKEN_LIMIT_REASONS.has(finishReason);
}

/** The `done` member of {@link StreamPart}. */
export type DonePart = Extract<StreamPart, { type: 'done' }>;

/** A `done` part, marked `truncated` when the reason is a token limit. */
export function donePart(finishReason?: string | null): DonePart {
  if (finishReason === undefined || finishReason === null || finishReason === '') return { type: 'done' };
  return isTokenLimit(finishReason) ? { type: 'done', finishReason, truncated: true } : { type: 'done', finishReason };
}

/**
 * How a body ended, the one end-of-stream vocabulary of the readers and adapters:
 * - `done`: complete, with the finish the format saw (its end marker, or a finish reason the
 *   format accepts as the end when the marker itself is missing);
 * - `open`: ended cleanly between records in a format whose end marker is optional (plain SSE,
 *   text, NDJSON without `done` fields): the end of the answer, unless the server opted into
 *   resuming (see `streamChat`);
 * - `incomplete`: ended without the end marker its format requires; `cut` when the body ended
 *   inside a record (an SSE event, an NDJSON line, a UTF-8 character) rather than between them.
 */
export type EndOfStream = DonePart | { type: 'open' } | { type: 'incomplete'; cut?: boolean };

/**
 * One framed record of a body, as adapters receive it. For SSE, `type` is the event name
 * (`message` by default) and `data` its data; an NDJSON line is `{ type: 'line', data }`; a decoded
 * chunk of plain text `{ type: 'text', data }`; a whole non-streamed JSON body `{ type: 'json', data }`.
 */
export interface WireRecord {
  type: string;
  data: string;
}
