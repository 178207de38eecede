import type { WireRecord } from '../stream-parts.js';
import { donePart, type StreamPart } from '../stream-parts.js';
import { guard, isRecord, parseJsonRecord, providerError } from './json.js';
import { AnthropicParts, toStreamParts } from './provider-parts.js';
import type { FormatAdapter } from './types.js';

/** The event names of Anthropic's Messages stream (used by format detection too). */
export const ANTHROPIC_EVENTS = new Set([
  'message_start',
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
  'ping',
]);

/**
 * Anthropic Messages events: text in `content_block_delta` events whose delta is a
 * `text_delta`; thinking, tool use, web search results and citations become parts (see
 * {@link AnthropicParts}); `message_delta` carries the `stop_reason`; `message_stop` ends;
 * `error` reports an error; `ping` is ignored.
 */
export function createAnthropicAdapter(): FormatAdapter {
  let stopReason: string | undefined;
  const rich = new AnthropicParts();
  return {
    framing: 'sse',
    format: 'anthropic',
    record(event: WireRecord): StreamPart[] {
      return guard(() => {
        if (event.type === 'ping') return [];
        const data = parseJsonRecord(event.data);
        const type = typeof data.type === 'string' ? data.type : event.type;
        switch (type) {
          case 'content_block_delta': {
            const delta = isRecord(data.delta) ? data.delta : {};
            if (delta.type !== 'text_delta') return toStreamParts(rich.event(type, data));
            return typeof delta.text === 'string' && delta.text !== '' ? [{ type: 'text', text: delta.text }] : [];
          }
          case 'content_block_start':
          case 'content_block_stop':
            return toStreamParts(rich.event(type, data));
          case 'message_delta': {
            const delta = isRecord(data.delta) ? data.delta : {};
            if (typeof delta.stop_reason === 'string') stopReason = delta.stop_reason;
            return [];
          }
          case 'message_stop':
            return [...toStreamParts(rich.finish()), donePart(stopReason)];
          case 'error': {
            const error = isRecord(data.error) ? data.error : data;
            return [providerError(error, error.type)];
          }
          default:
            return [];
        }
      });
    },
    end: () => ({ type: 'incomplete' }),
    flush: () => toStreamParts(rich.finish()),
  };
}
