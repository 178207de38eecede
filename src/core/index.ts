/**
 * `llm-stream-chat/core`: the headless streaming API. No Lit, no DOM: it runs in Node and in
 * browsers, for pages that want the stream without the UI.
 */
export { parseServerSentEvents, SseParser, decodeUtf8 } from './sse.js';
export type { ServerSentEvent, SseParserCallbacks, ParseServerSentEventsOptions } from './sse.js';
export { readTextStream } from './read-text-stream.js';
export type { ReadTextStreamOptions } from './read-text-stream.js';
export type { StreamPart } from './stream-parts.js';
export { buildChatRequest } from './request.js';
export type { ChatRequest } from './request.js';
export { createId, createMessage, toWireMessages } from './messages.js';
export type { ChatMessage, ChatRole, MessageStatus, WireMessage } from './messages.js';
