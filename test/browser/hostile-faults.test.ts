// Faults the transport must survive, each against a real server on 127.0.0.1: every one must end
// in a clear state with a clear message, keep the user's question and keep any text received.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, sseChunks, type ScriptChunk, untilServerSawClose } from '../support/script-client.js';
import {
  chunkBytes,
  encoder,
  hostileServerLog,
  hostileServers,
  lastMessage,
  Rng,
  caseSeed,
  sseBody,
  toBase64,
} from '../support/hostile-client.js';
import { clickControl } from '../support/user-input.js';

const QUESTION = 'What went wrong?';

async function chatAt(url: string): Promise<LlmStreamChat> {
  return fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
}

function errorText(el: LlmStreamChat): string {
  return el.shadowRoot!.querySelector('[part~="error"]')?.textContent?.trim() ?? '';
}

function answerText(el: LlmStreamChat): string {
  const contents = el.shadowRoot!.querySelectorAll('.message.assistant [part~="content"]');
  return contents[contents.length - 1]?.textContent ?? '';
}

/** Sends the question; fails fast (instead of timing out) when the answer ends any other way. */
async function sendExpectingError(el: LlmStreamChat) {
  const ended = Promise.race([
    oneEvent(el, 'llm-chat-error').then((event) => event.detail),
    oneEvent(el, 'llm-chat-done').then((event) => {
      throw new Error(`expected llm-chat-error, the answer completed with ${JSON.stringify(event.detail.message.content)}`);
    }),
  ]);
  el.send(QUESTION);
  const detail = await ended;
  await el.updateComplete;
  return detail;
}

/** What every failed exchange must leave behind: the question, an error answer, a message. */
function expectFailedExchange(el: LlmStreamChat, received = '') {
  expect(el.messages.map((m) => [m.role, m.content, m.status])).to.deep.equal([
    ['user', QUESTION, 'complete'],
    ['assistant', received, 'error'],
  ]);
  expect(el.streaming).to.be.false;
  expect(lastMessage(el).error, 'the message carries a human error').to.be.a('string').and.not.equal('');
  expect(errorText(el)).to.equal(lastMessage(el).error);
  expect(el.shadowRoot!.querySelector('[part~="retry-button"]'), 'a failed answer offers Retry').to.exist;
}

describe('faults: the server answers with an error', () => {
  it("500 with a JSON error: error state, the server's own message and the status shown, question kept", async () => {
    const { url } = await scriptedEndpoint({
      status: 500,
      headers: { 'Content-Type': 'application/json' },
      chunks: [{ text: JSON.stringify({ error: { message: 'The model is overloaded.', type: 'server_error' } }) }],
    });
    const el = await chatAt(url);
    const detail = await sendExpectingError(el);
    expect(detail).to.include({ reason: 'http', status: 500 });
    expectFailedExchange(el);
    expect(detail.message).to.contain('The model is overloaded.');
    expect(errorText(el)).to.contain('The model is overloaded.');
    expect(errorText(el)).to.contain('500');
  });

  it('an HTML page answered with status 200 (a login page) is refused by its content type', async () => {
    const page = '<!doctype html><html><head><title>Sign in</title></head><body><h1>Please sign in</h1></body></html>';
    const { url } = await scriptedEndpoint({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, chunks: [{ text: page }] });
    const el = await chatAt(url);
    const detail = await sendExpectingError(el);
    expect(detail.reason).to.equal('content-type');
    expectFailedExchange(el);
    expect(el.shadowRoot!.querySelector('.message.assistant h1'), 'the page must not be rendered').to.be.null;
  });

  it('an HTML error page with status 502: error state, the page is not rendered', async () => {
    const page = '<!doctype html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><script>__xss()</script></body></html>';
    const { url } = await scriptedEndpoint({ status: 502, headers: { 'Content-Type': 'text/html; charset=utf-8' }, chunks: [{ text: page }] });
    const el = await chatAt(url);
    const detail = await sendExpectingError(el);
    expect(detail).to.include({ reason: 'http', status: 502 });
    expectFailedExchange(el);
    expect(errorText(el)).to.contain('502');
    expect(el.shadowRoot!.querySelector('.message.assistant h1'), 'the error page must not be rendered').to.be.null;
  });
});

