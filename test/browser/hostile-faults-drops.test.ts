// Dropped connections at many random points, through the real element against the demo backend
// on loopback. With event ids the answer must end exactly equal to the full answer (no token lost,
// none shown twice); without ids it must end interrupted with an exact prefix, never re-sent, and
// Retry must then give the whole answer. Drops end the response early ("drop=end"), some in the
// middle of an event ("h"); see transport-recovery.test.ts for why not by destroying the socket.
// Without ids, the scripted server fails the connection at random points instead.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { pickAnswer, tokenize } from '../../demo/mock-model.mjs';
import { dropScript, scriptedEndpoint, scriptLog, sseChunks } from '../support/script-client.js';
import { lastMessage, part, prng } from '../support/transport-helpers.js';
import { clickControl } from '../support/user-input.js';

const question = 'Show me some markdown';
const expected = pickAnswer([{ role: 'user', content: question }]);
const events = tokenize(expected).length;
const SEED = 20261124;

/**
 * `count` drop points, counted in events on each connection, half of them in the middle of an
 * event ("h"). The first is at least 1: a drop before any id has arrived cannot be resumed.
 */
function dropPoints(random: () => number, count: number, span: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const after = Math.max(i === 0 ? 1 : 0, Math.floor(random() * span));
    return random() < 0.5 ? `${after}h` : `${after}`;
  });
}

async function chat(url: string, attributes = ''): Promise<LlmStreamChat> {
  const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
  if (attributes) el.setAttribute('max-retries', attributes);
  return el;
}

describe('drops at 50 random points against a resumable server', function () {
  this.timeout(120_000);

  it('every answer ends exactly equal to the full answer, character for character', async () => {
    const random = prng(SEED);
    let drops = 0;
    let runs = 0;
    // Two drop points an answer; a drop point past the end of a resumed connection never fires,
    // so count the drops that happened (the element's reconnections) until there are 50.
    for (; drops < 50 && runs < 60; runs++) {
      const points = dropPoints(random, 2, Math.floor(events / 2));
      const el = await chat(`/api/chat?delay=0&retry=0&drop=end&dropAfter=${points.join(',')}`);
      el.send(question);
      const done = await oneEvent(el, 'llm-chat-done');
      expect(done.detail.message.content, `seed ${SEED}, run ${runs}, drops ${points}`).to.equal(expected);
      expect(lastMessage(el).status).to.equal('complete');
      expect(done.detail.timing.reconnects, `run ${runs}`).to.be.within(1, 2);
      drops += done.detail.timing.reconnects;
      el.remove();
    }
    console.log(`resumable drops: ${drops} drops over ${runs} answers (seed ${SEED}), every answer exact`);
    expect(drops).to.be.at.least(50);
  });
});

describe('drops at random points against a non-resumable server (no ids)', function () {
  this.timeout(120_000);

  // The connection fails (the scripted server drops it) once the text up to a random token has
  // been shown. A clean early end of a stream in the simple dialect, whose [DONE] is optional,
  // cannot be told from a finished answer, so the drop here is a real connection failure.
  it('each answer is interrupted with an exact prefix, never re-sent, and Retry gives the whole answer', async () => {
    const random = prng(SEED ^ 0x5eed);
    const tokens = tokenize(expected);
    for (let run = 0; run < 10; run++) {
      const cut = 1 + Math.floor(random() * (tokens.length - 1));
      const shown = tokens.slice(0, cut);
      const { url, id } = await scriptedEndpoint({ chunks: sseChunks(shown), hang: true });
      const el = await chat(url);
      const where = `seed ${SEED}, run ${run}, cut after token ${cut}`;
      el.send(question);
      await waitUntil(() => lastMessage(el).content === shown.join(''), `${where}: text never shown`, { timeout: 10_000 });
      const error = oneEvent(el, 'llm-chat-error');
      await dropScript(id);
      expect((await error).detail.reason, where).to.equal('network');
      const partial = lastMessage(el);
      expect(partial.status, where).to.equal('interrupted');
      expect(partial.content, where).to.equal(shown.join(''));
      expect(expected.startsWith(partial.content), where).to.be.true;
      expect((await scriptLog(id)).requests, `${where}: never re-sent`).to.have.length(1);
      el.endpoint = '/api/chat?delay=0'; // the network is fine again
      await el.updateComplete;
      const done = oneEvent(el, 'llm-chat-done');
      await clickControl(el, 'retry-button');
      expect((await done).detail.message.content, where).to.equal(expected);
      expect(el.messages.map((m) => m.status)).to.deep.equal(['complete', 'complete']);
      el.remove();
    }
  });
});

describe('429 Too Many Requests before the first byte', () => {
  it('is retried after the Retry-After the server asked for, and the answer arrives whole', async () => {
    const { url, id } = await scriptedEndpoint(
      { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': '1' }, chunks: [{ text: '{"error":{"message":"Slow down"}}' }] },
      { chunks: [...sseChunks(['after ', 'waiting']), { text: 'data: [DONE]\n\n' }] },
    );
    const el = await chat(url);
    el.send(question);
    const done = await oneEvent(el, 'llm-chat-done');
    expect(done.detail.message.content).to.equal('after waiting');
    const { requests } = await scriptLog(id);
    expect(requests).to.have.length(2);
    expect(JSON.parse(requests[1].body)).to.deep.equal(JSON.parse(requests[0].body));
  });

  it('with max-retries="0", a clear error that keeps the question', async () => {
    const { url } = await scriptedEndpoint({
      status: 429,
      headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
      chunks: [{ text: '{"error":{"message":"Slow down"}}' }],
    });
    const el = await chat(url, '0');
    el.send(question);
    const error = await oneEvent(el, 'llm-chat-error');
    expect(error.detail).to.include({ reason: 'http', status: 429 });
    expect(error.detail.message).to.contain('Slow down');
    await el.updateComplete;
    expect(part(el, 'error')?.textContent).to.contain('Slow down');
    expect(el.messages[0]).to.include({ role: 'user', content: question });
  });
});
