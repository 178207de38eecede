// The element against real loopback servers: every wire-format fixture under random chunkings,
// the request shapes and hooks, and every kind of error.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, scriptLog, sseChunks } from '../support/script-client.js';
import { answerEnd, fixtureEndpoint, lastMessage, loadFixtures, part } from '../support/transport-helpers.js';

const fixtures = await loadFixtures();
const SEEDS = [11, 2027, 90001];

describe('wire formats (fixtures from the providers\' documentation, random chunkings)', () => {
  for (const fx of fixtures) {
    it(`${fx.file}: auto-detected, exact text and outcome`, async () => {
      for (const seed of SEEDS) {
        const { url } = await fixtureEndpoint(fx, seed);
        const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
        const ended = answerEnd(el);
        el.send('Hi');
        const event = await ended;
        const message = lastMessage(el);
        const where = `${fx.file}, seed ${seed}`;
        expect(message.content, where).to.equal(fx.text);
        expect(el.messages[0]).to.include({ role: 'user', content: 'Hi' });
        if (fx.error) {
          expect(event.type, where).to.equal('llm-chat-error');
          expect(event.detail.reason, where).to.equal(fx.error);
          expect(message.status, where).to.equal(fx.error === 'incomplete' ? 'interrupted' : 'error');
          await el.updateComplete;
          // An interrupted answer says why in its notice; a failed one in its error text.
          expect(part(el, message.status === 'interrupted' ? 'notice' : 'error')?.textContent, where).to.not.be.empty;
          if (fx.errorIncludes) expect(message.error, where).to.contain(fx.errorIncludes);
        } else {
          expect(event.type, where).to.equal('llm-chat-done');
          expect(message, where).to.include({ status: 'complete', finishReason: fx.finishReason });
          expect(message.truncated === true, where).to.equal(fx.truncated === true);
        }
      }
    });
  }

  it('a forced format is used whatever the content type says', async () => {
    const chunk = (t: string) => ({ text: `data: {"choices":[{"index":0,"delta":{"content":"${t}"}}]}\n\n` });
    const { url } = await scriptedEndpoint({
      headers: { 'Content-Type': 'application/octet-stream' },
      chunks: [chunk('for'), chunk('ced'), { text: 'data: [DONE]\n\n' }],
    });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url} format="openai"></llm-stream-chat>`);
    el.send('Hi');
    expect((await oneEvent(el, 'llm-chat-done')).detail.message.content).to.equal('forced');
  });

  it('a truncated answer is marked and says so', async () => {
    const fx = fixtures.find((f) => f.file === 'openai-chat-length.sse')!;
    const { url } = await fixtureEndpoint(fx, 5);
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('Hi');
    const done = await oneEvent(el, 'llm-chat-done');
    expect(done.detail.message).to.include({ truncated: true, finishReason: 'length' });
    await el.updateComplete;
    expect(part(el, 'notice')?.textContent).to.contain('cut off');
  });
});

describe('requests', () => {
  const ok = () => ({ chunks: [...sseChunks(['ok']), { text: 'data: [DONE]\n\n' }] });

  it('POSTs { messages: [{ id, role, content, parts }], requestId }; with a model { model, messages, stream: true }', async () => {
    const { url, id } = await scriptedEndpoint(ok());
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('first');
    await oneEvent(el, 'llm-chat-done');
    el.model = 'llama3.2';
    el.send('second');
    await oneEvent(el, 'llm-chat-done');
    const { requests } = await scriptLog(id);
    const first = JSON.parse(requests[0]!.body);
    // The AI SDK's UIMessage shape, with `content` beside `parts` for plain handlers.
    expect(first.messages).to.deep.equal([
      { id: el.messages[0]!.id, role: 'user', content: 'first', parts: [{ type: 'text', text: 'first' }] },
    ]);
    expect(first.requestId).to.be.a('string').and.not.be.empty;
    expect(JSON.parse(requests[1]!.body)).to.deep.equal({
      model: 'llama3.2',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'second' },
      ],
      stream: true,
    });
  });

  it('sends the headers property, and method="GET" puts the message in the query', async () => {
    const { url, id } = await scriptedEndpoint(ok());
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url} method="GET"></llm-stream-chat>`);
    el.headers = { Authorization: 'Bearer secret' };
    el.send('what time is it?');
    await oneEvent(el, 'llm-chat-done');
    const [request] = (await scriptLog(id)).requests;
    expect(request!.method).to.equal('GET');
    expect(request!.headers.authorization).to.equal('Bearer secret');
    const query = new URL(request!.url, location.href).searchParams;
    expect(query.get('message')).to.equal('what time is it?');
    expect(query.get('requestId')).to.be.a('string');
  });

  it('prepareRequest reshapes URL, body and headers, and may be async', async () => {
    const { url, id } = await scriptedEndpoint(ok());
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/nowhere"></llm-stream-chat>`);
    el.prepareRequest = async (request, context) => ({
      ...request,
      url: `${url}?via=hook`,
      headers: { ...request.headers, 'X-Token': await Promise.resolve('t1') },
      body: JSON.stringify({ prompt: context.messages.at(-1)!.content }),
    });
    el.send('reshape me');
    expect((await oneEvent(el, 'llm-chat-done')).detail.message.content).to.equal('ok');
    const [request] = (await scriptLog(id)).requests;
    expect(request!.url).to.equal(`${url}?via=hook`);
    expect(request!.headers['x-token']).to.equal('t1');
    expect(JSON.parse(request!.body)).to.deep.equal({ prompt: 'reshape me' });
  });

  it('credentials="omit" sends no cookie; the default sends same-origin cookies', async () => {
    document.cookie = 'llmtest=1; path=/';
    try {
      const { url, id } = await scriptedEndpoint(ok());
      const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
      el.send('a');
      await oneEvent(el, 'llm-chat-done');
      el.credentials = 'omit';
      el.send('b');
      await oneEvent(el, 'llm-chat-done');
      const { requests } = await scriptLog(id);
      expect(requests[0]!.headers.cookie).to.contain('llmtest=1');
      expect(requests[1]!.headers.cookie).to.equal(undefined);
    } finally {
      document.cookie = 'llmtest=; path=/; max-age=0';
    }
  });

  it('retries 503 before the first byte, honouring Retry-After, with the same request id', async () => {
    const busy = { status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': '0' }, chunks: [{ text: '{}' }] };
    const { url, id } = await scriptedEndpoint(busy, ok());
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('Hi');
    expect((await oneEvent(el, 'llm-chat-done')).detail.message.content).to.equal('ok');
    const { requests } = await scriptLog(id);
    expect(requests).to.have.length(2);
    expect(requests[1]!.body).to.equal(requests[0]!.body);
  });
});

