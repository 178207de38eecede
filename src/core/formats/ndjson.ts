import type { WireRecord } from '../stream-parts.js';
import { donePart, type StreamPart } from '../stream-parts.js';
import { guard, isRecord, parseJsonRecord, providerError } from './json.js';
import { simpleText } from './simple-sse.js';
import { OllamaParts, toStreamParts } from './provider-parts.js';
import type { FormatAdapter } from './types.js';

/**
 * Newline-delimited JSON, as Ollama sends it: `/api/chat` lines carry `message.content`,
 * `/api/generate` lines `response`; thinking and tool calls become parts (see
 * {@link OllamaParts}); the last line has `"done": true` and
 * `done_reason`; `{"error": "…"}` lines report an error even with status 200. Lines holding
 * `{"content"}`, `{"text"}` or `{"delta"}` work too. Once a line has had a `done` field, the
 * stream must end with `"done": true`.
 */
export function createNdjsonAdapter(): FormatAdapter {
  let hasDoneField = false;
  const rich = new OllamaParts();
  return {
    framing: 'lines',
    format: 'ndjson',
    record(event: WireRecord): StreamPart[] {
      const line = event.data.trim();
      if (line === '') return [];
      return guard(() => {
        const record = parseJsonRecord(line);
        if (record.error !== undefined && record.error !== null) return [providerError(record)];
        const message = isRecord(record.message) ? record.message : undefined;
        const text =
          message && typeof message.content === 'string'
            ? message.content
            : typeof record.response === 'string'
              ? record.response
              : simpleText(record);
        // `/api/generate` has its thinking beside `response`.
        const parts = toStreamParts(rich.message(message ? { ...message, content: text } : { thinking: record.thinking, content: text }));
        if ('done' in record) hasDoneField = true;
        if (record.done === true) {
          parts.push(...toStreamParts(rich.finish()), donePart(typeof record.done_reason === 'string' ? record.done_reason : undefined));
        }
        return parts;
      });
    },
    end: () => (hasDoneField ? { type: 'incomplete' } : { type: 'open' }),
    flush: () => toStreamParts(rich.finish()),
  };
}

/** Plain chunked text (`text/plain`, and the AI SDK's text stream): every byte is answer text. */
export function createTextAdapter(): FormatAdapter {
  return {
    framing: 'text',
    format: 'text',
    record: (record) => (record.data === '' ? [] : [{ type: 'text', text: record.data }]),
    end: () => ({ type: 'open' }),
  };
}
