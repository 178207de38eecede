import { parseServerSentEvents } from './sse.js';
import { simpleSseParts } from './formats/simple-sse.js';
import type { StreamPart } from './stream-parts.js';

/** Options for {@link readTextStream}. */
export interface ReadTextStreamOptions {
  signal?: AbortSignal;
}

/**
 * Reads a streaming chat response as {@link StreamPart}s. The body must be `text/event-stream`.
 */
export async function* readTextStream(
  response: Response,
  options: ReadTextStreamOptions = {},
): AsyncGenerator<StreamPart> {
  if (!response.body) return;
  for await (const event of parseServerSentEvents(response.body, { signal: options.signal })) {
    yield* simpleSseParts(event);
  }
}
