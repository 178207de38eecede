import type { ServerSentEvent } from '../sse.js';
import { donePart, type StreamPart } from '../stream-parts.js';
import { guard, isRecord, parseJsonRecord, providerError, type JsonRecord } from './json.js';
import type { FormatAdapter } from './types.js';

const TEXT_KEYS = ['content', 'text', 'delta'] as const;

/** The text a simple-SSE JSON record carries, if any. */
export function simpleText(record: JsonRecord): string | undefined {
  for (const key of TEXT_KEYS) {
    if (typeof record[key] === 'string') return record[key] as string;
  }
  return undefined;
}

/**
 * The simplest SSE dialect: each `data:` holds JSON `{"content"}`, `{"text"}` or `{"delta"}`, or
 * plain text; `data: [DONE]` ends the answer (optional: a plain end of stream is fine too).
 * `{"error"}` data or an `event: error` reports an error.
 *
 * Whether the stream is JSON or plain text is decided once, by its first data: a plain-text token
 * such as `{}` or `42` would otherwise be mistaken for JSON, and a broken JSON line for text.
 */
export function createSimpleSseAdapter(): FormatAdapter {
  let mode: 'json' | 'text' | undefined;
  return {
    framing: 'sse',
    format: 'sse',
    event(event: ServerSentEvent): StreamPart[] {
      if (event.type === 'error') return [providerError(tryRecord(event.data) ?? { message: event.data })];
      if (event.type !== 'message') return [];
      const data = event.data;
      if (data === '[DONE]') return [donePart()];
      if (mode === undefined) {
        const record = tryRecord(data);
        if (record === undefined) mode = 'text';
        else if (simpleText(record) !== undefined || 'error' in record) mode = 'json';
        else return []; // a JSON object we do not know: ignored, the mode still open
      }
      if (mode === 'text') return data === '' ? [] : [{ type: 'text', text: data }];
      return guard(() => {
        const record = parseJsonRecord(data);
        if (record.error !== undefined && record.error !== null) return [providerError(record)];
        const text = simpleText(record);
        return text ? [{ type: 'text', text }] : [];
      });
    },
    end: () => ({ type: 'open' }),
  };
}

/** A JSON object, or undefined when `text` is not one. */
export function tryRecord(text: string): JsonRecord | undefined {
  const first = text.trimStart()[0];
  if (first !== '{') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