describe('faults: no connection', () => {
  let servers: Awaited<ReturnType<typeof hostileServers>>;
  before(async () => {
    servers = await hostileServers();
  });

  it('a refused connection (a port where nothing listens): network error, question kept', async () => {
    const el = await chatAt(servers.refused);
    const detail = await sendExpectingError(el);
    expect(detail.reason).to.equal('network');
    expect(detail.status).to.be.undefined;
    expectFailedExchange(el);
  });

  it('a CORS refusal (another origin without CORS headers): network error, nothing read', async () => {
    const before = (await hostileServerLog()).noCors.length;
    const el = await chatAt(servers.noCors);
    const detail = await sendExpectingError(el);
    expect(detail.reason).to.equal('network');
    expectFailedExchange(el);
    // The server is up: it saw the preflight, and the browser never sent the POST.
    const seen = (await hostileServerLog()).noCors.slice(before).map((r) => r.method);
    expect(seen).to.deep.equal(['OPTIONS']);
  });

  it('a CORS refusal after the preflight (no Access-Control-Allow-Origin on the answer): network error, nothing read', async () => {
    const before = (await hostileServerLog()).preflightOnly.length;
    const el = await chatAt(servers.preflightOnly);
    const detail = await sendExpectingError(el);
    expect(detail.reason).to.equal('network');
    expectFailedExchange(el);
    const seen = (await hostileServerLog()).preflightOnly.slice(before).map((r) => r.method);
    expect(seen).to.deep.equal(['OPTIONS', 'POST']);
  });
});

