import type { WireRecord } from '../stream-parts.js';
import { donePart, type StreamPart } from '../stream-parts.js';
import { guard, parseJsonRecord, providerError } from './json.js';
import type { FormatAdapter } from './types.js';

/** Chunk types of the AI SDK UI message stream (used by format detection too). */
const AI_SDK_TYPES = new Set([
  'start',
  'start-step',
  'text-start',
  'text-delta',
  'text-end',
  'finish-step',
  'finish',
  'abort',
  'message-metadata',
  'source-url',
  'source-document',
  'file',
]);

/** Whether a chunk `type` belongs to the AI SDK UI message stream. */
export function isAiSdkType(type: string): boolean {
  return AI_SDK_TYPES.has(type) || /^(?:reasoning|tool|data)-/.test(type);
}

/**
 * The Vercel AI SDK UI message stream (`x-vercel-ai-ui-message-stream: v1`): JSON chunks; text in
 * `text-delta`; `finish` (with an optional `finishReason`) or `data: [DONE]` ends; `error`
 * (`errorText`) reports an error; `abort` means the server aborted: the answer ends there, with
 * the finish reason `abort`. Reasoning, tool and data chunks are not shown.
 */
export function createAiSdkAdapter(): FormatAdapter {
  return {
    framing: 'sse',
    format: 'ai-sdk',
    record(event: WireRecord): StreamPart[] {
      if (event.type !== 'message') return [];
      if (event.data === '[DONE]') return [donePart()];
      return guard(() => {
        const chunk = parseJsonRecord(event.data);
        switch (chunk.type) {
          case 'text-delta':
            return typeof chunk.delta === 'string' && chunk.delta !== '' ? [{ type: 'text', text: chunk.delta }] : [];
          case 'finish':
            return [donePart(typeof chunk.finishReason === 'string' ? chunk.finishReason : undefined)];
          case 'abort':
            return [donePart('abort')];
          case 'error':
            return [providerError(chunk)];
          default:
            return [];
        }
      });
    },
    end: () => ({ type: 'incomplete' }),
  };
}
