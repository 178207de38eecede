import { partsOfText, textOfParts, type MessagePart } from './message-parts.js';
import { createId, ROLES, STATUSES, type ChatMessage } from './messages.js';

/**
 * Reading a conversation given from outside (the `messages` property, a stored history, an AI SDK
 * `UIMessage[]`) into one the element can show: nothing given there may throw or blank the
 * transcript. Pure: the caller reports the problems (the element warns once per assignment).
 */


/** The conversation as the element keeps it, and what had to be changed or dropped to get it. */
export interface NormalizedMessages {
  messages: ChatMessage[];
  /** One sentence per kind of problem, with how many entries had it. */
  problems: string[];
}

/**
 * Normalizes every entry: an entry that is not an object, or whose role is not `user` or
 * `assistant`, is dropped; a missing or repeated id is replaced by a fresh one (so that Copy and
 * Retry act on the message shown); `content` that is not a string comes from the parts, or from
 * the text of an OpenAI-style content array, or is empty; `parts` that is not an array comes from
 * the content, and parts without a string `type` are dropped; an unknown status is `complete`.
 * Returns the same array, with no problem, when every entry was already well-formed.
 */
export function normalizeMessages(input: unknown): NormalizedMessages {
  const counts = new Map<string, number>();
  const note = (problem: string) => counts.set(problem, (counts.get(problem) ?? 0) + 1);
  if (!Array.isArray(input)) {
    if (input !== undefined && input !== null) note('it is not an array: the conversation is empty');
    return { messages: [], problems: [...counts.keys()] };
  }
  const ids = new Set<string>();
  const messages: ChatMessage[] = [];
  let changed = false;
  for (const entry of input as unknown[]) {
    const message = normalizeMessage(entry, ids, note);
    if (message !== entry) changed = true;
    if (message) messages.push(message);
  }
  const problems = [...counts].map(([problem, count]) =>
    count === 1 ? `1 entry ${problem}` : `${count} entries ${problem}`,
  );
  return { messages: changed ? messages : (input as ChatMessage[]), problems };
}

function normalizeMessage(entry: unknown, ids: Set<string>, note: (problem: string) => void): ChatMessage | undefined {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    note('not a message object (dropped)');
    return undefined;
  }
  const record = entry as Record<string, unknown>;
  if (typeof record.role !== 'string' || !ROLES.has(record.role)) {
    note(`with a role other than "user" or "assistant" (dropped)`);
    return undefined;
  }
  const fixes: Partial<Record<keyof ChatMessage, unknown>> = {};
  let id = record.id;
  if (typeof id !== 'string' || id === '') {
    note('without an id (given a new one)');
    id = fixes.id = createId();
  } else if (ids.has(id)) {
    note('with an id used before (given a new one)');
    id = fixes.id = createId();
  }
  ids.add(id as string);
  let parts: MessagePart[] | undefined;
  if (Array.isArray(record.parts)) {
    parts = record.parts.filter(isPart);
    if (parts.length !== record.parts.length) {
      note('with parts that have no type (dropped)');
      fixes.parts = parts;
    }
  } else if (record.parts !== undefined) {
    note('whose parts are not an array (made from its content)');
  }
  let content = record.content;
  if (typeof content !== 'string') {
    if (content !== undefined || !parts) note('whose content is not a string');
    content = fixes.content = parts ? textOfParts(parts) : textOfContent(content);
  }
  if (!parts) fixes.parts = partsOfText(content as string);
  if (typeof record.status !== 'string' || !STATUSES.has(record.status)) {
    if (record.status !== undefined) note('with an unknown status (made "complete")');
    fixes.status = 'complete';
  }
  if (record.error !== undefined && typeof record.error !== 'string') fixes.error = undefined;
  if (record.finishReason !== undefined && typeof record.finishReason !== 'string') fixes.finishReason = undefined;
  if (record.feedback !== undefined && !isFeedback(record.feedback)) {
    note('with feedback that is not { value: "up" | "down", comment? } (dropped)');
    fixes.feedback = undefined;
  }
  if (Object.keys(fixes).length === 0) return entry as ChatMessage;
  const message = { ...record, ...fixes } as ChatMessage & Record<string, unknown>;
  for (const key of ['error', 'finishReason', 'feedback'] as const) if (message[key] === undefined) delete message[key];
  return message;
}

function isFeedback(feedback: unknown): boolean {
  if (typeof feedback !== 'object' || feedback === null) return false;
  const { value, comment } = feedback as { value?: unknown; comment?: unknown };
  return (value === 'up' || value === 'down') && (comment === undefined || typeof comment === 'string');
}

function isPart(part: unknown): part is MessagePart {
  return typeof part === 'object' && part !== null && typeof (part as { type?: unknown }).type === 'string';
}

/** Text from content that is not a string: an OpenAI-style `[{ type: 'text', text }]`, a number; else nothing. */
function textOfContent(content: unknown): string {
  if (typeof content === 'number' || typeof content === 'boolean') return String(content);
  if (!Array.isArray(content)) return '';
  return content
    .map((item) => (typeof item === 'object' && item !== null ? textField(item as { text?: unknown }) : ''))
    .filter((text) => text !== '')
    .join('\n\n');
}

function textField(item: { text?: unknown }): string {
  return typeof item.text === 'string' ? item.text : '';
}
