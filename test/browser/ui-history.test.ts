import { expect, fixture, fixtureCleanup, html, oneEvent } from '@open-wc/testing';
import type { ChatMessage } from '../../src/core/messages.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';
import { DONE, lastMessage, paragraphChunks, part, parts, untilDelta } from './ui-helpers.js';

let keyCount = 0;
const freshKey = () => `llm-chat-test-${Date.now()}-${keyCount++}`;

async function storedChat(endpoint: string, key: string): Promise<LlmStreamChat> {
  return fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${endpoint} storage-key=${key}></llm-stream-chat>`);
}

/** Counts `localStorage.setItem` calls for one test. */
function countWrites(): { count: () => number; restore: () => void } {
  const original = Storage.prototype.setItem;
  let count = 0;
  Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
    count++;
    return original.call(this, key, value);
  };
  return { count: () => count, restore: () => (Storage.prototype.setItem = original) };
}

const longConversation = (): ChatMessage[] =>
  Array.from({ length: 20 }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 ? 'assistant' : 'user',
    content: i % 2 ? `Answer **${i}**` : `Question ${i}`,
    status: 'complete',
  }));

describe('history', () => {
  it('setting messages renders the whole conversation in one update', async () => {
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat"></llm-stream-chat>`);
    el.messages = longConversation();
    await el.updateComplete;
    expect(parts(el, 'message')).to.have.length(20);
    expect(parts(el, 'assistant-message')[9].querySelector('strong')!.textContent).to.equal('19');
  });

  it('reading messages gives a plain conversation that another element restores', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['Saved *answer*']), DONE] });
    const first = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    first.send('Keep this');
    await oneEvent(first, 'llm-chat-done');
    const saved = JSON.stringify(first.messages);

    const second = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    second.messages = JSON.parse(saved);
    await second.updateComplete;
    expect(second.messages).to.deep.equal(JSON.parse(saved));
    expect(part(second, 'assistant-message')!.querySelector('em')!.textContent).to.equal('answer');
  });

  it('storage-key keeps the conversation across a reload', async () => {
    const key = freshKey();
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['Remembered']), DONE] });
    const el = await storedChat(url, key);
    el.send('Remember me');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    const messages = JSON.parse(JSON.stringify(el.messages));
    expect(localStorage.getItem(key)).to.contain('Remembered');

    fixtureCleanup(); // the page goes away…
    const reloaded = await storedChat(url, key); // …and comes back
    expect(reloaded.messages).to.deep.equal(messages);
    expect(parts(reloaded, 'message')).to.have.length(2);
    localStorage.removeItem(key);
  });

  it('an answer that was streaming when the page went away comes back interrupted, with Retry', async () => {
    const key = freshKey();
    const { url } = await scriptedEndpoint({ chunks: sseChunks(['Half of it']), hang: true });
    const el = await storedChat(url, key);
    el.send('Tell me');
    await untilDelta(el, () => lastMessage(el).content === 'Half of it');
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(JSON.parse(localStorage.getItem(key)!).messages[1]).to.include({ status: 'streaming', content: 'Half of it' });

    const reloaded = await storedChat(url, key);
    expect(lastMessage(reloaded)).to.include({ status: 'interrupted', content: 'Half of it' });
    expect(part(reloaded, 'retry-button')).to.exist;
    expect(part(reloaded, 'notice')!.textContent).to.contain('connection was lost');
    el.stop();
    await oneEvent(el, 'llm-chat-stop');
    localStorage.removeItem(key);
  });

  it('saves at most about once a second while streaming, not every frame', async () => {
    const key = freshKey();
    const { url } = await scriptedEndpoint({ chunks: [...paragraphChunks(100, 10), DONE] });
    const el = await storedChat(url, key);
    let deltas = 0;
    el.addEventListener('llm-chat-delta', () => deltas++);
    const writes = countWrites();
    try {
      const done = oneEvent(el, 'llm-chat-done');
      el.send('Long');
      await done;
      await el.updateComplete;
    } finally {
      writes.restore();
    }
    expect(deltas).to.be.greaterThan(10);
    expect(writes.count()).to.be.lessThan(deltas / 2);
    expect(JSON.parse(localStorage.getItem(key)!).messages[1].status).to.equal('complete');
    localStorage.removeItem(key);
  });

  it('clear() removes the stored conversation', async () => {
    const key = freshKey();
    const el = await storedChat('/api/chat', key);
    el.messages = longConversation();
    await el.updateComplete;
    expect(localStorage.getItem(key)).to.not.be.null;
    el.clear();
    await el.updateComplete;
    expect(localStorage.getItem(key)).to.be.null;
  });

  it('without storage-key nothing is stored', async () => {
    const writes = countWrites();
    try {
      const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat"></llm-stream-chat>`);
      el.messages = longConversation();
      await el.updateComplete;
    } finally {
      writes.restore();
    }
    expect(writes.count()).to.equal(0);
  });

  it('a damaged stored entry is ignored', async () => {
    const key = freshKey();
    localStorage.setItem(key, '{"version":1,"messages":[{"id":"x","role":"robot"}, 42]');
    const el = await storedChat('/api/chat', key);
    expect(el.messages).to.deep.equal([]);
    localStorage.setItem(key, JSON.stringify({ version: 1, messages: [{ id: 'a', role: 'user', content: 'ok' }, 'junk'] }));
    const again = await storedChat('/api/chat', key);
    expect(again.messages).to.deep.equal([
      { id: 'a', role: 'user', content: 'ok', status: 'complete', parts: [{ type: 'text', text: 'ok' }] },
    ]);
    localStorage.removeItem(key);
  });
});
