import { ROLES, STATUSES, type ChatMessage, type ChatRole, type MessageStatus } from './messages.js';

/**
 * Saving a conversation in Web Storage and reading it back. Pure logic: the storage is passed
 * in, nothing touches `localStorage` at import time, and every storage call is guarded (Safari
 * private mode and sandboxed iframes throw; a full quota throws on write).
 */

/** The part of `Storage` this module uses, so tests can pass a plain object. */
export type HistoryStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const FORMAT_VERSION = 1;

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
  const messages = parseEntries(text);
  return messages && settleMessages(messages);
}

function parseEntries(text: string | null | undefined): ChatMessage[] | undefined {
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
  return messages;
}

/**
 * The key of the `n`-th piece of text appended to a streaming answer since the conversation was
 * last stored whole (see `HistoryWriter`).
 */
export function historyPieceKey(key: string, n: number): string {
  return `${key}::piece${n}`;
}

/**
 * Loads the conversation stored under `key`, or undefined when there is none: the whole
 * conversation, then the pieces appended to a streaming answer after it (see `HistoryWriter`),
 * each applied only where it continues the text exactly.
 */
export function loadHistory(storage: HistoryStorage | undefined, key: string): ChatMessage[] | undefined {
  if (!storage || !key) return undefined;
  try {
    const messages = parseEntries(storage.getItem(key));
    if (!messages) return undefined;
    for (let n = 0; ; n++) {
      const piece = parsePiece(storage.getItem(historyPieceKey(key, n)));
      if (!piece) break;
      const index = messages.findIndex((message) => message.id === piece.id);
      const message = messages[index];
      if (!message || message.content.length !== piece.at) break;
      messages[index] = { ...message, content: message.content + piece.text };
    }
    return settleMessages(messages);
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
    removePieces(storage, key);
    return true;
  } catch {
    return false;
  }
}

/** Removes the pieces stored after the whole conversation under `key`. */
function removePieces(storage: HistoryStorage, key: string): void {
  for (let n = 0; storage.getItem(historyPieceKey(key, n)) !== null; n++) storage.removeItem(historyPieceKey(key, n));
}

interface Piece {
  id: string;
  at: number;
  text: string;
}

function parsePiece(text: string | null): Piece | undefined {
  if (!text) return undefined;
  try {
    const data: unknown = JSON.parse(text);
    if (!isRecord(data) || typeof data.id !== 'string' || typeof data.at !== 'number' || typeof data.text !== 'string') return undefined;
    return { id: data.id, at: data.at, text: data.text };
  } catch {
    return undefined;
  }
}

/**
 * Saves a conversation again and again while an answer streams into it, in time proportional to
 * what changed: when only the streaming answer's text grew since the last save (every other
 * message the same object, the answer's other fields the same), only the new text is written, as
 * one more small entry (`historyPieceKey`), instead of serializing the whole conversation. Any
 * other change stores the whole conversation and drops the pieces. `loadHistory` reads both.
 */
export class HistoryWriter {
  /** The messages as last stored (whole, or with pieces after). */
  private stored: readonly ChatMessage[] = [];
  /** How much of the last message's text is stored, and how many pieces hold it. */
  private storedLength = 0;
  private pieces = 0;

  constructor(
    private readonly storage: HistoryStorage | undefined,
    private readonly key: string,
  ) {}

  /** Stores `messages`; returns false when the storage refused. */
  save(messages: readonly ChatMessage[]): boolean {
    if (!this.storage || !this.key) return false;
    if (!this.onlyTextGrew(messages)) return this.saveWhole(messages);
    const last = messages[messages.length - 1]!;
    if (last.content.length === this.storedLength) {
      this.stored = messages;
      return true;
    }
    const piece: Piece = { id: last.id, at: this.storedLength, text: last.content.slice(this.storedLength) };
    try {
      this.storage.setItem(historyPieceKey(this.key, this.pieces), JSON.stringify(piece));
    } catch {
      // Refused (a full quota): the next save tries the whole conversation again.
      this.stored = [];
      return false;
    }
    this.pieces++;
    this.storedLength = last.content.length;
    this.stored = messages;
    return true;
  }

  private saveWhole(messages: readonly ChatMessage[]): boolean {
    const saved = saveHistory(this.storage, this.key, messages);
    this.stored = saved ? messages : [];
    this.storedLength = messages[messages.length - 1]?.content.length ?? 0;
    this.pieces = 0;
    return saved;
  }

  /** Whether `messages` differs from what is stored only by text added to its last message. */
  private onlyTextGrew(messages: readonly ChatMessage[]): boolean {
    const stored = this.stored;
    const n = messages.length;
    if (n === 0 || n !== stored.length) return false;
    for (let i = 0; i < n - 1; i++) if (messages[i] !== stored[i]) return false;
    const last = messages[n - 1]!;
    const before = stored[n - 1]!;
    if (last === before) return true;
    if (last.id !== before.id || last.status !== 'streaming' || !last.content.startsWith(before.content)) return false;
    const keys = Object.keys(last);
    if (keys.length !== Object.keys(before).length) return false;
    return keys.every((name) => name === 'content' || last[name as keyof ChatMessage] === before[name as keyof ChatMessage]);
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
