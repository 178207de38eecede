// Moving the element in the DOM (re-parenting, reordering siblings: what frameworks do with an
// existing node) disconnects and reconnects it in one task. That must not stop its answer: the
// stream goes on over the same request and the answer ends exactly as if nothing had happened.
// Removing it for good still aborts (also checked in streaming.test.ts and hostile-lifecycle).
import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import type { ChatMessage } from '../../src/core/messages.js';
import { pickAnswer } from '../../demo/mock-model.mjs';
import { scriptedEndpoint, scriptLog, sseChunks, untilServerSawClose } from '../support/script-client.js';
import { DONE, distanceFromBottom, everyFrame, lastMessage, logOf, paragraphChunks, untilDelta } from './ui-helpers.js';

const QUESTION = 'Show me some markdown';

/** Counts the element's fetches of `endpoint`: a move must not re-send, nor resume, the request. */
function countFetches(endpoint: string): { count: () => number; restore: () => void } {
  const original = window.fetch;
  let count = 0;
  window.fetch = (input, init) => {
    if (String(input).includes(endpoint)) count++;
    return original.call(window, input, init);
  };
  return { count: () => count, restore: () => (window.fetch = original) };
}

/** Records the events that would mean the move ended or broke the answer. */
function recordEndings(el: LlmStreamChat): string[] {
  const seen: string[] = [];
  for (const type of ['llm-chat-stop', 'llm-chat-error'] as const) el.addEventListener(type, () => seen.push(type));
  return seen;
}

/** The rendered content of the last answer. */
function answerContent(el: LlmStreamChat): HTMLElement {
  const contents = el.shadowRoot!.querySelectorAll<HTMLElement>('.message.assistant .content');
  return contents[contents.length - 1]!;
}

/** The same answer restored through `messages`: rendered in one shot, never streamed. */
async function oneShotContent(message: ChatMessage): Promise<HTMLElement> {
  const restored = await fixture<LlmStreamChat>(html`<llm-stream-chat .messages=${[message]}></llm-stream-chat>`);
  return answerContent(restored);
}

/** Two containers side by side, so the element can change parents. */
async function twoParents(): Promise<[HTMLElement, HTMLElement]> {
  const root = await fixture<HTMLElement>(html`<div><section id="a"></section><section id="b"></section></div>`);
  return [root.querySelector<HTMLElement>('#a')!, root.querySelector<HTMLElement>('#b')!];
}

/** A long answer streaming into a 240 px element in the first of two parents, overflowing `times` over. */
async function longAnswerInTwoParents(times: number) {
  const { url } = await scriptedEndpoint({ chunks: [...paragraphChunks(100, 10), DONE] });
  const [first, second] = await twoParents();
  const el = document.createElement('llm-stream-chat') as LlmStreamChat;
  el.endpoint = url;
  el.style.setProperty('--llm-chat-height', '240px');
  first.append(el);
  await el.updateComplete;
  const log = logOf(el);
  const done = oneEvent(el, 'llm-chat-done');
  el.send('A long answer, please');
  await untilDelta(el, () => log.scrollHeight > log.clientHeight * times);
  return { el, log, done, second };
}

