/** `llm-stream-chat`: the element class and its types. No side effects: import `llm-stream-chat/define` to register the tag. */
export { LlmStreamChat } from './llm-stream-chat.js';
export { LlmStreamChatLauncher } from './launcher/llm-stream-chat-launcher.js';
export type * from './events.js';
export type { ChatMessage, ChatRole, MessageFeedback, MessageStatus } from './core/messages.js';
export type { MessageAction } from './features/message-actions.js';
export type { MessagePart } from './core/message-parts.js';
export type { ChatErrorReason } from './core/errors.js';
export { ChatStreamError } from './core/errors.js';
export { defaultStrings } from './i18n.js';
export type { LlmChatStrings, LlmChatStringOverrides } from './i18n.js';
export type { MarkdownPlugin, PluginContext, PluginSpec, PluginStrings } from './core/markdown/plugins.js';
