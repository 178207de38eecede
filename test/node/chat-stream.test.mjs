// streamChat against real loopback servers: the demo backend's resumable protocol with drops at
// random points, stalls and injected statuses; scripted servers for the odd cases.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChatRequest, streamChat, ChatStreamError } from '../../dist/core/index.js';
import { pickAnswer, tokenize } from '../../demo/mock-model.mjs';
import { prng, seeds } from './helpers.mjs';
import { startServer } from './server.mjs';

let server;
before(async () => (server = await startServer()));
after(() => server.close());

const question = 'Show me some markdown';
const expected = pickAnswer([{ role: 'user', content: question }]);
const tokenCount = tokenize(expected).length;

function request(endpoint, extra = {}) {
  return buildChatRequest({ endpoint, messages: [{ id: 'u', role: 'user', content: question, status: 'complete' }], ...extra });
}

/** Runs streamChat to the end: the text, every update, and the error if it failed. */
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

describe('streamChat with the resumable demo backend', () => {
  test('streams the whole answer, with timing', async () => {
    const { text, done } = await run(request(`${server.base}/api/chat`));
    assert.equal(text, expected);
    assert.equal(done.type, 'done');
    assert.equal(done.format, 'sse');
    assert.equal(done.timing.reconnects, 0);
    for (const key of ['timeToFirstByte', 'timeToFirstText', 'duration', 'charactersPerSecond']) {
      assert.equal(typeof done.timing[key], 'number', key);
    }
    assert.ok(done.timing.timeToFirstByte <= done.timing.timeToFirstText);
    assert.ok(done.timing.timeToFirstText <= done.timing.duration);
  });

  for (const seed of seeds(30, 101)) {
    test(`drops at random points resume to exactly the full answer (seed ${seed})`, async () => {
      const random = prng(seed);
      // The first drop comes after at least one event with an id: before that the stream has
      // not shown itself resumable, and nothing is re-sent without ids.
      const drops = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => {
        const after = Math.floor(random() * (tokenCount / 2)) + (i === 0 ? 1 : 0);
        return random() < 0.5 ? `${after}h` : String(after);
      });
      // Drop points count events per connection; a late one may never be reached.
      let position = 0;
      let expectedDrops = 0;
      for (const drop of drops) {
        if (position + parseInt(drop, 10) >= tokenCount + 1) break;
        position += parseInt(drop, 10);
        expectedDrops++;
      }
      const mode = random() < 0.3 ? '&drop=end' : '';
      const url = `${server.base}/api/chat?dropAfter=${drops.join(',')}${mode}&retry=0`;
      const { text, done, error, updates } = await run(request(url), { maxRetries: 3, random });
      assert.equal(error, undefined, `seed ${seed}, drops ${drops}: ${error?.message}`);
      assert.equal(text, expected, `seed ${seed}, drops ${drops}`);
      assert.equal(done.timing.reconnects, expectedDrops, `seed ${seed}, drops ${drops}`);
      assert.equal(updates.filter((u) => u.type === 'reconnecting').length, expectedDrops);
    });
  }

  test('a stall without heartbeats hits the idle timeout and resumes', async () => {
    const url = `${server.base}/api/chat?stall=3:1500&retry=0`;
    const { text, done, error } = await run(request(url), { idleTimeout: 150 });
    assert.equal(error, undefined, error?.message);
    assert.equal(text, expected);
    assert.equal(done.timing.reconnects, 1);
  });

  test('heartbeats count as bytes: a stall with heartbeats is not a drop', async () => {
    const url = `${server.base}/api/chat?stall=3:400&heartbeat=20`;
    const { text, done } = await run(request(url), { idleTimeout: 150 });
    assert.equal(text, expected);
    assert.equal(done.timing.reconnects, 0);
  });

  test('503 before the first byte is retried, honouring Retry-After', async () => {
    const url = `${server.base}/api/chat?failStatus=503&failTimes=2&retryAfter=0`;
    const { text, error } = await run(request(url), { maxRetries: 2 });
    assert.equal(error, undefined, error?.message);
    assert.equal(text, expected);
  });

  test('retries are bounded: the server message is shown after the last one', async () => {
    const url = `${server.base}/api/chat?failStatus=429&failTimes=5&retryAfter=0`;
    const { error } = await run(request(url), { maxRetries: 2 });
    assert.ok(error instanceof ChatStreamError);
    assert.equal(error.reason, 'http');
    assert.equal(error.status, 429);
    assert.match(error.message, /HTTP 429.*The model is busy/);
  });

  test('a Retry-After longer than the longest delay is not waited for', async () => {
    const url = `${server.base}/api/chat?failStatus=503&failTimes=1&retryAfter=3600`;
    const { error } = await run(request(url), { maxRetries: 3 });
    assert.equal(error.status, 503);
  });

  test('while offline, reconnection waits for the online event', async () => {
    let online = false;
    let wake;
    const waited = new Promise((resolve) => (wake = resolve));
    const status = {
      isOnline: () => online,
      waitUntilOnline: () => {
        setTimeout(() => {
          online = true;
          wake();
        }, 30);
        return waited;
      },
    };
    const url = `${server.base}/api/chat?dropAfter=5&retry=0`;
    const { text, updates } = await run(request(url), { online: status });
    assert.equal(text, expected);
    assert.deepEqual(
      updates.filter((u) => u.type === 'reconnecting').map((u) => u.offline),
      [true],
    );
  });

  test('GET sends the message in the query, like EventSource', async () => {
    const { text } = await run(request(`${server.base}/api/chat`, { method: 'GET' }));
    assert.equal(text, expected);
  });

  test('aborting rejects with the reason and closes the connection', async () => {
    const controller = new AbortController();
    const slow = await startServer({ tokenDelayMs: 20 });
    try {
      let text = '';
      await assert.rejects(async () => {
        for await (const update of streamChat(request(`${slow.base}/api/chat`), { signal: controller.signal })) {
          if (update.type === 'text') text += update.text;
          if (text.length > 10) controller.abort(new Error('user stop'));
        }
      }, /user stop/);
      assert.ok(expected.startsWith(text));
    } finally {
      await slow.close();
    }
  });
});

