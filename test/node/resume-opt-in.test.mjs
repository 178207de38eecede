// Resuming is opt-in (Chat-Resumable: true), capped, and never appends an answer started over;
// an answer with no text is an error that says what arrived; a broken request set-up is a
// configuration error that sends nothing. All against real loopback servers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChatRequest, streamChat, ChatStreamError } from '../../dist/core/index.js';
import { startServer } from './server.mjs';

let server;
before(async () => (server = await startServer()));
after(() => server.close());

const resumable = { 'Chat-Resumable': 'true' };

function request(endpoint, extra = {}) {
  return buildChatRequest({
    endpoint,
    messages: [{ id: 'u', role: 'user', content: 'Hi', status: 'complete' }],
    ...extra,
  });
}

async function run(req, options = {}) {
  let text = '';
  const updates = [];
  try {
    for await (const update of streamChat(req, { retryDelay: 0, idleTimeout: 5000, ...options })) {
      updates.push(update);
      if (update.type === 'text') text += update.text;
    }
    return { text, updates, done: updates.at(-1) };
  } catch (error) {
    return { text, updates, error };
  }
}

const withIds = (texts, first = 1) =>
  texts.map((t, i) => `id: ${first + i}\ndata: ${JSON.stringify({ content: t })}\n\n`).join('');

describe('without Chat-Resumable, ids never cause a re-send', () => {
  test('ids on every event, no [DONE], a clean close: complete, one request (Hono streamSSE)', async () => {
    const { url, log } = server.script({ chunks: [{ text: withIds(['Hel', 'lo']) }] });
    const { text, done, error } = await run(request(url));
    assert.equal(error, undefined, error?.message);
    assert.equal(text, 'Hello');
    assert.equal(done.type, 'done');
    assert.equal(log().requests.length, 1);
  });

  test('ids, then a dropped connection: the error, one request', async () => {
    const { url, log } = server.script({ chunks: [{ text: withIds(['Hel', 'lo']) }], destroy: true });
    const { text, error } = await run(request(url));
    assert.equal(text, 'Hello');
    assert.equal(error?.reason, 'network');
    assert.equal(log().requests.length, 1);
  });

  test('ids, then an end inside an event: incomplete, one request', async () => {
    const { url, log } = server.script({ chunks: [{ text: withIds(['Hel', 'lo']) + 'id: 3\ndata: {"con' }] });
    const { error } = await run(request(url));
    assert.equal(error?.reason, 'incomplete');
    assert.equal(log().requests.length, 1);
  });

  test('the demo backend with resumable=0, dropped mid-answer: an error, not a resume', async () => {
    const { error, updates } = await run(request(`${server.base}/api/chat?resumable=0&dropAfter=3`));
    assert.ok(error instanceof ChatStreamError);
    assert.equal(updates.filter((u) => u.type === 'reconnecting').length, 0);
  });

  test('the header is read in any case: chat-resumable: TRUE resumes', async () => {
    const { url, log } = server.script(
      { headers: { 'chat-resumable': 'TRUE' }, chunks: [{ text: withIds(['Hel']) }], destroy: true },
      { headers: { 'chat-resumable': 'TRUE' }, chunks: [{ text: withIds(['lo'], 2) + 'data: [DONE]\n\n' }] },
    );
    const { text, error } = await run(request(url));
    assert.equal(error, undefined, error?.message);
    assert.equal(text, 'Hello');
    assert.equal(log().requests.length, 2);
    assert.equal(log().requests[1].headers['last-event-id'], '1');
  });
});

describe('with Chat-Resumable', () => {
  test('a clean end without the end marker is a drop, resumed after the last id', async () => {
    const { url, log } = server.script(
      { headers: resumable, chunks: [{ text: withIds(['Hel']) }] },
      { headers: resumable, chunks: [{ text: withIds(['lo'], 2) + 'data: [DONE]\n\n' }] },
    );
    const { text, error } = await run(request(url));
    assert.equal(error, undefined, error?.message);
    assert.equal(text, 'Hello');
    assert.equal(log().requests.length, 2);
  });

  test('retries and reconnections of one answer stop at three times max-retries, even with progress', async () => {
    // Every connection brings a new id, then drops: progress each time, so only the hard cap stops it.
    const responses = Array.from({ length: 40 }, (_, i) => ({
      headers: resumable,
      chunks: [{ text: withIds([String(i)], i + 1) }],
      destroy: true,
    }));
    const { url, log } = server.script(...responses);
    const { error, updates } = await run(request(url), { maxRetries: 2 });
    assert.ok(error instanceof ChatStreamError);
    assert.equal(updates.filter((u) => u.type === 'reconnecting').length, 6);
    assert.equal(log().requests.length, 7, 'the first request and six reconnections');
  });

  test('a reconnection whose ids restart over other text is never appended', async () => {
    const { url, log } = server.script(
      { headers: resumable, chunks: [{ text: withIds(['first ', 'answer ']) }], destroy: true },
      { headers: resumable, chunks: [{ text: withIds(['another ', 'one']) + 'data: [DONE]\n\n' }] },
    );
    const { text, error } = await run(request(url));
    assert.equal(text, 'first answer ');
    assert.equal(error?.reason, 'incomplete');
    assert.match(error.message, /started the answer over/);
    assert.equal(log().requests.length, 2, 'no third request after a restart');
  });

  test('a reconnection with new ids that repeats the text already shown is never appended', async () => {
    const start = ['The quick brown fox ', 'jumps over the lazy dog, ', 'and then '];
    const { url } = server.script(
      { headers: resumable, chunks: [{ text: withIds(start) }], destroy: true },
      { headers: resumable, chunks: [{ text: withIds([...start, 'sleeps.'], 100) + 'data: [DONE]\n\n' }] },
    );
    const { text, error } = await run(request(url));
    assert.equal(text, start.join(''));
    assert.equal(error?.reason, 'incomplete');
  });

  test('a faithful replay from the first id is skipped, and the rest appended once', async () => {
    const { url } = server.script(
      { headers: resumable, chunks: [{ text: withIds(['one ', 'two ']) }], destroy: true },
      { headers: resumable, chunks: [{ text: withIds(['one ', 'two ', 'three']) + 'data: [DONE]\n\n' }] },
    );
    const { text, error } = await run(request(url));
    assert.equal(error, undefined, error?.message);
    assert.equal(text, 'one two three');
  });
});

