import type { ServerSentEvent } from '../sse.js';
import type { StreamPart } from '../stream-parts.js';

/**
 * The simplest SSE dialect: each `data:` holds JSON `{"content"}`, `{"text"}` or `{"delta"}`, or
 * plain text; `data: [DONE]` ends the answer.
 */
export function simpleSseParts(event: ServerSentEvent): StreamPart[] {
  if (event.type !== 'message') return [];
  const data = event.data;
  if (data === '[DONE]') return [{ type: 'done' }];
  const json = tryParseJson(data);
  if (json !== undefined && typeof json === 'object' && json !== null) {
    const record = json as Record<string, unknown>;
    for (const key of ['content', 'text', 'delta'] as const) {
      if (typeof record[key] === 'string') return [{ type: 'text', text: record[key] as string }];
    }
    return [];
  }
  return data === '' ? [] : [{ type: 'text', text: data }];
}

function tryParseJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[' && first !== '"') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
