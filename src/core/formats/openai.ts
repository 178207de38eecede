import type { WireRecord } from '../stream-parts.js';
import { donePart, type StreamPart } from '../stream-parts.js';
import { guard, isRecord, parseJsonRecord, providerError } from './json.js';
import { OpenAiChatParts, toStreamParts } from './provider-parts.js';
import type { FormatAdapter } from './types.js';

/**
 * OpenAI Chat Completions chunks, which every OpenAI-compatible server (Ollama's `/v1`, vLLM,
 * LM Studio, llama.cpp) also sends: text in `choices[0].delta.content`, the reason in
 * `finish_reason`, then `data: [DONE]`; an error may arrive as `data: {"error": {…}}`. Reasoning
 * and tool calls become parts (see {@link OpenAiChatParts}).
 */
export function createOpenAiChatAdapter(): FormatAdapter {
  let finishReason: string | undefined;
  const rich = new OpenAiChatParts();
  const finish = () => toStreamParts(rich.finish());
  return {
    framing: 'sse',
    format: 'openai',
    record(event: WireRecord): StreamPart[] {
      if (event.type !== 'message') return [];
      if (event.data === '[DONE]') return [...finish(), donePart(finishReason)];
      return guard(() => {
        const chunk = parseJsonRecord(event.data);
        if (chunk.error !== undefined && chunk.error !== null) {
          return [providerError(chunk, isRecord(chunk.error) ? (chunk.error.code ?? chunk.error.type) : undefined)];
        }
        if (!Array.isArray(chunk.choices)) return []; // a usage-only chunk, say
        // With n > 1 the choices interleave: show the first one only.
        const choice: unknown = chunk.choices.find((c: unknown) => isRecord(c) && (c.index ?? 0) === 0);
        if (!isRecord(choice)) return [];
        const parts: StreamPart[] = isRecord(choice.delta) ? toStreamParts(rich.delta(choice.delta)) : [];
        if (typeof choice.finish_reason === 'string') {
          finishReason = choice.finish_reason;
          parts.push(...finish());
        }
        return parts;
      });
    },
    // Some compatible servers close after the finish reason without `[DONE]`: that is complete.
    end: () => (finishReason !== undefined ? donePart(finishReason) : { type: 'incomplete' }),
    flush: finish,
  };
}