describe('faults: hostile bodies', () => {
  let seed = 0;
  before(async () => {
    seed = (await hostileServers()).seed;
  });

  it('invalid UTF-8 becomes U+FFFD, split anywhere, and the answer completes', async () => {
    const bytes = (...values: number[]) => new Uint8Array(values);
    const ascii = (text: string) => encoder.encode(text);
    const parts: [Uint8Array, string][] = [
      [ascii('data: {"content":"a'), 'a'],
      [bytes(0xff), '\ufffd'], // never valid
      [ascii('b'), 'b'],
      [bytes(0xc3), '\ufffd'], // a lead byte without its continuation
      [ascii('c'), 'c'],
      [bytes(0x80), '\ufffd'], // a lone continuation byte
      [bytes(0xed, 0xa0, 0x80), '\ufffd\ufffd\ufffd'], // an encoded surrogate
      [bytes(0xc0, 0xaf), '\ufffd\ufffd'], // an overlong '/'
      [bytes(0xf0, 0x9f, 0x8e, 0x89), '🎉'], // valid, to be split across chunks below
      [ascii('é"}\n\n'), 'é'],
      [ascii('data: [DONE]\n\n'), ''],
    ];
    const body = new Uint8Array(parts.reduce((n, [b]) => n + b.length, 0));
    parts.reduce((offset, [b]) => (body.set(b, offset), offset + b.length), 0);
    const expected = parts.map(([, text]) => text).join('');
    // Three cuts: whole, one byte at a time, and seeded random chunks.
    for (const chunks of [
      [{ base64: toBase64(body) }],
      [...body].map((b) => ({ base64: toBase64(new Uint8Array([b])) })),
      chunkBytes(body, new Rng(caseSeed(seed, 7)), 5, 3),
    ] as ScriptChunk[][]) {
      const { url } = await scriptedEndpoint({ chunks });
      const el = await chatAt(url);
      const done = oneEvent(el, 'llm-chat-done');
      el.send(QUESTION);
      expect((await done).detail.message.content).to.equal(expected);
      expect(el.messages.map((m) => [m.role, m.content, m.status])).to.deep.equal([
        ['user', QUESTION, 'complete'],
        ['assistant', expected, 'complete'],
      ]);
      await el.updateComplete;
      expect(answerText(el)).to.contain(expected.slice(1, 6));
    }
  });

  it('a single 5 MB event arrives whole and renders', async function () {
    this.timeout(60_000);
    const line = 'All work and no play makes the model a dull boy; ';
    const lines: string[] = [];
    const size = 5 * 1024 * 1024;
    for (let length = 0; length < size; length += line.length * 2 + 1) lines.push(line + line);
    const text = lines.join('\n').slice(0, size);
    const event = encoder.encode(sseBody([text]));
    const CHUNK = 16 * 1024;
    const chunks: ScriptChunk[] = [];
    for (let i = 0; i < event.length; i += CHUNK) chunks.push({ base64: toBase64(event.subarray(i, i + CHUNK)) });
    const { url } = await scriptedEndpoint({ chunks });
    const el = await chatAt(url);
    const started = performance.now();
    const done = oneEvent(el, 'llm-chat-done');
    el.send(QUESTION);
    const message = (await done).detail.message;
    await el.updateComplete;
    console.log(`faults: one 5 MB event (${event.length} bytes on the wire) streamed and rendered in ${Math.round(performance.now() - started)} ms`);
    expect(message.content.length).to.equal(text.length);
    expect(message.content === text, 'the 5 MB text arrived unchanged').to.be.true;
    expect(lastMessage(el).status).to.equal('complete');
    expect(answerText(el).length, 'the whole text is rendered').to.be.greaterThan(size * 0.99);
  });

  it('10,000 tiny events arrive in order and complete', async () => {
    const rng = new Rng(caseSeed(seed, 10_000));
    const alphabet = ['a', 'b', ' ', 'é', '🎉', '\n', '*', '`', '<', '&'];
    const deltas = Array.from({ length: 10_000 }, () => rng.pick(alphabet) + (rng.chance(0.3) ? rng.pick(alphabet) : ''));
    const expected = deltas.join('');
    const body = encoder.encode(sseBody(deltas));
    const { url } = await scriptedEndpoint({ chunks: chunkBytes(body, rng, 4096, 2) });
    const el = await chatAt(url);
    const done = oneEvent(el, 'llm-chat-done');
    el.send(QUESTION);
    expect((await done).detail.message.content === expected, 'the concatenated deltas').to.be.true;
    expect(lastMessage(el).status).to.equal('complete');
  });
});

describe('faults: the user stops an endless stream', () => {
  it('keeps the question and every character received, marks the answer stopped, closes the connection', async () => {
    const tokens = Array.from({ length: 3000 }, (_, i) => `t${i} `);
    const { url, id } = await scriptedEndpoint({ chunks: sseChunks(tokens, 10), hang: true });
    const el = await chatAt(url);
    el.send(QUESTION);
    await waitUntil(() => lastMessage(el).content.length > 40 && el.shadowRoot!.querySelector('[part~="stop-button"]'), 'no text arrived', { timeout: 10_000 });
    const stopped = oneEvent(el, 'llm-chat-stop');
    await clickControl(el, 'stop-button');
    const message = (await stopped).detail.message;
    expect(message.status).to.equal('stopped');
    expect(tokens.join('').startsWith(message.content), 'what was kept is exactly what was sent, in order').to.be.true;
    expect(message.content.length).to.be.greaterThan(40);
    expect(el.messages.map((m) => [m.role, m.status])).to.deep.equal([
      ['user', 'complete'],
      ['assistant', 'stopped'],
    ]);
    expect(el.messages[0].content).to.equal(QUESTION);
    expect(lastMessage(el).content).to.equal(message.content);
    expect(el.streaming).to.be.false;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="stop-button"]')).to.be.null;
    expect(el.shadowRoot!.querySelector('[part~="error"]')).to.be.null;
    expect(answerText(el)).to.contain(message.content.trim().slice(0, 30));
    await untilServerSawClose(id);
  });
});
