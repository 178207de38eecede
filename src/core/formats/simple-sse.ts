import { donePart, type StreamPart, type WireRecord } from '../stream-parts.js';
import { isRecord, providerError, type JsonRecord } from './json.js';
import type { FormatAdapter } from './types.js';

/** Keys whose string value is the text of a simple record, in the order they are tried. */
const TEXT_KEYS = ['content', 'text', 'delta', 'token', 'response'] as const;

/** Event names that end the answer in the simple dialect (LangServe sends `event: end`). */
export const END_EVENTS = new Set(['end', 'done']);

/** Event names that only keep the connection alive, or describe the run: never text. */
export const QUIET_EVENTS = new Set(['ping', 'heartbeat', 'keepalive', 'keep-alive', 'metadata']);

/**
 * The text a decoded JSON value carries, if any: a JSON string is itself the text; an object gives
 * `content`, `text`, `delta`, `token` or `response`, or `message.content`, `delta.content` or
 * `choices[0].delta.content` (a server that wraps OpenAI chunks in its own events).
 */
export function simpleText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (!isRecord(value)) return undefined;
  for (const key of TEXT_KEYS) {
    const text = value[key];
    if (typeof text === 'string') return text;
  }
  const nested = [value.message, value.delta, firstChoiceDelta(value)];
  for (const record of nested) {
    if (isRecord(record) && typeof record.content === 'string') return record.content;
  }
  return undefined;
}

function firstChoiceDelta(value: JsonRecord): unknown {
  const choice: unknown = Array.isArray(value.choices) ? value.choices[0] : undefined;
  return isRecord(choice) ? choice.delta : undefined;
}

/**
 * The simplest SSE dialect: each event's data is plain text, a JSON string (`"# Title\n"`, as
 * better-sse and LangServe send it), or a JSON object with its text under a usual key (see
 * {@link simpleText}). Events of any name carry text (`message`, `data`, `token`, `delta`, …),
 * except `error` (a provider error), `end` and `done` (the end of the answer) and heartbeat names.
 * `data: [DONE]` ends the answer too; the end marker is optional, so a clean end of the body is
 * the end as well.
 *
 * Whether the stream is JSON or plain text is decided once, by its first data: a plain-text token
 * such as `{}` or `42` would otherwise be mistaken for JSON, and a broken JSON line for text.
 */
export function createSimpleSseAdapter(): FormatAdapter {
  let mode: 'json' | 'text' | undefined;
  return {
    framing: 'sse',
    format: 'sse',
    record(event: WireRecord): StreamPart[] {
      const name = event.type.toLowerCase();
      if (name === 'error') return [providerError(tryJson(event.data) ?? { message: event.data })];
      if (END_EVENTS.has(name)) return [donePart()];
      if (QUIET_EVENTS.has(name)) return [];
      const data = event.data;
      if (data === '[DONE]') return [donePart()];
      if (mode === undefined) {
        const value = tryJson(data);
        if (value === undefined) mode = 'text';
        else if (simpleText(value) !== undefined || (isRecord(value) && 'error' in value)) mode = 'json';
        else return []; // a JSON value we do not know: ignored, the mode still open
      }
      if (mode === 'text') return data === '' ? [] : [{ type: 'text', text: data }];
      const value = tryJson(data);
      if (value === undefined) return [malformed(data)];
      if (isRecord(value) && value.error !== undefined && value.error !== null) return [providerError(value)];
      const text = simpleText(value);
      return text ? [{ type: 'text', text }] : [];
    },
    end: () => ({ type: 'open' }),
  };
}

function malformed(data: string): StreamPart {
  return {
    type: 'error',
    reason: 'malformed',
    message: 'The chat server sent data that could not be read, so the answer stopped there.',
    code: `not JSON: ${data.length > 60 ? `${data.slice(0, 60)}…` : data}`,
  };
}

/** A JSON object, or undefined when `text` is not one. */
export function tryRecord(text: string): JsonRecord | undefined {
  const value = tryJson(text);
  return isRecord(value) ? value : undefined;
}

/**
 * A JSON object or string, or undefined when `text` is neither: other JSON (numbers, arrays,
 * `true`) is not taken for JSON, so that a plain-text token `42` stays text.
 */
export function tryJson(text: string): JsonRecord | string | undefined {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '"') return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return isRecord(value) || typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
