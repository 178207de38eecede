import { ChatStreamError } from '../errors.js';
import { donePart, type StreamPart, type WireRecord } from '../stream-parts.js';
import { createAiSdkAdapter, isAiSdkType } from './ai-sdk.js';
import { ANTHROPIC_EVENTS, createAnthropicAdapter } from './anthropic.js';
import { createGeminiAdapter } from './gemini.js';
import { guard, isRecord, providerError } from './json.js';
import { createNdjsonAdapter, createTextAdapter } from './ndjson.js';
import { createOpenAiChatAdapter } from './openai.js';
import { createOpenAiResponsesAdapter } from './openai-responses.js';
import { createCompletionAdapter } from './completion.js';
import { createSimpleSseAdapter, END_EVENTS, QUIET_EVENTS, simpleText, tryJson, tryRecord } from './simple-sse.js';
import { withThinkTags } from './think-tags.js';
import { STREAM_FORMATS, type FormatAdapter, type StreamFormat } from './types.js';

export type { EndOfStream, FormatAdapter, StreamFormat } from './types.js';
export { STREAM_FORMATS } from './types.js';

const FACTORIES: Record<Exclude<StreamFormat, 'auto'>, () => FormatAdapter> = {
  sse: createSimpleSseAdapter,
  openai: createOpenAiChatAdapter,
  'openai-responses': createOpenAiResponsesAdapter,
  anthropic: createAnthropicAdapter,
  gemini: createGeminiAdapter,
  'ai-sdk': createAiSdkAdapter,
  ndjson: createNdjsonAdapter,
  text: createTextAdapter,
};

const NDJSON_TYPES = new Set([
  'application/x-ndjson',
  'application/ndjson',
  'application/jsonl',
  'application/x-jsonlines',
  'application/jsonlines',
  'application/stream+json',
]);

/** The formats whose servers can also answer with one non-streamed JSON completion. */
const COMPLETION_FORMATS = new Set<StreamFormat>(['openai', 'openai-responses', 'anthropic', 'gemini', 'ndjson']);

/** Whether `value` names a format; attribute values are checked with it. */
export function isStreamFormat(value: unknown): value is StreamFormat {
  return typeof value === 'string' && (STREAM_FORMATS as readonly string[]).includes(value);
}

/**
 * The adapter for one answer. `auto` chooses by Content-Type (`text/event-stream`, NDJSON,
 * `text/plain`, or `application/json`: one non-streamed completion) and, for SSE, by the first
 * telling event; an explicit format is trusted whatever the Content-Type says, except an HTML
 * page, which is never a stream, and `application/json`, which is that format's non-streamed
 * completion (an OpenAI-compatible server without `stream: true` answers so).
 * Whatever the format, an answer that opens with `<think>…</think>` has that reasoning split off
 * into a reasoning part (see {@link ThinkTagSplitter}).
 * @throws ChatStreamError (`content-type`) when the body cannot be a stream.
 */
export function createFormatAdapter(format: StreamFormat, headers: Headers): FormatAdapter {
  return withThinkTags(selectAdapter(format, headers));
}

function selectAdapter(format: StreamFormat, headers: Headers): FormatAdapter {
  const contentType = headers.get('content-type') ?? '';
  const mime = contentType.split(';')[0]!.trim().toLowerCase();
  if (mime === 'text/html' || mime === 'application/xhtml+xml') {
    throw new ChatStreamError(
      'content-type',
      'The chat server answered with a web page instead of a stream. Check the endpoint URL.',
    );
  }
  if (!isStreamFormat(format)) {
    throw new ChatStreamError('configuration', `Unknown format "${String(format)}": use one of ${STREAM_FORMATS.join(', ')}.`);
  }
  const json = mime === 'application/json' || (mime.endsWith('+json') && !NDJSON_TYPES.has(mime));
  if (format !== 'auto') return json && COMPLETION_FORMATS.has(format) ? createCompletionAdapter(format) : FACTORIES[format]();
  if (json) return createCompletionAdapter();
  if (mime === 'text/event-stream') {
    return headers.has('x-vercel-ai-ui-message-stream') ? createAiSdkAdapter() : createAutoSseAdapter();
  }
  if (NDJSON_TYPES.has(mime)) return createNdjsonAdapter();
  if (mime === 'text/plain') return createTextAdapter();
  throw new ChatStreamError(
    'content-type',
    contentType === ''
      ? 'The chat server did not say what kind of stream it sent (no Content-Type). Set the format attribute.'
      : `The chat server sent ${mime}, which is not a stream this chat understands. Set the format attribute.`,
  );
}

/**
 * Picks the SSE dialect from one event, or undefined when the event does not tell (a `[DONE]`,
 * an error, an end or heartbeat event, an unknown JSON object). Events of any name count: a
 * server's own names (`token`, LangServe's `data`) carry the simple dialect's text.
 */
export function detectSseFormat(event: WireRecord): StreamFormat | undefined {
  if (event.type.startsWith('response.')) return 'openai-responses';
  // `ping` is Anthropic's heartbeat, but every other server's too: it tells nothing.
  if (ANTHROPIC_EVENTS.has(event.type) && event.type !== 'ping') return 'anthropic';
  const name = event.type.toLowerCase();
  if (name === 'error' || END_EVENTS.has(name) || QUIET_EVENTS.has(name) || event.data === '[DONE]') return undefined;
  const value = tryJson(event.data);
  if (value === undefined || typeof value === 'string') return 'sse'; // plain text, or a JSON string
  const record = value;
  if (name === 'message' && (record.object === 'chat.completion.chunk' || Array.isArray(record.choices))) return 'openai';
  if (Array.isArray(record.candidates) || isRecord(record.promptFeedback)) return 'gemini';
  if (typeof record.type === 'string') {
    if (record.type.startsWith('response.')) return 'openai-responses';
    if (ANTHROPIC_EVENTS.has(record.type)) return 'anthropic';
    if (isAiSdkType(record.type)) return 'ai-sdk';
  }
  if (record.error !== undefined) return undefined;
  return simpleText(record) !== undefined ? 'sse' : undefined;
}

/** `auto` over SSE: undecided until an event tells the dialect, then delegates for good. */
function createAutoSseAdapter(): FormatAdapter {
  let inner: FormatAdapter | undefined;
  return {
    framing: 'sse',
    get format() {
      return inner?.format ?? 'auto';
    },
    record(event: WireRecord): StreamPart[] {
      if (!inner) {
        const format = detectSseFormat(event);
        if (format === undefined) return undecided(event);
        inner = FACTORIES[format as Exclude<StreamFormat, 'auto'>]();
      }
      return inner.record(event);
    },
    end: () => (inner ? inner.end() : { type: 'open' }),
  };
}

/** Before the dialect is known only the end marker and errors mean anything. */
function undecided(event: WireRecord): StreamPart[] {
  if (event.data === '[DONE]' || END_EVENTS.has(event.type.toLowerCase())) return [donePart()];
  return guard(() => {
    const record = tryRecord(event.data);
    if (event.type === 'error') return [providerError(record ?? { message: event.data })];
    if (event.type === 'message' && record && record.error !== undefined && record.error !== null) {
      return [providerError(record)];
    }
    return [];
  });
}
