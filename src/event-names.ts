import type { LlmChatEventMap } from './events.js';

/**
 * Every event `<llm-stream-chat>` fires, once, for code that needs the names at run time (the
 * React wrapper's event props). The type checker keeps it in step with {@link LlmChatEventMap}
 * in `events.ts`: adding an event there without adding it here, or the reverse, fails `tsc`;
 * and a test checks both against the `@fires` tags of the Custom Elements Manifest.
 */
const EVENTS = {
  'llm-chat-send': true,
  'llm-chat-delta': true,
  'llm-chat-done': true,
  'llm-chat-error': true,
  'llm-chat-stop': true,
  'llm-chat-feedback': true,
  'llm-chat-action': true,
} as const satisfies Record<keyof LlmChatEventMap, true>;

/** The name of one of our events. */
export type LlmChatEventName = keyof LlmChatEventMap & keyof typeof EVENTS;

export const LLM_CHAT_EVENT_NAMES = Object.keys(EVENTS) as LlmChatEventName[];

type PascalCase<S extends string> = S extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<S>;

/** `llm-chat-done` → `onLlmChatDone`: the React prop name of an event. */
export type EventPropName<K extends string> = `on${PascalCase<K>}`;

export function eventPropName<K extends string>(name: K): EventPropName<K> {
  const pascal = name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
  return `on${pascal}` as EventPropName<K>;
}