describe('errors: a clear message, a typed reason, the text kept', () => {
  async function failWith(url: string, attrs: { idleTimeout?: number } = {}) {
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url} idle-timeout=${attrs.idleTimeout ?? 45000}></llm-stream-chat>`);
    el.send('my question');
    const error = await oneEvent(el, 'llm-chat-error');
    await el.updateComplete;
    expect(el.messages[0]).to.include({ role: 'user', content: 'my question' });
    return { el, detail: error.detail, shown: part(el, 'error')?.textContent ?? '' };
  }

  it("non-2xx: the server's own message", async () => {
    const { url } = await scriptedEndpoint({
      status: 400,
      headers: { 'Content-Type': 'application/json' },
      chunks: [{ text: '{"error":{"message":"This model\'s maximum context length is 8192 tokens."}}' }],
    });
    const { detail, shown } = await failWith(url);
    expect(detail).to.include({ reason: 'http', status: 400 });
    expect(shown).to.contain('maximum context length').and.contain('400');
  });

  it('a wrong content type: an HTML page', async () => {
    const { url } = await scriptedEndpoint({ headers: { 'Content-Type': 'text/html' }, chunks: [{ text: '<!doctype html><p>Sign in</p>' }] });
    const { detail, shown } = await failWith(url);
    expect(detail.reason).to.equal('content-type');
    expect(shown).to.contain('web page');
  });

  it('a network failure before the first byte', async () => {
    const { detail, shown } = await failWith('http://127.0.0.1:9/api/chat');
    expect(detail.reason).to.equal('network');
    expect(shown).to.contain('Could not reach');
    expect(detail.chatMessage.status).to.equal('error');
  });

  it('a provider error inside the stream keeps the partial answer', async () => {
    const { url } = await scriptedEndpoint({
      chunks: [...sseChunks(['half ', 'an answer']), { text: 'event: error\ndata: {"message":"Overloaded"}\n\n' }],
    });
    const { el, detail, shown } = await failWith(url);
    expect(detail.reason).to.equal('provider');
    expect(shown).to.contain('Overloaded');
    expect(lastMessage(el)).to.include({ content: 'half an answer', status: 'error' });
  });

  it('a malformed JSON data line', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['fine']), { text: 'data: {"content": "bro\n\n' }] });
    const { el, detail } = await failWith(url);
    expect(detail.reason).to.equal('malformed');
    expect(lastMessage(el).content).to.equal('fine');
  });

  it('silence longer than idle-timeout, without ids: interrupted, with reason timeout', async () => {
    const { url } = await scriptedEndpoint({ chunks: sseChunks(['still ', 'here']), hang: true });
    const { el, detail } = await failWith(url, { idleTimeout: 150 });
    expect(detail.reason).to.equal('timeout');
    expect(lastMessage(el)).to.include({ content: 'still here', status: 'interrupted' });
  });
});
