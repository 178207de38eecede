import type { EndOfStream, StreamPart, WireRecord } from '../stream-parts.js';

/**
 * The wire formats the element speaks. `auto` (the default) picks one from the Content-Type and
 * the first events; any other value forces that format.
 * - `sse`: simple SSE, `data:` holding `{"content"}`, `{"text"}`, `{"delta"}` or plain text, `[DONE]`;
 * - `openai`: OpenAI Chat Completions chunks (and every OpenAI-compatible server);
 * - `openai-responses`: OpenAI Responses API events;
 * - `anthropic`: Anthropic Messages events;
 * - `gemini`: Google Gemini `streamGenerateContent?alt=sse`;
 * - `ai-sdk`: the Vercel AI SDK UI message stream;
 * - `ndjson`: newline-delimited JSON, as Ollama's `/api/chat` and `/api/generate` send it;
 * - `text`: plain chunked text (also the AI SDK's text stream).
 */
export type StreamFormat =
  | 'auto'
  | 'sse'
  | 'openai'
  | 'openai-responses'
  | 'anthropic'
  | 'gemini'
  | 'ai-sdk'
  | 'ndjson'
  | 'text';

/** Every value of {@link StreamFormat}. */
export const STREAM_FORMATS: readonly StreamFormat[] = [
  'auto',
  'sse',
  'openai',
  'openai-responses',
  'anthropic',
  'gemini',
  'ai-sdk',
  'ndjson',
  'text',
];

export type { EndOfStream } from '../stream-parts.js';

/**
 * Turns the framed records of a body into parts. SSE formats get each event; `ndjson` each line;
 * `text` each decoded chunk; `json` the whole body (see {@link WireRecord}). One adapter serves one
 * answer, across reconnections, so it may keep state (a finish reason seen earlier).
 */
export interface FormatAdapter {
  /** How the body is framed into records. */
  readonly framing: 'sse' | 'lines' | 'text' | 'json';
  /** The format, once known (`auto` until the first telling event). */
  readonly format: StreamFormat;
  /** The parts for one record; unknown events and comments give none. */
  record(record: WireRecord): StreamPart[];
  /** The body ended without a `done` part. */
  end(): EndOfStream;
  /**
   * The body ended: the parts the adapter still holds (a tool call whose arguments never got
   * their finish, text held back to look for a `<think>` tag). Called before {@link end}.
   */
  flush?(): StreamPart[];
}
