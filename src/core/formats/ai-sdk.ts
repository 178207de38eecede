import type { WireRecord } from '../stream-parts.js';
import { donePart, type StreamPart } from '../stream-parts.js';
import { guard, parseJsonRecord, providerError, type JsonRecord } from './json.js';
import type { PartChunk } from './part-chunks.js';
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
 * the finish reason `abort`. Every other chunk (text, reasoning, tools, sources, files, data,
 * steps, metadata) is passed on as it is, for the message's parts; text chunks keep their ids, so
 * text parts split as the server split them.
 */
/** A chunk as the assembler takes it (the AI SDK's own vocabulary, checked there). */
function passOn(chunk: JsonRecord): StreamPart {
  return { type: 'chunk', chunk: chunk as unknown as PartChunk };
}

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
          case 'finish': {
            const reason = typeof chunk.finishReason === 'string' ? chunk.finishReason : undefined;
            // Its metadata, if any, is the message's too.
            return chunk.messageMetadata !== undefined ? [passOn(chunk), donePart(reason)] : [donePart(reason)];
          }
          case 'abort':
            return [donePart('abort')];
          case 'error':
            return [providerError(chunk)];
          default:
            return isAiSdkType(chunk.type as string) ? [passOn(chunk)] : [];
        }
      });
    },
    end: () => ({ type: 'incomplete' }),
  };
}
