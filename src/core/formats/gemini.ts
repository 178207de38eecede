import type { WireRecord } from '../stream-parts.js';
import { donePart, type StreamPart } from '../stream-parts.js';
import { guard, isRecord, parseJsonRecord, providerError } from './json.js';
import { GeminiParts, toStreamParts } from './provider-parts.js';
import type { FormatAdapter } from './types.js';

/**
 * Google Gemini `streamGenerateContent?alt=sse` (CRLF line endings): each event is a
 * GenerateContentResponse; text in `candidates[0].content.parts[].text`; thought parts, function
 * calls and grounding become parts (see {@link GeminiParts}); the last one carries `finishReason`
 * (there is no `[DONE]`). A blocked prompt comes back as `promptFeedback.blockReason`, an error as
 * `{"error": {…}}`.
 */
export function createGeminiAdapter(): FormatAdapter {
  const rich = new GeminiParts();
  return {
    framing: 'sse',
    format: 'gemini',
    record(event: WireRecord): StreamPart[] {
      if (event.type !== 'message') return [];
      return guard(() => {
        const data = parseJsonRecord(event.data);
        if (isRecord(data.error)) return [providerError(data, data.error.status ?? data.error.code)];
        const candidate: unknown = Array.isArray(data.candidates) ? data.candidates[0] : undefined;
        if (!isRecord(candidate)) {
          const feedback = isRecord(data.promptFeedback) ? data.promptFeedback : {};
          if (typeof feedback.blockReason === 'string') {
            return [providerError({ message: `the prompt was blocked (${feedback.blockReason}).` }, feedback.blockReason)];
          }
          return [];
        }
        const parts: StreamPart[] = toStreamParts(rich.candidate(candidate));
        if (typeof candidate.finishReason === 'string' && candidate.finishReason !== 'FINISH_REASON_UNSPECIFIED') {
          parts.push(...toStreamParts(rich.finish()), donePart(candidate.finishReason));
        }
        return parts;
      });
    },
    end: () => ({ type: 'incomplete' }),
    flush: () => toStreamParts(rich.finish()),
  };
}
