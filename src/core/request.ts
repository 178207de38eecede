import { createId, toWireMessages, type ChatMessage, type WireMessage } from './messages.js';

/**
 * Everything needed to open one answer's stream: what `fetch()` receives. `prepareRequest` hooks
 * get it and may return a reshaped copy.
 */
export interface ChatRequest {
  url: string;
  method: string;
  /** Plain header names and values; `Last-Event-ID` is added on resumption. */
  headers: Record<string, string>;
  /** The body (a JSON string by default); absent for GET. */
  body?: BodyInit | null;
  credentials?: RequestCredentials;
  /** The client-generated id of this answer, sent so the server can use it as an idempotency key. */
  requestId: string;
}

/** What {@link buildChatRequest} builds from. */
export interface BuildChatRequestOptions {
  endpoint: string;
  /** The conversation so far, ending with the user's message. */
  messages: readonly ChatMessage[];
  /** With a model, the body is `{ model, messages, stream: true }`, as OpenAI-compatible servers expect. */
  model?: string;
  /** `POST` (default) sends JSON; `GET` sends the message in query parameters, like EventSource. */
  method?: string;
  /** Extra headers (an `Authorization`, say); they override the defaults. */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  /** Defaults to a fresh random id. */
  requestId?: string;
}

/** What a `prepareRequest` hook receives besides the request. */
export interface PrepareRequestContext {
  /** The conversation as the default body carries it. */
  messages: WireMessage[];
  requestId: string;
}

/**
 * A hook that reshapes the request for any backend: return a new request (or change the one
 * given and return nothing). It may be async, to fetch a token say. It runs once per answer;
 * resumptions reuse its result.
 */
export type PrepareRequest = (
  request: ChatRequest,
  context: PrepareRequestContext,
) => ChatRequest | void | Promise<ChatRequest | void>;

/** What the element asks for: SSE first, then the other streams it understands. */
export const ACCEPT = 'text/event-stream, application/x-ndjson;q=0.9, text/plain;q=0.8, */*;q=0.5';

/**
 * Builds the request for the next answer to `messages`:
 * - POST (default): JSON `{ messages, requestId }`, each message `{ id, role, content, parts }`
 *   (an AI SDK UIMessage with its text beside it); or, with a model, `{ model, messages, stream:
 *   true }` with `{ role, content }` messages (no extra field: OpenAI rejects unknown ones);
 * - GET: `?message=<the last user text>&requestId=…` (and `&model=…`), like an EventSource URL.
 */
export function buildChatRequest(options: BuildChatRequestOptions): ChatRequest {
  const requestId = options.requestId ?? createId('req');
  const messages = toWireMessages(options.messages);
  const method = (options.method ?? 'POST').toUpperCase();
  const headers: Record<string, string> = { Accept: ACCEPT };
  let url = options.endpoint;
  let body: string | undefined;
  if (method === 'GET' || method === 'HEAD') {
    const last = [...messages].reverse().find((m) => m.role === 'user');
    const query = new URLSearchParams({ message: last?.content ?? '', requestId });
    if (options.model) query.set('model', options.model);
    url = appendQuery(url, query.toString());
  } else {
    headers['Content-Type'] = 'application/json';
    // OpenAI-compatible servers reject fields they do not know: only `role` and `content` there.
    body = JSON.stringify(
      options.model
        ? { model: options.model, messages: messages.map(({ role, content }) => ({ role, content })), stream: true }
        : { messages, requestId },
    );
  }
  Object.assign(headers, options.headers);
  return {
    url,
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    requestId,
  };
}

/** Runs a `prepareRequest` hook, if any, on a copy of the request. */
export async function prepareChatRequest(
  request: ChatRequest,
  messages: readonly ChatMessage[],
  hook?: PrepareRequest,
): Promise<ChatRequest> {
  if (!hook) return request;
  const draft: ChatRequest = { ...request, headers: { ...request.headers } };
  const result = await hook(draft, { messages: toWireMessages(messages), requestId: request.requestId });
  return result ?? draft;
}

/**
 * What is wrong with a request (as a `prepareRequest` hook may return it), or undefined: it must
 * be an object with a non-empty `url` and `method`, and headers `fetch` accepts. The answer names
 * the problem but never a header's value, which may be a secret.
 */
export function checkChatRequest(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null) return `the request is ${request === null ? 'null' : typeof request}, not an object`;
  const { url, method, headers } = request as Partial<Record<keyof ChatRequest, unknown>>;
  if (typeof url !== 'string' || url.trim() === '') return 'the request has no url';
  if (typeof method !== 'string' || method.trim() === '') return 'the request has no method';
  if (headers !== undefined && (typeof headers !== 'object' || headers === null)) return 'the request headers are not an object';
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    try {
      new Headers([[name, String(value)]]);
    } catch {
      return `the header "${name.slice(0, 100)}" has a name or value that fetch refuses (a line break, say)`;
    }
  }
  return undefined;
}

/** The `fetch()` arguments for a request, with extra headers (`Last-Event-ID`) and a signal. */
export function toFetchArguments(
  request: ChatRequest,
  extraHeaders: Record<string, string>,
  signal: AbortSignal,
): [string, RequestInit] {
  const init: RequestInit = {
    method: request.method,
    headers: { ...request.headers, ...extraHeaders },
    signal,
    cache: 'no-store',
  };
  if (request.body !== undefined && request.body !== null) init.body = request.body;
  if (request.credentials) init.credentials = request.credentials;
  return [request.url, init];
}

function appendQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${query}${fragment}`;
}

/** The request settings of `<llm-stream-chat>`, as its attributes and properties hold them. */
export interface ChatRequestConfig {
  endpoint: string;
  model: string;
  method: string;
  headers: Record<string, string>;
  credentials: RequestCredentials | undefined;
  prepareRequest: PrepareRequest | undefined;
}

/**
 * The request for the next answer to `history`: built from the element's settings, and passed
 * through its `prepareRequest` hook (once, lazily) when it has one.
 */
export function requestForAnswer(
  config: ChatRequestConfig,
  history: readonly ChatMessage[],
): ChatRequest | (() => Promise<ChatRequest>) {
  const request = buildChatRequest({
    endpoint: config.endpoint,
    messages: history,
    model: config.model || undefined,
    method: config.method || 'POST',
    headers: config.headers,
    credentials: config.credentials || undefined,
  });
  const hook = config.prepareRequest;
  return hook ? () => prepareChatRequest(request, history, hook) : request;
}
