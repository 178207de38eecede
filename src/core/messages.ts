/** Who wrote a message. */
export type ChatRole = 'user' | 'assistant';

/**
 * Where a message stands:
 * - `complete`: finished normally (every user message is complete);
 * - `waiting`: sent, no answer text yet;
 * - `streaming`: answer text is arriving;
 * - `stopped`: the user stopped it; the partial text is kept;
 * - `interrupted`: the connection dropped, or the stream was cut off mid-event, and could not
 *   resume; the partial text is kept;
 * - `error`: the request failed; `error` holds the human message.
 */
export type MessageStatus = 'complete' | 'waiting' | 'streaming' | 'stopped' | 'interrupted' | 'error';

/** One entry of the conversation, as the `messages` property exposes it. */
export interface ChatMessage {
  id: string;
  role: ChatRole;
  content: string;
  status: MessageStatus;
  /** The human-readable failure, when `status` is `error` or `interrupted`. */
  error?: string;
  /** Why the model stopped, as the backend said it (`stop`, `length`, …). */
  finishReason?: string;
  /** The model's token limit cut the answer off (`length`, `max_tokens`, `MAX_TOKENS`, …). */
  truncated?: boolean;
}

/** One part of a sent message, in the AI SDK's UIMessage shape (text only, for now). */
export interface WirePart {
  type: 'text';
  text: string;
}

/**
 * A message as a backend receives it: `content` for handlers that read plain text, `parts` for
 * the AI SDK's `convertToModelMessages` (its UIMessage shape), and the message `id`.
 */
export interface WireMessage {
  id: string;
  role: ChatRole;
  content: string;
  parts: WirePart[];
}

let counter = 0;

/** A unique id for a message or request: random where the platform offers it, else a counter. */
export function createId(prefix = 'm'): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ? `${prefix}-${random}` : `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

/** Creates a message with a fresh id. */
export function createMessage(role: ChatRole, content: string, status: MessageStatus = 'complete'): ChatMessage {
  return { id: createId(), role, content, status };
}

/**
 * The conversation as a backend should see it: user messages and the assistant answers that
 * produced text. Failed or empty placeholders are left out so the model is not confused by them.
 */
export function toWireMessages(messages: readonly ChatMessage[]): WireMessage[] {
  return messages
    .filter((m) => m.role === 'user' || (m.content !== '' && m.status !== 'error'))
    .map((m) => ({ id: m.id, role: m.role, content: m.content, parts: wireParts(m) }));
}

/** A message's parts as sent. Once messages carry their own `parts`, this returns those. */
function wireParts(message: ChatMessage): WirePart[] {
  return [{ type: 'text', text: message.content }];
}
