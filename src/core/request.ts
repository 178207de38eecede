import { toWireMessages, type ChatMessage } from './messages.js';

/** Everything needed to open one answer's stream. */
export interface ChatRequest {
  url: string;
  init: RequestInit;
}

/** Builds the POST that asks `endpoint` for the next answer to `messages`. */
export function buildChatRequest(endpoint: string, messages: readonly ChatMessage[]): ChatRequest {
  return {
    url: endpoint,
    init: {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify({ messages: toWireMessages(messages) }),
    },
  };
}