describe('moving the element mid-stream', () => {
  it('to another parent: the answer completes exactly, over one request, with no stop or error', async () => {
    const endpoint = '/api/chat?delay=3&case=reparent';
    const fetches = countFetches(endpoint);
    try {
      const [first, second] = await twoParents();
      const el = document.createElement('llm-stream-chat') as LlmStreamChat;
      el.endpoint = endpoint;
      first.append(el);
      await el.updateComplete;
      const endings = recordEndings(el);
      const done = oneEvent(el, 'llm-chat-done');
      el.send(QUESTION);
      await untilDelta(el, () => lastMessage(el).content.length > 40);
      second.append(el); // a framework re-parenting the node
      expect(el.isConnected).to.be.true;
      await nextFrame();
      expect(el.streaming, 'still streaming after the move').to.be.true;
      first.append(el); // and back, while it still streams
      const message = (await done).detail.message;
      await el.updateComplete;

      const expected = pickAnswer([{ role: 'user', content: QUESTION }]);
      expect(message).to.include({ status: 'complete', content: expected });
      expect(lastMessage(el)).to.include({ status: 'complete', content: expected });
      expect(el.parentElement).to.equal(first);
      expect(endings, 'events that ended or broke the answer').to.deep.equal([]);
      expect(fetches.count(), 'fetches of the endpoint').to.equal(1);
      // Rendering went on where it was: the DOM is that of the whole answer rendered at once.
      expect(answerContent(el).isEqualNode(await oneShotContent(message)), 'streamed DOM equals a one-shot render').to.be.true;
    } finally {
      fetches.restore();
    }
  });

  it('reordered among its siblings with insertBefore: the server sees one request, completed, never closed early', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i} `);
    const { url, id } = await scriptedEndpoint({ chunks: [...sseChunks(words, 15), DONE] });
    const list = await fixture<HTMLElement>(html`<div><p>one</p><llm-stream-chat endpoint=${url}></llm-stream-chat><p>two</p></div>`);
    const el = list.querySelector<LlmStreamChat>('llm-stream-chat')!;
    await el.updateComplete;
    const endings = recordEndings(el);
    const done = oneEvent(el, 'llm-chat-done');
    el.send('Hello');
    // Three reorders at different points of the answer, as a keyed list would do them.
    await untilDelta(el, () => lastMessage(el).content.includes('word5 '));
    list.insertBefore(el, list.firstChild); // to the top
    await untilDelta(el, () => lastMessage(el).content.includes('word15 '));
    list.insertBefore(el, null); // to the end
    await untilDelta(el, () => lastMessage(el).content.includes('word25 '));
    list.insertBefore(el, list.children[1]!); // back to the middle
    const message = (await done).detail.message;

    expect(message).to.include({ status: 'complete', content: words.join('') });
    expect([...list.children].map((child) => child.localName)).to.deep.equal(['p', 'llm-stream-chat', 'p']);
    expect(endings).to.deep.equal([]);
    const log = await scriptLog(id);
    expect(log.requests, 'requests the server received').to.have.length(1);
    expect(log.completed).to.equal(1);
    expect(log.closedEarly).to.equal(0);
  });

  it('keeps following the answer: at the bottom at every frame after the move', async () => {
    const { el, log, done, second } = await longAnswerInTwoParents(2);
    second.append(el);
    let worst = 0;
    await everyFrame(done, () => (worst = Math.max(worst, distanceFromBottom(log))));
    await el.updateComplete;
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight * 5);
    expect(worst, 'largest distance from the bottom after the move').to.be.at.most(2);
    expect(distanceFromBottom(log)).to.be.at.most(2);
  });

  it('a reader who scrolled up stays where they were: the move does not send the view to the top', async () => {
    const { el, log, done, second } = await longAnswerInTwoParents(3);
    log.scrollTop = 120; // a scrollbar drag up
    await oneEvent(log, 'scroll');
    second.append(el);
    expect(log.scrollTop, 'right after the move').to.equal(120);
    await done;
    await el.updateComplete;
    expect(log.scrollTop, 'after the answer ended').to.equal(120);
  });

  it('removed, and put back only in a later task: that was a removal, so the answer is stopped', async () => {
    const { url, id } = await scriptedEndpoint({ chunks: sseChunks(['partial ', 'text']), hang: true });
    const [first] = await twoParents();
    const el = document.createElement('llm-stream-chat') as LlmStreamChat;
    el.endpoint = url;
    first.append(el);
    el.send('Hello');
    await waitUntil(() => lastMessage(el).content === 'partial text', 'no text arrived', { timeout: 10_000 });
    const stopped = oneEvent(el, 'llm-chat-stop');
    el.remove();
    expect((await stopped).detail.message).to.include({ status: 'stopped', content: 'partial text' });
    await untilServerSawClose(id);
    first.append(el);
    await el.updateComplete;
    expect(el.streaming).to.be.false;
    expect(lastMessage(el).status).to.equal('stopped');
    expect((await scriptLog(id)).requests).to.have.length(1);
  });
});
