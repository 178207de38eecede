import { ChatStreamError } from '../errors.js';
import type { ServerSentEvent } from '../sse.js';
import { donePart, type StreamPart } from '../stream-parts.js';
import { createAiSdkAdapter, isAiSdkType } from './ai-sdk.js';
import { ANTHROPIC_EVENTS, createAnthropicAdapter } from './anthropic.js';
import { createGeminiAdapter } from './gemini.js';
import { guard, isRecord, providerError } from './json.js';
import { createNdjsonAdapter, createTextAdapter } from './ndjson.js';
import { createOpenAiChatAdapter } from './openai.js';
import { createOpenAiResponsesAdapter } from './openai-responses.js';
import { createSimpleSseAdapter, simpleText, tryRecord } from './simple-sse.js';
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
  'application/json',
]);

/** Whether `value` names a format; attribute values are checked with it. */
export function isStreamFormat(value: unknown): value is StreamFormat {
  return typeof value === 'string' && (STREAM_FORMATS as readonly string[]).includes(value);
}

/**
 * The adapter for one answer. `auto` chooses by Content-Type (`text/event-stream`, NDJSON or
 * JSON, `text/plain`) and, for SSE, by the first telling event; an explicit format is trusted
 * whatever the Content-Type says, except an HTML page, which is never a stream.
 * @throws ChatStreamError (`content-type`) when the body cannot be a stream.
 */
export function createFormatAdapter(format: StreamFormat, headers: Headers): FormatAdapter {
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
  if (format !== 'auto') return FACTORIES[format]();
  if (mime === 'text/event-stream') {
    return headers.has('x-vercel-ai-ui-message-stream') ? createAiSdkAdapter() : createAutoSseAdapter();
  }
  if (NDJSON_TYPES.has(mime) || mime.endsWith('+json')) return createNdjsonAdapter();
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
 * an error, an unknown JSON object).
 */
export function detectSseFormat(event: ServerSentEvent): StreamFormat | undefined {
  if (event.type.startsWith('response.')) return 'openai-responses';
  if (ANTHROPIC_EVENTS.has(event.type)) return 'anthropic';
  if (event.type !== 'message' || event.data === '[DONE]') return undefined;
  const record = tryRecord(event.data);
  if (record === undefined) return 'sse'; // plain text
  if (Array.isArray(record.choices) || record.object === 'chat.completion.chunk') return 'openai';
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
    event(event: ServerSentEvent): StreamPart[] {
      if (!inner) {
        const format = detectSseFormat(event);
        if (format === undefined) return undecided(event);
        inner = FACTORIES[format as Exclude<StreamFormat, 'auto'>]();
      }
      return inner.event(event);
    },
    end: () => (inner ? inner.end() : { type: 'open' }),
  };
}

/** Before the dialect is known only the end marker and errors mean anything. */
function undecided(event: ServerSentEvent): StreamPart[] {
  if (event.type === 'message' && event.data === '[DONE]') return [donePart()];
  return guard(() => {
    const record = tryRecord(event.data);
    if (event.type === 'error') return [providerError(record ?? { message: event.data })];
    if (event.type === 'message' && record && record.error !== undefined && record.error !== null) {
      return [providerError(record)];
    }
    return [];
  });
}
