import { partsOfText, type MessagePart } from './message-parts.js';

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

/** Every {@link ChatRole}, for reading untrusted input (restored or stored messages). */
export const ROLES: ReadonlySet<string> = new Set<ChatRole>(['user', 'assistant']);

/** Every {@link MessageStatus}, for reading untrusted input (restored or stored messages). */
export const STATUSES: ReadonlySet<string> = new Set<MessageStatus>([
  'complete',
  'waiting',
  'streaming',
  'stopped',
  'interrupted',
  'error',
]);

/** One entry of the conversation, as the `messages` property exposes it. */
export interface ChatMessage {
  id: string;
  role: ChatRole;
  /** The answer's text: its text parts, one paragraph apart. */
  content: string;
  status: MessageStatus;
  /**
   * Everything the message holds, in the AI SDK's UIMessage vocabulary: text, reasoning, tool
   * calls, sources, files, data. Always present on the messages the element gives out; a message
   * given without it is read as one text part holding `content`.
   */
  parts?: MessagePart[];
  /** The answer's metadata, as an AI SDK stream sent it (`messageMetadata`). */
  metadata?: unknown;
  /** The human-readable failure, when `status` is `error` or `interrupted`. */
  error?: string;
  /** Why the model stopped, as the backend said it (`stop`, `length`, …). */
  finishReason?: string;
  /** The model's token limit cut the answer off (`length`, `max_tokens`, `MAX_TOKENS`, …). */
  truncated?: boolean;
  /** The user's rating of an answer (the `feedback` attribute's buttons), kept with the conversation. */
  feedback?: MessageFeedback;
}

/** A rating of an answer: thumbs up or down, and the comment the user added, if any. */
export interface MessageFeedback {
  value: 'up' | 'down';
  comment?: string;
}

/**
 * What a backend receives for each message: the AI SDK's UIMessage fields (`id`, `role`,
 * `parts`), and `content` for backends that only read text.
 */
export interface WireMessage {
  id: string;
  role: ChatRole;
  content: string;
  parts: MessagePart[];
}

let counter = 0;

/** A unique id for a message or request: random where the platform offers it, else a counter. */
export function createId(prefix = 'm'): string {
  const random = globalThis.crypto?.randomUUID?.();
  return random ? `${prefix}-${random}` : `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

/** Creates a message with a fresh id. */
export function createMessage(role: ChatRole, content: string, status: MessageStatus = 'complete'): ChatMessage {
  return { id: createId(), role, content, status, parts: partsOfText(content) };
}

/** A message's parts: its own, or, for a message given without them, one text part of its content. */
export function partsOf(message: ChatMessage): MessagePart[] {
  return Array.isArray(message.parts) ? message.parts : partsOfText(message.content);
}

/** An answer of tool calls or reasoning only is still part of the conversation (its tool results, say). */
function hasNonTextParts(message: ChatMessage): boolean {
  return partsOf(message).some((part) => part.type !== 'text' && part.type !== 'step-start');
}

/**
 * The conversation as a backend should see it: user messages and the assistant answers that
 * produced text or other parts (tool calls, reasoning). Failed or empty placeholders are left out so the model is not confused by them.
 */
export function toWireMessages(messages: readonly ChatMessage[]): WireMessage[] {
  return messages
    .filter((m) => m.role === 'user' || (m.status !== 'error' && (m.content !== '' || hasNonTextParts(m))))
    .map((m) => ({ id: m.id, role: m.role, content: m.content, parts: partsOf(m) }));
}
