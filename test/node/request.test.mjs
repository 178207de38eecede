// Request shapes, hooks and the backoff arithmetic, from the built core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, buildChatRequest, parseRetryAfter, prepareChatRequest, toFetchArguments } from '../../dist/core/index.js';

const messages = [
  { id: '1', role: 'user', content: 'Hi', status: 'complete' },
  { id: '2', role: 'assistant', content: 'Hello', status: 'complete' },
  { id: '3', role: 'assistant', content: '', status: 'error' },
  { id: '4', role: 'user', content: 'Again?', status: 'complete' },
];
const text = (t) => [{ type: 'text', text: t }];
const wire = [
  { id: '1', role: 'user', content: 'Hi', parts: text('Hi') },
  { id: '2', role: 'assistant', content: 'Hello', parts: text('Hello') },
  { id: '4', role: 'user', content: 'Again?', parts: text('Again?') },
];
/** The default body's messages: the AI SDK's UIMessage shape, with `content` beside `parts`. */
const uiMessages = [
  { id: '1', role: 'user', content: 'Hi', parts: [{ type: 'text', text: 'Hi' }] },
  { id: '2', role: 'assistant', content: 'Hello', parts: [{ type: 'text', text: 'Hello' }] },
  { id: '4', role: 'user', content: 'Again?', parts: [{ type: 'text', text: 'Again?' }] },
];
/** What an OpenAI-compatible server gets: no field it does not know. */
const plain = wire.map(({ role, content }) => ({ role, content }));

test('POST by default: JSON { messages: [{ id, role, content, parts }], requestId }, a fresh id each time', () => {
  const a = buildChatRequest({ endpoint: '/api/chat', messages });
  const b = buildChatRequest({ endpoint: '/api/chat', messages });
  assert.equal(a.method, 'POST');
  assert.equal(a.headers['Content-Type'], 'application/json');
  assert.match(a.headers.Accept, /^text\/event-stream/);
  assert.deepEqual(JSON.parse(a.body), { messages: uiMessages, requestId: a.requestId });
  assert.notEqual(a.requestId, b.requestId);
});

test('with a model: { model, messages, stream: true } and nothing else', () => {
  const request = buildChatRequest({ endpoint: 'http://127.0.0.1:11434/v1/chat/completions', messages, model: 'llama3.2' });
  assert.deepEqual(JSON.parse(request.body), { model: 'llama3.2', messages: plain, stream: true });
});

test('GET puts the last user message and the request id in the query', () => {
  const request = buildChatRequest({ endpoint: '/sse?room=1#x', messages, method: 'get', requestId: 'r1', model: 'm' });
  assert.equal(request.method, 'GET');
  assert.equal(request.body, undefined);
  assert.equal(request.headers['Content-Type'], undefined);
  assert.equal(request.url, '/sse?room=1&message=Again%3F&requestId=r1&model=m#x');
});

test('headers override the defaults; credentials pass through to fetch', () => {
  const request = buildChatRequest({
    endpoint: '/api/chat',
    messages,
    headers: { Authorization: 'Bearer t', Accept: 'text/plain' },
    credentials: 'include',
  });
  const [url, init] = toFetchArguments(request, { 'Last-Event-ID': '7' }, new AbortController().signal);
  assert.equal(url, '/api/chat');
  assert.equal(init.credentials, 'include');
  assert.deepEqual(
    { auth: init.headers.Authorization, accept: init.headers.Accept, last: init.headers['Last-Event-ID'] },
    { auth: 'Bearer t', accept: 'text/plain', last: '7' },
  );
});

test('prepareRequest may return a new request or change the one given, and may be async', async () => {
  const request = buildChatRequest({ endpoint: '/api/chat', messages, requestId: 'r' });
  const reshaped = await prepareChatRequest(request, messages, async (req, context) => ({
    ...req,
    url: '/v1/other',
    body: JSON.stringify({ prompt: context.messages.at(-1).content, id: context.requestId }),
  }));
  assert.equal(reshaped.url, '/v1/other');
  assert.deepEqual(JSON.parse(reshaped.body), { prompt: 'Again?', id: 'r' });
  const mutated = await prepareChatRequest(request, messages, (req) => {
    req.headers['X-Tenant'] = 'a';
  });
  assert.equal(mutated.headers['X-Tenant'], 'a');
  assert.equal(request.headers['X-Tenant'], undefined, 'the original is not changed');
});

test('backoff grows exponentially, is capped, and jitters between half and all of it', () => {
  for (const value of [0, 0.5, 0.999]) {
    const random = () => value;
    for (let attempt = 0; attempt < 10; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
      const delay = backoffDelay(attempt, { base: 1000, max: 30_000, random });
      assert.ok(delay >= ceiling / 2 && delay <= ceiling, `attempt ${attempt}: ${delay}`);
    }
  }
  assert.equal(backoffDelay(5, { base: 0, max: 30_000 }), 0, 'retry: 0 means at once');
});

test('Retry-After: seconds or an HTTP date', () => {
  assert.equal(parseRetryAfter('2'), 2000);
  assert.equal(parseRetryAfter(null), undefined);
  assert.equal(parseRetryAfter('soon'), undefined);
  const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now), 0);
});

test('each message goes with its parts as they are (reasoning, tools, sources), and a message without parts with its text as one', () => {
  const parts = [
    { type: 'step-start' },
    { type: 'reasoning', text: 'Think.', state: 'done', providerMetadata: { anthropic: { signature: 's' } } },
    { type: 'tool-weather', toolName: 'weather', toolCallId: 'c1', state: 'output-available', input: { city: 'Paris' }, output: { c: 21 } },
    { type: 'text', text: 'It is 21 °C.', state: 'done' },
    { type: 'source-url', sourceId: 's1', url: 'https://example.com' },
  ];
  const request = buildChatRequest({
    endpoint: '/api/chat',
    messages: [
      { id: 'u', role: 'user', content: 'Weather?', status: 'complete' },
      { id: 'a', role: 'assistant', content: 'It is 21 °C.', status: 'complete', parts },
      { id: 'u2', role: 'user', content: 'Thanks', status: 'complete', parts: [{ type: 'text', text: 'Thanks' }] },
    ],
  });
  assert.deepEqual(JSON.parse(request.body).messages, [
    { id: 'u', role: 'user', content: 'Weather?', parts: [{ type: 'text', text: 'Weather?' }] },
    { id: 'a', role: 'assistant', content: 'It is 21 °C.', parts },
    { id: 'u2', role: 'user', content: 'Thanks', parts: [{ type: 'text', text: 'Thanks' }] },
  ]);
});
