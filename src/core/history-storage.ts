import type { ChatMessage, ChatRole, MessageStatus } from './messages.js';

/**
 * Saving a conversation in Web Storage and reading it back. Pure logic: the storage is passed
 * in, nothing touches `localStorage` at import time, and every storage call is guarded (Safari
 * private mode and sandboxed iframes throw; a full quota throws on write).
 */

/** The part of `Storage` this module uses, so tests can pass a plain object. */
export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const FORMAT_VERSION = 1;
const ROLES: ReadonlySet<string> = new Set<ChatRole>(['user', 'assistant']);
const STATUSES: ReadonlySet<string> = new Set<MessageStatus>([
  'complete',
  'waiting',
  'streaming',
  'stopped',
  'interrupted',
  'error',
]);

/** `localStorage`, or undefined where it is missing or access to it throws. */
export function defaultHistoryStorage(): HistoryStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * A conversation as it may be shown after a reload: an answer that was still waiting or
 * streaming can no longer finish, so it becomes `interrupted` (its partial text is kept).
 * Returns the same array when nothing needed to change.
 */
export function settleMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  let changed = false;
  const settled = messages.map((message) => {
    if (message.status !== 'waiting' && message.status !== 'streaming') return message;
    changed = true;
    return { ...message, status: 'interrupted' as const };
  });
  return changed ? settled : (messages as ChatMessage[]);
}

/** The stored form: a versioned envelope, so a later format can migrate older entries. */
export function serializeHistory(messages: readonly ChatMessage[]): string {
  return JSON.stringify({ version: FORMAT_VERSION, messages });
}

/**
 * Reads a stored conversation. Entries that are not messages are dropped; anything that is not
 * a stored conversation at all gives undefined. The result is settled (see `settleMessages`).
 */
export function parseHistory(text: string | null | undefined): ChatMessage[] | undefined {
  if (!text) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data) || data.version !== FORMAT_VERSION || !Array.isArray(data.messages)) return undefined;
  const messages: ChatMessage[] = [];
  for (const entry of data.messages) {
    const message = toMessage(entry);
    if (message) messages.push(message);
  }
  return settleMessages(messages);
}

/** Loads the conversation stored under `key`, or undefined when there is none. */
export function loadHistory(storage: HistoryStorage | undefined, key: string): ChatMessage[] | undefined {
  if (!storage || !key) return undefined;
  try {
    return parseHistory(storage.getItem(key));
  } catch {
    return undefined;
  }
}

/**
 * Stores `messages` under `key` (an empty conversation removes the entry). Returns false when
 * the storage refused (no storage, quota exceeded, access denied).
 */
export function saveHistory(storage: HistoryStorage | undefined, key: string, messages: readonly ChatMessage[]): boolean {
  if (!storage || !key) return false;
  try {
    if (messages.length === 0) storage.removeItem(key);
    else storage.setItem(key, serializeHistory(messages));
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toMessage(entry: unknown): ChatMessage | undefined {
  if (!isRecord(entry)) return undefined;
  const { id, role, content, status, error, finishReason } = entry;
  if (typeof id !== 'string' || id === '' || typeof content !== 'string') return undefined;
  if (typeof role !== 'string' || !ROLES.has(role)) return undefined;
  // Fields this version does not know are kept, so a newer writer's data survives a round trip.
  const message = {
    ...entry,
    id,
    role: role as ChatRole,
    content,
    status: typeof status === 'string' && STATUSES.has(status) ? (status as MessageStatus) : 'complete',
  } as ChatMessage;
  if (error !== undefined && typeof error !== 'string') delete message.error;
  if (finishReason !== undefined && typeof finishReason !== 'string') delete message.finishReason;
  return message;
}