/** The response header by which a server opts into resuming. */
const resumable = { 'Chat-Resumable': 'true' };

describe('streamChat with scripted servers', () => {
  const sse = (events) => ({ text: events.join('') });

  test('a server that replays from the start never shows a token twice', async () => {
    const first = ['id: 1\ndata: {"content":"a"}\n\n', 'data: {"content":"b"}\n\n', 'id: 2\ndata: {"content":"c"}\n\n', 'id: 3\ndata: {"con'];
    const all = [...first.slice(0, 3), 'id: 3\ndata: {"content":"d"}\n\n', 'id: 4\ndata: [DONE]\n\n'];
    const { url, log } = server.script({ headers: resumable, chunks: [sse(first)] }, { headers: resumable, chunks: [sse(all)] });
    const { text, done } = await run(request(url));
    assert.equal(text, 'abcd');
    assert.equal(done.timing.reconnects, 1);
    // The cut-off block's id 3 was never committed: the resume point is 2.
    assert.equal(log().requests[1].headers['last-event-id'], '2');
    assert.equal(log().requests[1].body, log().requests[0].body);
  });

  test('204 on reconnection means nothing more', async () => {
    const { url } = server.script({ headers: resumable, chunks: [sse(['id: 1\ndata: {"content":"all"}\n\n'])] }, { status: 204 });
    const { text, done } = await run(request(url));
    assert.equal(text, 'all');
    assert.equal(done.type, 'done');
  });

  test('without ids a drop is never re-sent: the text so far is a prefix, the error a network one', async () => {
    const { url, log } = server.script({ chunks: [sse(['data: {"content":"par"}\n\n', 'data: {"content":"tial"}\n\n'])], destroy: true });
    const { text, error } = await run(request(url));
    assert.equal(text, 'partial');
    assert.equal(error.reason, 'network');
    assert.equal(log().requests.length, 1);
  });

  test('without ids, an end without [DONE] is incomplete and not retried', async () => {
    const chunk = (t) => `data: {"choices":[{"index":0,"delta":{"content":"${t}"}}]}\n\n`;
    const { url, log } = server.script({ chunks: [sse([chunk('Hel'), chunk('lo')])] });
    const { text, error } = await run(request(url));
    assert.equal(text, 'Hello');
    assert.equal(error.reason, 'incomplete');
    assert.equal(log().requests.length, 1);
  });

  for (const [name, body, type, pattern] of [
    ['{error:{message}}', '{"error":{"message":"Invalid API key","type":"auth"}}', 'application/json', /HTTP 401.*Invalid API key/],
    ['{message}', '{"message":"Model not loaded"}', 'application/json', /HTTP 401.*Model not loaded/],
    ['{error}', '{"error":"quota exceeded"}', 'application/json', /HTTP 401.*quota exceeded/],
    ['a short text body', 'Unauthorized: bad token', 'text/plain', /HTTP 401.*Unauthorized: bad token/],
    ['an HTML page (not shown)', '<!doctype html><h1>401</h1>', 'text/html', /HTTP 401\)\.$/],
  ]) {
    test(`a non-2xx answer shows the server's message: ${name}`, async () => {
      const { url } = server.script({ status: 401, headers: { 'Content-Type': type }, chunks: [{ text: body }] });
      const { error } = await run(request(url));
      assert.equal(error.reason, 'http');
      assert.match(error.message, pattern);
    });
  }

  test('an HTML page with status 200 is a content-type error', async () => {
    const { url } = server.script({ headers: { 'Content-Type': 'text/html' }, chunks: [{ text: '<html>login</html>' }] });
    const { error } = await run(request(url));
    assert.equal(error.reason, 'content-type');
  });

  test('a network failure before the first byte', async () => {
    const closed = await startServer();
    const base = closed.base;
    await closed.close();
    const { error } = await run(request(`${base}/api/chat`));
    assert.equal(error.reason, 'network');
  });

  test('no response headers within the idle timeout is a timeout', async () => {
    const { url } = server.script({ chunks: [{ text: '', delayMs: 10 }], hang: true, headersDelayMs: 2000 });
    const { error } = await run(request(url), { idleTimeout: 100 });
    assert.equal(error.reason, 'timeout');
  });
});

