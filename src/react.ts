/**
 * `llm-stream-chat/react`: `<LlmStreamChat>` for React 17, 18 and 19, made by `@lit/react`.
 * Properties (`endpoint`, `messages`, …) are set as element properties, and every event has a
 * typed prop: `onLlmChatSend`, `onLlmChatDone`, `onLlmChatError`, `onLlmChatStop`, …
 * Importing this module registers `<llm-stream-chat>` (guarded, like `llm-stream-chat/define`).
 * It is safe to import on a server (Next.js): the element renders as its bare tag there.
 *
 * ```tsx
 * import { LlmStreamChat } from 'llm-stream-chat/react';
 * <LlmStreamChat endpoint="/api/chat" onLlmChatDone={(e) => console.log(e.detail.message.content)} />
 * ```
 */
import * as React from 'react';
import { createComponent, type EventName, type ReactWebComponent } from '@lit/react';
import { LlmStreamChat as LlmStreamChatElement } from './define.js';
import { LLM_CHAT_EVENT_NAMES, eventPropName, type EventPropName } from './event-names.js';
import type { LlmChatEventMap } from './events.js';

/** The event props, derived from `LlmChatEventMap`: `onLlmChatDone: (event: CustomEvent<LlmChatDoneDetail>) => void`, … */
export type LlmStreamChatEvents = {
  [K in keyof LlmChatEventMap as EventPropName<K>]: EventName<LlmChatEventMap[K]>;
};

const events = Object.fromEntries(
  LLM_CHAT_EVENT_NAMES.map((name) => [eventPropName(name), name]),
) as LlmStreamChatEvents;

/** The React component for `<llm-stream-chat>`; a `ref` gives the element itself. */
export const LlmStreamChat: ReactWebComponent<LlmStreamChatElement, LlmStreamChatEvents> = createComponent({
  react: React,
  tagName: 'llm-stream-chat',
  elementClass: LlmStreamChatElement,
  events,
  displayName: 'LlmStreamChat',
});

/** The props `<LlmStreamChat>` accepts. */
export type LlmStreamChatProps = React.ComponentProps<typeof LlmStreamChat>;

export type * from './events.js';
