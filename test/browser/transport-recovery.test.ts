// Stop and recovery, on real loopback servers: resuming with Last-Event-ID through the element
// (drops at random points), "Reconnecting…", waiting for `online`, interrupted answers without
// ids (a dropped connection, a body ending inside an event, silence) and their Retry, and aborts
// that are never errors.
//
// Chromium may discard bytes it received but had not yet handed to the page when a connection
// fails, so a test that needs every byte shown first waits for it, then drops the connection
// (dropScript); the random drops of the demo backend end the response early instead (drop=end),
// which the client must resume just the same. The Node tests cover the failing-socket drops.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { pickAnswer, tokenize } from '../../demo/mock-model.mjs';
import { dropScript, scriptedEndpoint, scriptLog, sseChunks, untilServerSawClose } from '../support/script-client.js';
import { answerEnd, lastMessage, part, prng } from '../support/transport-helpers.js';
import { clickControl, press } from '../support/user-input.js';

const question = 'Show me some markdown';
const expected = pickAnswer([{ role: 'user', content: question }]);
const tokenCount = tokenize(expected).length;
// While another test file runs, this page may be a background tab: no frames, slow timers.
const LONG = { timeout: 10_000 };

describe('resuming a dropped stream that has ids', () => {
  for (const seed of [3, 17, 256, 4099, 65537]) {
    it(`ends with exactly the full answer after drops at random points (seed ${seed})`, async () => {
      const random = prng(seed);
      const drops = [1 + Math.floor(random() * 60), Math.floor(random() * 60)].map((n) => (random() < 0.5 ? `${n}h` : `${n}`));
      const url = `/api/chat?delay=0&retry=0&drop=end&dropAfter=${drops.join(',')}`;
      const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
      el.send(question);
      const done = await oneEvent(el, 'llm-chat-done');
      expect(done.detail.message.content, `seed ${seed}, drops ${drops}`).to.equal(expected);
      expect(done.detail.timing.reconnects).to.equal(2);
      expect(lastMessage(el)).to.include({ status: 'complete', content: expected });
      await el.updateComplete;
      expect(part(el, 'notice')).to.equal(null);
    });
  }

  it('says "Reconnecting…" in the bubble, then continues the answer in place', async () => {
    const url = `/api/chat?delay=0&retry=3000&drop=end&dropAfter=${Math.floor(tokenCount / 2)}`;
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send(question);
    await waitUntil(() => part(el, 'notice')?.textContent === 'Reconnecting…', 'no reconnecting notice', LONG);
    const partial = lastMessage(el).content;
    expect(expected.startsWith(partial)).to.be.true;
    const done = await oneEvent(el, 'llm-chat-done');
    expect(done.detail.message.content).to.equal(expected);
    await el.updateComplete;
    expect(part(el, 'notice')).to.equal(null);
    expect(el.messages).to.have.length(2);
  });

  it('llm-chat-done carries timing', async () => {
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat?delay=0"></llm-stream-chat>`);
    el.send(question);
    const { timing } = (await oneEvent(el, 'llm-chat-done')).detail;
    for (const key of ['timeToFirstByte', 'timeToFirstText', 'duration', 'charactersPerSecond'] as const) {
      expect(timing[key], key).to.be.a('number');
    }
    expect(timing.timeToFirstText!).to.be.at.most(timing.duration);
  });

  it('waits for the online event while offline', async () => {
    const resumable = { 'Chat-Resumable': 'true' };
    const withIds = (texts: string[]) => texts.map((text, i) => ({ text: `id: ${i + 1}\ndata: ${JSON.stringify({ content: text })}\n\n` }));
    const { url, id } = await scriptedEndpoint(
      { headers: resumable, chunks: [{ text: 'retry: 0\n' }, ...withIds(['one ', 'two '])], hang: true },
      { headers: resumable, chunks: [{ text: 'id: 3\ndata: {"content":"three"}\n\nid: 4\ndata: [DONE]\n\n' }] },
    );
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
      el.send('Hi');
      await waitUntil(() => lastMessage(el).content === 'one two ', 'text never shown', LONG);
      await dropScript(id);
      await waitUntil(() => part(el, 'notice')?.textContent === 'Reconnecting…', 'no notice', LONG);
      expect((await scriptLog(id)).requests).to.have.length(1);
      delete (navigator as { onLine?: boolean }).onLine;
      const done = oneEvent(el, 'llm-chat-done');
      window.dispatchEvent(new Event('online'));
      expect((await done).detail.message.content).to.equal('one two three');
      const { requests } = await scriptLog(id);
      expect(requests[1]!.headers['last-event-id']).to.equal('2');
      expect(requests[1]!.body).to.equal(requests[0]!.body);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
    }
  });
});

