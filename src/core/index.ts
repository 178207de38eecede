/**
 * `llm-stream-chat/core`: the headless streaming API. No Lit, no DOM: it runs in Node and in
 * browsers, for pages that want the stream without the UI.
 */
export { parseServerSentEvents, SseParser } from './sse.js';
export type {
  ServerSentEvent,
  ServerSentEventInfo,
  SseParserCallbacks,
  SseParserOptions,
  SseEnd,
  ParseServerSentEventsOptions,
} from './sse.js';
export { decodeUtf8 } from './decode.js';
export type { DecodeUtf8Options } from './decode.js';
export { readTextStream, readBodyParts } from './read-text-stream.js';
export type { ReadTextStreamOptions, ReadBodyOptions, BodyEnd } from './read-text-stream.js';
export { readMessageStream } from './read-message-stream.js';
export type { ReadMessageStreamOptions } from './read-message-stream.js';
export { donePart, isTokenLimit } from './stream-parts.js';
export type { StreamPart, DonePart, StreamErrorReason, WireRecord } from './stream-parts.js';
export { createFormatAdapter, detectSseFormat, isStreamFormat, STREAM_FORMATS } from './formats/index.js';
export type { EndOfStream, FormatAdapter, StreamFormat } from './formats/index.js';
export { streamChat } from './chat-stream.js';
export type { ChatStreamUpdate, StreamChatOptions, StreamTiming } from './chat-stream.js';
export { EventIdTracker } from './event-ids.js';
export { backoffDelay, parseRetryAfter, sleep, browserOnlineStatus } from './backoff.js';
export type { BackoffOptions, OnlineStatus } from './backoff.js';
export { httpError } from './http-errors.js';
export { ChatStreamError, isInterruption } from './errors.js';
export type { ChatErrorReason, ChatStreamErrorOptions } from './errors.js';
export { buildChatRequest, prepareChatRequest, toFetchArguments, ACCEPT } from './request.js';
export type { BuildChatRequestOptions, ChatRequest, PrepareRequest, PrepareRequestContext } from './request.js';
export { createId, createMessage, partsOf, toWireMessages } from './messages.js';
export type { ChatMessage, ChatRole, MessageStatus, WireMessage } from './messages.js';
export { isBusy, patchMessage, settleOrphans } from './transcript.js';
export { normalizeMessages } from './normalize-messages.js';
export type { NormalizedMessages } from './normalize-messages.js';
export { MessageAssembler } from './message-assembler.js';
export type { AssembledMessage, MessageChunk } from './message-assembler.js';
export { isDataPart, isToolPart, partsOfText, textOfParts } from './message-parts.js';
export type {
  DataPart,
  DynamicToolPart,
  FilePart,
  MessagePart,
  PartState,
  ProviderMetadata,
  ReasoningPart,
  SourceDocumentPart,
  SourceUrlPart,
  StaticToolPart,
  StepStartPart,
  TextPart,
  ToolPart,
  ToolState,
} from './message-parts.js';