describe('no silent empty answer', () => {
  const sse = (text) => ({ chunks: [{ text }] });
  for (const [name, response, pattern] of [
    [
      '42 events named token without text',
      sse('event: token\ndata: {}\n\n'.repeat(42)),
      /sent 42 events named `token`, but none held text/,
    ],
    ['only [DONE]', sse('data: [DONE]\n\n'), /sent 1 event named `message`, but none held text/],
    [
      'events of two names',
      sse('event: a\ndata: {}\n\nevent: b\ndata: {}\n\nevent: b\ndata: {}\n\n'),
      /3 events \(1 named `a`, 2 named `b`\)/,
    ],
    ['an empty body', sse(''), /without sending anything/],
    ['comments only', sse(': keep-alive\n\n'), /characters, but no event/],
    [
      'NDJSON lines without text',
      { headers: { 'Content-Type': 'application/x-ndjson' }, chunks: [{ text: '{"a":1}\n{"b":2}\n' }] },
      /2 JSON lines, but none held text/,
    ],
    [
      'a JSON document without text',
      { headers: { 'Content-Type': 'application/json' }, chunks: [{ text: '{"result":{"answer":"hidden"}}' }] },
      /a JSON document, but it held no text/,
    ],
    ['204 No Content', { status: 204 }, /without sending anything/],
  ]) {
    test(`${name}: error, reason empty, saying what arrived`, async () => {
      const { url } = server.script(response);
      const { error } = await run(request(url));
      assert.ok(error instanceof ChatStreamError, `expected an error, got ${error}`);
      assert.equal(error.reason, 'empty');
      assert.match(error.message, pattern);
    });
  }

  test('the first bytes (at most 1 KB) go to the error', async () => {
    const body = 'event: token\ndata: {}\n\n'.repeat(100);
    const { url } = server.script(sse(body));
    const { error } = await run(request(url));
    assert.equal(error.received, body.slice(0, 1024));
  });
});

describe('a broken request set-up is a configuration error, and nothing is sent', () => {
  test('prepareRequest throws: a generic sentence; its text only in detail', async () => {
    const { url, log } = server.script({ chunks: [{ text: 'data: hi\n\n' }] });
    const { error } = await run(async () => {
      throw new Error('token sk-SECRET expired');
    });
    assert.equal(error.reason, 'configuration');
    assert.doesNotMatch(error.message, /SECRET/);
    assert.match(error.detail, /prepareRequest threw Error: token sk-SECRET expired/);
    assert.equal(log().requests.length, 0);
    void url;
  });

  for (const [name, value, detail] of [
    ['{}', {}, /no url/],
    ['null', null, /null/],
    ['no method', { url: '/x', headers: {} }, /no method/],
  ]) {
    test(`prepareRequest returns ${name}: configuration, nothing fetched`, async () => {
      let fetched = 0;
      const { error } = await run(async () => value, {
        fetch: async () => {
          fetched++;
          return new Response('data: x\n\n', { headers: { 'Content-Type': 'text/event-stream' } });
        },
      });
      assert.equal(error.reason, 'configuration');
      assert.match(error.detail, detail);
      assert.equal(fetched, 0);
    });
  }

  test('a header value fetch refuses (a line break): configuration, never "could not reach", nothing sent', async () => {
    const { url, log } = server.script({ chunks: [{ text: 'data: hi\n\n' }] });
    const { error } = await run(request(url, { headers: { Authorization: 'Bearer a\nb' } }));
    assert.equal(error.reason, 'configuration');
    assert.doesNotMatch(error.message, /reach/);
    assert.match(error.detail, /Authorization/);
    assert.doesNotMatch(error.detail, /Bearer/);
    assert.equal(log().requests.length, 0);
  });
});