describe('a dropped stream without ids', () => {
  it('is marked interrupted with an exact prefix of the answer, never re-sent; Retry replaces it', async () => {
    const shown = tokenize(expected).slice(0, Math.floor(tokenCount / 3));
    const { url, id } = await scriptedEndpoint({ chunks: sseChunks(shown), hang: true });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send(question);
    await waitUntil(() => lastMessage(el).content === shown.join(''), 'text never shown', LONG);
    const error = oneEvent(el, 'llm-chat-error');
    await dropScript(id);
    expect((await error).detail.reason).to.equal('network');
    const partial = lastMessage(el);
    expect(partial.status).to.equal('interrupted');
    expect(expected.startsWith(partial.content) && partial.content.length < expected.length).to.be.true;
    await el.updateComplete;
    expect(part(el, 'notice')?.textContent).to.contain('connection');
    expect((await scriptLog(id)).requests).to.have.length(1);

    el.endpoint = '/api/chat?delay=0'; // the network is fine again
    const done = oneEvent(el, 'llm-chat-done');
    await clickControl(el, 'retry-button');
    expect((await done).detail.message.content).to.equal(expected);
    expect(el.messages.map((m) => [m.role, m.status])).to.deep.equal([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });

  it('a stream that ends half-way through an event (no ids, no [DONE]) is interrupted, not complete; Retry replaces it', async () => {
    // The body ends cleanly, but inside an event: the simple dialect's optional [DONE] is no
    // excuse to show the answer as complete.
    const after = Math.floor(tokenCount / 3);
    const url = `/api/chat?delay=0&ids=0&drop=end&dropAfter=${after}h`;
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    const end = answerEnd(el);
    el.send(question);
    const event = await end;
    expect(event.type).to.equal('llm-chat-error');
    expect(event.detail.reason).to.equal('incomplete');
    const partial = lastMessage(el);
    expect(partial.status).to.equal('interrupted');
    expect(partial.content).to.equal(tokenize(expected).slice(0, after).join(''));
    await el.updateComplete;
    expect(part(el, 'notice')?.textContent).to.contain('cut off');
    expect(part(el, 'error')).to.equal(null);

    el.endpoint = '/api/chat?delay=0';
    const complete = oneEvent(el, 'llm-chat-done');
    await clickControl(el, 'retry-button');
    expect((await complete).detail.message.content).to.equal(expected);
    expect(el.messages.map((m) => m.status)).to.deep.equal(['complete', 'complete']);
  });

  it('a stream of the demo backend without ids that goes silent: interrupted (timeout), an exact prefix', async () => {
    const url = `/api/chat?delay=0&ids=0&stall=${Math.floor(tokenCount / 2)}:3000`;
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url} idle-timeout="300"></llm-stream-chat>`);
    el.send(question);
    const error = await oneEvent(el, 'llm-chat-error');
    expect(error.detail.reason).to.equal('timeout');
    const partial = lastMessage(el);
    expect(partial.status).to.equal('interrupted');
    expect(partial.content).to.equal(tokenize(expected).slice(0, Math.floor(tokenCount / 2)).join(''));
  });
});

describe('stop', () => {
  for (const how of ['the stop button', 'Esc']) {
    it(`${how} aborts the fetch, keeps the text, marks it stopped, and reports no error`, async () => {
      const { url, id } = await scriptedEndpoint({ chunks: sseChunks(['keep ', 'me']), hang: true });
      const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
      let errors = 0;
      el.addEventListener('llm-chat-error', () => errors++);
      el.send('Hi');
      await waitUntil(() => lastMessage(el).content === 'keep me', 'text never shown', LONG);
      await el.updateComplete;
      const stopped = oneEvent(el, 'llm-chat-stop');
      if (how === 'Esc') {
        el.shadowRoot!.querySelector('textarea')!.focus();
        await press('Escape');
      } else {
        await clickControl(el, 'stop-button');
      }
      expect((await stopped).detail.message).to.include({ status: 'stopped', content: 'keep me' });
      await untilServerSawClose(id);
      expect(errors).to.equal(0);
    });
  }

  it('stop() during a reconnection wait is a stop, not an error', async () => {
    const url = `/api/chat?delay=0&retry=60000&drop=end&dropAfter=3`;
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    let errors = 0;
    el.addEventListener('llm-chat-error', () => errors++);
    el.send(question);
    await waitUntil(() => part(el, 'notice')?.textContent === 'Reconnecting…', 'no notice', LONG);
    const stopped = oneEvent(el, 'llm-chat-stop');
    el.stop();
    const { message } = (await stopped).detail;
    expect(message.status).to.equal('stopped');
    expect(expected.startsWith(message.content)).to.be.true;
    await el.updateComplete;
    expect(part(el, 'notice')?.textContent).to.equal('Stopped.');
    expect(errors).to.equal(0);
  });
});
