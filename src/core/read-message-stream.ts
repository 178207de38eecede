import { ChatStreamError, isInterruption } from './errors.js';
import type { StreamFormat } from './formats/types.js';
import { MessageAssembler } from './message-assembler.js';
import { createId, type ChatMessage, type MessageStatus } from './messages.js';
import { readTextStream } from './read-text-stream.js';

/** Options of {@link readMessageStream}. */
export interface ReadMessageStreamOptions {
  /** The wire format; `auto` (the default) picks one from the Content-Type and the first events. */
  format?: StreamFormat;
  /** Aborts the reading: the last message is `stopped`, with what arrived so far. */
  signal?: AbortSignal;
  /** Milliseconds without a byte after which the answer counts as `interrupted`. */
  idleTimeout?: number;
  /** The id of the message (default: a fresh one). */
  id?: string;
}

/**
 * Reads a chat response, in any format the element speaks, as the assistant {@link ChatMessage}
 * it builds: each value is the message so far (a new object each time, its unchanged parts
 * shared), with `parts` in the AI SDK's UIMessage vocabulary (text, reasoning, tool calls,
 * sources, files, data) and `content` its text. The last value is the final message, with its
 * `status` (`complete`, `stopped`, `interrupted` or `error`, `error` then holding the human
 * message) and `finishReason`. It never throws for a failed stream: the last message says why.
 *
 * ```js
 * for await (const message of readMessageStream(await fetch(url, init), { signal })) render(message);
 * ```
 */
export async function* readMessageStream(response: Response, options: ReadMessageStreamOptions = {}): AsyncGenerator<ChatMessage> {
  const assembler = new MessageAssembler();
  const id = options.id ?? createId();
  let status: MessageStatus = 'waiting';
  let finish: Pick<ChatMessage, 'finishReason' | 'truncated' | 'error'> = {};
  const message = (): ChatMessage => {
    const { content, parts, metadata } = assembler.snapshot();
    return {
      id: assembler.messageId ?? id,
      role: 'assistant',
      content,
      parts,
      status,
      ...(metadata !== undefined ? { metadata } : {}),
      ...finish,
    };
  };
  let last: ReturnType<MessageAssembler['snapshot']> | undefined;
  try {
    for await (const part of readTextStream(response, { format: options.format, signal: options.signal, idleTimeout: options.idleTimeout })) {
      if (part.type === 'text') assembler.appendText(part.text);
      else if (part.type === 'chunk') assembler.apply(part.chunk);
      else if (part.type === 'done') {
        assembler.end(true);
        status = 'complete';
        const finishReason = part.finishReason ?? assembler.finishReason;
        finish = { ...(finishReason ? { finishReason } : {}), ...(part.truncated ? { truncated: true } : {}) };
        break;
      } else {
        assembler.end(false);
        status = part.reason === 'incomplete' ? 'interrupted' : 'error';
        finish = { error: part.message };
        break;
      }
      const snapshot = assembler.snapshot();
      if (snapshot === last) continue;
      last = snapshot;
      status = 'streaming';
      yield message();
    }
  } catch (error) {
    assembler.end(false);
    if (options.signal?.aborted) {
      status = 'stopped';
    } else if (error instanceof ChatStreamError) {
      status = isInterruption(error) ? 'interrupted' : 'error';
      finish = { error: error.message };
    } else {
      status = 'interrupted';
      finish = { error: 'The connection was lost before the answer finished.' };
    }
  }
  if (status === 'waiting' || status === 'streaming') {
    // The body ended with no end part (a reader that stopped early): what arrived is all there is.
    assembler.end(false);
    status = 'interrupted';
  }
  yield message();
}
