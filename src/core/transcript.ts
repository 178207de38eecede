import type { ChatMessage } from './messages.js';

/**
 * Pure operations on the conversation as the element keeps it: an immutable array of messages,
 * replaced (never mutated) on every change so that Lit sees each one.
 */

/** Whether a message's answer is still on its way. */
export function isBusy(message: ChatMessage): boolean {
  return message.status === 'waiting' || message.status === 'streaming';
}

/** Replaces the message `id` with a patched copy; `updated` is that copy, if the id was found. */
export function patchMessage(
  messages: readonly ChatMessage[],
  id: string,
  patch: Partial<ChatMessage>,
): { messages: ChatMessage[]; updated?: ChatMessage } {
  let updated: ChatMessage | undefined;
  const next = messages.map((message) => {
    if (message.id !== id) return message;
    updated = { ...message, ...patch };
    return updated;
  });
  return { messages: next, updated };
}

/**
 * Settles every answer that is still `waiting` or `streaming` but that no stream will finish
 * (all but `pendingId`) as `interrupted`: a conversation restored mid-answer, say. Returns the
 * same array when there was nothing to settle.
 */
export function settleOrphans(messages: ChatMessage[], pendingId: string | undefined): ChatMessage[] {
  if (!messages.some((message) => message.id !== pendingId && isBusy(message))) return messages;
  return messages.map((message) =>
    message.id === pendingId || !isBusy(message) ? message : { ...message, status: 'interrupted' as const },
  );
}
