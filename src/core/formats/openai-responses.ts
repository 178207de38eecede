import type { WireRecord } from '../stream-parts.js';
import { donePart, type StreamPart } from '../stream-parts.js';
import { guard, isRecord, parseJsonRecord, providerError } from './json.js';
import { OpenAiResponsesParts, toStreamParts } from './provider-parts.js';
import type { FormatAdapter } from './types.js';

/**
 * OpenAI Responses API events: text in `response.output_text.delta`; the end is
 * `response.completed`, `response.incomplete` (cut off: `incomplete_details.reason`) or
 * `response.failed`; `error` reports an error. Reasoning summaries, function calls, web searches
 * and URL citations become parts (see {@link OpenAiResponsesParts}).
 */
export function createOpenAiResponsesAdapter(): FormatAdapter {
  const rich = new OpenAiResponsesParts();
  return {
    framing: 'sse',
    format: 'openai-responses',
    record(event: WireRecord): StreamPart[] {
      if (event.data === '[DONE]') return [];
      return guard(() => {
        const data = parseJsonRecord(event.data);
        const type = typeof data.type === 'string' ? data.type : event.type;
        const response = isRecord(data.response) ? data.response : {};
        switch (type) {
          case 'response.output_text.delta':
            return typeof data.delta === 'string' && data.delta !== '' ? [{ type: 'text', text: data.delta }] : [];
          case 'response.completed':
            return [donePart(typeof response.status === 'string' ? response.status : 'completed')];
          case 'response.incomplete': {
            const details = isRecord(response.incomplete_details) ? response.incomplete_details : {};
            return [donePart(typeof details.reason === 'string' ? details.reason : 'incomplete')];
          }
          case 'response.failed': {
            const error = isRecord(response.error) ? response.error : {};
            return [providerError(error, error.code)];
          }
          case 'error':
            return [providerError(data, data.code)];
          default:
            return toStreamParts(rich.event(type, data));
        }
      });
    },
    end: () => ({ type: 'incomplete' }),
  };
}
