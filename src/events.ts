import type { StreamTiming } from './core/chat-stream.js';
import type { ChatErrorReason } from './core/errors.js';
import type { ChatMessage, MessageFeedback } from './core/messages.js';

/**
 * `llm-chat-send`: the user is sending `text` (from the composer; `send()` called by code does
 * not fire it). Cancelable: `preventDefault()` keeps it unsent and the text stays in the input.
 * `messages` is the conversation before the new message.
 */
export interface LlmChatSendDetail {
  text: string;
  messages: readonly ChatMessage[];
}

/**
 * `llm-chat-delta`: answer text arrived. Fired at most once per animation frame, however fast
 * tokens come, and once more with the rest of the text just before the answer ends (possibly in
 * the same frame): the deltas of an answer add up to its final text. `delta` is the text added
 * since the previous `llm-chat-delta` of this answer; `message.content` is the whole text so far.
 */
export interface LlmChatDeltaDetail {
  message: ChatMessage;
  delta: string;
}

/** `llm-chat-done`: an answer finished. */
export interface LlmChatDoneDetail {
  message: ChatMessage;
  /** Time to first byte and to first text, duration (ms), characters per second, reconnects. */
  timing: StreamTiming;
}

/** `llm-chat-error`: a request or stream failed; `message` is the human text the UI shows. */
export interface LlmChatErrorDetail {
  reason: ChatErrorReason;
  message: string;
  status?: number;
  chatMessage: ChatMessage;
  /**
   * Technical detail for the developer, never shown in the bubble: what a `prepareRequest` hook
   * threw, why a request was refused (reason `configuration`).
   */
  detail?: string;
  /** The first bytes the server sent (at most 1 KB), when they explain the failure (`empty`, `malformed`). */
  received?: string;
}

/** `llm-chat-stop`: the user (or `stop()`) stopped an answer; its partial text is kept. */
export interface LlmChatStopDetail {
  message: ChatMessage;
}

/**
 * `llm-chat-feedback`: the user rated an answer (the `feedback` attribute's buttons), changed or
 * withdrew the rating (`value` undefined), or sent the optional comment. `message` has the new
 * `feedback`; `messageId` is its id.
 */
export interface LlmChatFeedbackDetail {
  messageId: string;
  value: MessageFeedback['value'] | undefined;
  comment?: string;
  message: ChatMessage;
}

/** `llm-chat-action`: the user pressed one of the host's `actions` on a message. */
export interface LlmChatActionDetail {
  /** The `id` of the action, as given in `actions`. */
  action: string;
  messageId: string;
  message: ChatMessage;
}

export interface LlmChatEventMap {
  'llm-chat-send': CustomEvent<LlmChatSendDetail>;
  'llm-chat-delta': CustomEvent<LlmChatDeltaDetail>;
  'llm-chat-done': CustomEvent<LlmChatDoneDetail>;
  'llm-chat-error': CustomEvent<LlmChatErrorDetail>;
  'llm-chat-stop': CustomEvent<LlmChatStopDetail>;
  'llm-chat-feedback': CustomEvent<LlmChatFeedbackDetail>;
  'llm-chat-action': CustomEvent<LlmChatActionDetail>;
}

/** Builds one of our events: bubbling and composed, so it crosses shadow roots. Only cancelable when asked. */
export function createChatEvent<K extends keyof LlmChatEventMap>(
  type: K,
  detail: LlmChatEventMap[K]['detail'],
  options: { cancelable?: boolean } = {},
): LlmChatEventMap[K] {
  return new CustomEvent(type, {
    detail,
    bubbles: true,
    composed: true,
    cancelable: options.cancelable ?? false,
  }) as LlmChatEventMap[K];
}

declare global {
  interface GlobalEventHandlersEventMap extends LlmChatEventMap {}
}