// Without ids nothing is resumed, and in the simple dialect [DONE] is optional: the only sign of a
// cut is a body that ends inside an event (or, for NDJSON, inside a line). That must be an
// interruption (reason incomplete, the text so far kept by the caller), never a finished answer.
describe('streamChat: a stream without ids that ends inside a record', () => {
  const content = (t) => `data: ${JSON.stringify({ content: t })}\n\n`;

  for (const [name, tail] of [
    ['cut in the middle of a data line', 'data: {"content":"wor'],
    ['cut inside the field name', 'da'],
    ['a last data line without its blank line', 'data: {"content":"world"}\n'],
    ['a last event with an event field only so far', 'event: message\n'],
  ]) {
    test(`simple SSE, ${name}: incomplete, the text so far, never re-sent`, async () => {
      const { url, log } = server.script({ chunks: [{ text: content('Hello, ') + tail }] });
      const { text, error, updates } = await run(request(url), { format: 'sse' });
      assert.equal(text, 'Hello, ');
      assert.ok(error instanceof ChatStreamError, `expected an error, got ${JSON.stringify(updates.at(-1))}`);
      assert.equal(error.reason, 'incomplete');
      assert.match(error.message, /cut off/);
      assert.equal(log().requests.length, 1);
    });
  }

  for (const [name, tail] of [
    ['[DONE] without its blank line', 'data: [DONE]\n'],
    ['[DONE] without any line end', 'data: [DONE]'],
  ]) {
    test(`simple SSE ending with ${name}: complete (a sloppy server that did finish)`, async () => {
      const { url } = server.script({ chunks: [{ text: content('Hello') + tail }] });
      const { text, done, error } = await run(request(url));
      assert.equal(error, undefined, error?.message);
      assert.equal(text, 'Hello');
      assert.equal(done.type, 'done');
    });
  }

  test('simple SSE cut inside its [DONE]: incomplete', async () => {
    const { url } = server.script({ chunks: [{ text: content('Hello') + 'data: [DON' }] });
    const { text, error } = await run(request(url), { format: 'sse' });
    assert.equal(text, 'Hello');
    assert.equal(error?.reason, 'incomplete');
  });

  test('simple SSE in plain text, detected by auto, cut mid-event: incomplete', async () => {
    const { url } = server.script({ chunks: [{ text: 'data: one\n\ndata: two\n\ndata: thr' }] });
    const { text, error } = await run(request(url));
    assert.equal(text, 'onetwo');
    assert.equal(error?.reason, 'incomplete');
  });

  for (const [name, tail] of [
    ['a trailing comment', ': keep-alive'],
    ['a trailing comment cut short', ': keep-al'],
    ['a blank line cut short (spaces)', '  '],
    ['a retry field', 'retry: 3000\n'],
  ]) {
    test(`simple SSE ending in ${name} after a whole event: complete (nothing of an event was lost)`, async () => {
      const { url } = server.script({ chunks: [{ text: content('Hello') + tail }] });
      const { text, done, error } = await run(request(url));
      assert.equal(error, undefined, error?.message);
      assert.equal(text, 'Hello');
      assert.equal(done.type, 'done');
    });
  }

  test('the demo backend without ids, ended half-way through an event: incomplete, an exact prefix', async () => {
    const after = Math.floor(tokenCount / 2);
    const { text, error } = await run(request(`${server.base}/api/chat?ids=0&drop=end&dropAfter=${after}h`));
    assert.equal(error?.reason, 'incomplete', error?.message);
    assert.equal(text, tokenize(expected).slice(0, after).join(''));
  });

  test('the demo backend without ids, ended cleanly between events: complete, the limit of the simple dialect', async () => {
    // A clean early end (a comment, then the end of the body) cannot be told from the real end.
    const after = Math.floor(tokenCount / 2);
    const { text, done, error } = await run(request(`${server.base}/api/chat?ids=0&drop=end&dropAfter=${after}`));
    assert.equal(error, undefined, error?.message);
    assert.equal(done.type, 'done');
    assert.equal(text, tokenize(expected).slice(0, after).join(''));
  });

  test('an OpenAI stream that had its finish reason and then lost the blank line of [DONE]: complete', async () => {
    const chunk = (delta, finish = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const { url } = server.script({ chunks: [{ text: chunk({ content: 'Hi' }) + chunk({}, 'stop') + 'data: [DONE]\n' }] });
    const { text, done, error } = await run(request(url));
    assert.equal(error, undefined, error?.message);
    assert.equal(text, 'Hi');
    assert.equal(done.finishReason, 'stop');
  });

  test('with ids, an end inside an event is resumed as before', async () => {
    const { url, log } = server.script(
      { headers: resumable, chunks: [{ text: 'id: 1\ndata: {"content":"a"}\n\nid: 2\ndata: {"cont' }] },
      { headers: resumable, chunks: [{ text: 'id: 2\ndata: {"content":"b"}\n\nid: 3\ndata: [DONE]\n\n' }] },
    );
    const { text, done, error } = await run(request(url));
    assert.equal(error, undefined, error?.message);
    assert.equal(text, 'ab');
    assert.equal(done.timing.reconnects, 1);
    assert.equal(log().requests[1].headers['last-event-id'], '1');
  });

  const ndjson = (text) => ({ headers: { 'Content-Type': 'application/x-ndjson' }, chunks: [{ text }] });

  test('NDJSON: a last line cut short is incomplete, not malformed; the lines before it are shown', async () => {
    const { url } = server.script(ndjson('{"content":"a"}\n{"content":"b"}\n{"content":"c'));
    const { text, error } = await run(request(url));
    assert.equal(text, 'ab');
    assert.equal(error?.reason, 'incomplete');
  });

  test('NDJSON: a whole last line without its newline is read, and the answer is complete', async () => {
    const { url } = server.script(ndjson('{"content":"a"}\n{"content":"b"}'));
    const { text, done, error } = await run(request(url));
    assert.equal(error, undefined, error?.message);
    assert.equal(text, 'ab');
    assert.equal(done.type, 'done');
  });

  test('NDJSON (Ollama): a final "done": true line without its newline is complete', async () => {
    const { url } = server.script(
      ndjson('{"message":{"content":"a"},"done":false}\n{"message":{"content":"b"},"done":true,"done_reason":"stop"}'),
    );
    const { text, done, error } = await run(request(url));
    assert.equal(error, undefined, error?.message);
    assert.equal(text, 'ab');
    assert.equal(done.finishReason, 'stop');
  });

  test('plain text cut inside a UTF-8 character: incomplete, without a stray U+FFFD', async () => {
    const bytes = Buffer.from('café 🎉', 'utf8');
    const plain = (chunks) => ({ headers: { 'Content-Type': 'text/plain; charset=utf-8' }, chunks });
    const cut = server.script(plain([{ base64: bytes.subarray(0, bytes.length - 2).toString('base64') }]));
    const { text, error } = await run(request(cut.url));
    assert.equal(text, 'café ');
    assert.equal(error?.reason, 'incomplete');
    // Whole, even with the emoji split across two writes, it is complete: text has no end marker.
    const whole = server.script(plain([{ base64: bytes.subarray(0, 8).toString('base64') }, { base64: bytes.subarray(8).toString('base64') }]));
    const complete = await run(request(whole.url));
    assert.equal(complete.error, undefined, complete.error?.message);
    assert.equal(complete.text, 'café 🎉');
  });

  test('NDJSON: a malformed line that did end with its newline is still malformed', async () => {
    const { url } = server.script(ndjson('{"content":"a"}\n{"content":\n{"content":"b"}'));
    const { text, error } = await run(request(url));
    assert.equal(text, 'a');
    assert.equal(error?.reason, 'malformed');
  });
});

describe('streamChat against a server that ignores Last-Event-ID', () => {
  test('replaying the same id-less stretch after every resume ends after max-retries, not never', { timeout: 20_000 }, async () => {
    // Each answer: one event with an id, then id-less text, then the connection closes without
    // an end marker. The server replays exactly that on every reconnection: no new id ever comes.
    const body = 'id: 7\ndata: {"content":"A"}\n\ndata: {"content":"b"}\n\n';
    const { url, log } = server.script({ headers: resumable, chunks: [{ text: body }] });
    const { error, updates } = await run(request(url), { maxRetries: 3 });
    assert.ok(error instanceof ChatStreamError, `expected a ChatStreamError, got ${error}`);
    assert.equal(error.reason, 'network');
    assert.equal(updates.filter((u) => u.type === 'reconnecting').length, 3);
    assert.equal(log().requests.length, 4, 'the first request and three reconnections');
    assert.ok(log().requests.slice(1).every((r) => r.headers['last-event-id'] === '7'));
  });
});
