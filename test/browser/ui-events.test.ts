import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LlmChatDeltaDetail, LlmChatSendDetail } from '../../src/events.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';
import { DONE, inputOf, lastMessage, untilDelta } from './ui-helpers.js';

const EVENTS = ['llm-chat-send', 'llm-chat-delta', 'llm-chat-done', 'llm-chat-error', 'llm-chat-stop'] as const;

/** The element inside another shadow root, to prove events cross it. */
async function nestedChat(endpoint: string): Promise<{ outer: HTMLElement; el: LlmStreamChat }> {
  const outer = await fixture<HTMLDivElement>(html`<div></div>`);
  const root = outer.attachShadow({ mode: 'open' });
  const el = document.createElement('llm-stream-chat');
  el.endpoint = endpoint;
  root.append(el);
  await el.updateComplete;
  return { outer, el };
}

function record(target: EventTarget): Event[] {
  const seen: Event[] = [];
  for (const type of EVENTS) target.addEventListener(type, (event) => seen.push(event));
  return seen;
}

describe('events', () => {
  it('every event bubbles and is composed: a listener outside a shadow root hears them', async () => {
    const { url } = await scriptedEndpoint(
      { chunks: [...sseChunks(['Hel', 'lo']), DONE] },
      { status: 500, headers: { 'Content-Type': 'text/plain' }, chunks: [{ text: 'x' }] },
      { chunks: sseChunks(['partial']), hang: true },
    );
    const { outer, el } = await nestedChat(url);
    const seen = record(outer);

    inputOf(el).focus();
    await sendKeys({ type: 'first' });
    const done = oneEvent(outer, 'llm-chat-done');
    await sendKeys({ press: 'Enter' });
    await done;
    const failed = oneEvent(outer, 'llm-chat-error');
    el.send('second');
    await failed;
    el.send('third');
    await untilDelta(el, () => lastMessage(el).content === 'partial');
    const stopped = oneEvent(outer, 'llm-chat-stop');
    el.stop();
    await stopped;

    const types = new Set(seen.map((e) => e.type));
    expect([...types].sort()).to.deep.equal([...EVENTS].sort());
    for (const event of seen) {
      expect(event.bubbles, event.type).to.be.true;
      expect(event.composed, event.type).to.be.true;
      expect(event.cancelable, event.type).to.equal(event.type === 'llm-chat-send');
    }
  });

  it('llm-chat-send is cancelable and carries the text and the conversation before it', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['ok']), DONE] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.messages = [{ id: 'old', role: 'user', content: 'Earlier', status: 'complete' }];
    inputOf(el).focus();
    await sendKeys({ type: 'Now' });
    const sent = oneEvent(el, 'llm-chat-send');
    const done = oneEvent(el, 'llm-chat-done');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await sent) as CustomEvent<LlmChatSendDetail>;
    expect(detail.text).to.equal('Now');
    expect(detail.messages.map((m) => m.content)).to.deep.equal(['Earlier']);
    await done;
  });

  it('llm-chat-delta fires at most once per frame, and its deltas add up to the text', async () => {
    // 400 tokens with no delay: many arrive within one frame.
    const tokens = Array.from({ length: 400 }, (_, i) => `t${i} `);
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(tokens, 0), DONE] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    const frames: (number | null)[] = [];
    const details: LlmChatDeltaDetail[] = [];
    el.addEventListener('llm-chat-delta', (event) => {
      // One value per rendering frame: the frame's timestamp.
      frames.push(document.timeline.currentTime as number | null);
      details.push(event.detail);
    });
    const done = oneEvent(el, 'llm-chat-done');
    el.send('Go');
    const final = (await done).detail.message.content;
    expect(final).to.equal(tokens.join(''));
    expect(details.length).to.be.greaterThan(0);
    expect(details.length, 'fewer deltas than tokens').to.be.lessThan(tokens.length);
    expect(new Set(frames).size, 'one delta per frame').to.equal(frames.length);
    const joined = details.map((d) => d.delta).join('');
    expect(joined, 'the deltas add up to the answer').to.equal(final);
    expect(details[details.length - 1].message.content).to.equal(joined);
    for (const d of details) expect(d.message.role).to.equal('assistant');
  });

  it('the rest of the text comes as a last llm-chat-delta before llm-chat-done, even in the frame of a delta', async () => {
    // Frames are driven by hand: requestAnimationFrame only queues until the test runs a frame.
    const queue: FrameRequestCallback[] = [];
    let queued: () => void = () => {};
    const original = window.requestAnimationFrame;
    window.requestAnimationFrame = (callback) => {
      queue.push(callback);
      queued();
      return queue.length;
    };
    const runFrame = () => queue.splice(0).forEach((callback) => callback(performance.now()));
    try {
      const { url } = await scriptedEndpoint({
        chunks: [...sseChunks(['first ']), { ...sseChunks(['last'])[0], delayMs: 300 }, DONE],
      });
      const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
      const deltas: string[] = [];
      const order: string[] = [];
      el.addEventListener('llm-chat-delta', (event) => {
        deltas.push(event.detail.delta);
        order.push(`delta ${event.detail.message.content}`);
      });
      el.addEventListener('llm-chat-done', () => order.push('done'));
      const done = oneEvent(el, 'llm-chat-done');
      const textQueued = new Promise<void>((resolve) => (queued = resolve));
      el.send('Go');
      await textQueued; // the first text is waiting for a frame
      runFrame();
      expect(deltas).to.deep.equal(['first ']);
      // The rest and the end arrive before the next frame: the rest still comes as a delta, first.
      expect((await done).detail.message.content).to.equal('first last');
      expect(deltas).to.deep.equal(['first ', 'last']);
      expect(order).to.deep.equal(['delta first ', 'delta first last', 'done']);
    } finally {
      window.requestAnimationFrame = original;
    }
  });

  it('setting properties from code fires no event', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['ok']), DONE] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    const seen = record(el);
    el.messages = [
      { id: 'u', role: 'user', content: 'Hi', status: 'complete' },
      { id: 'a', role: 'assistant', content: 'Half', status: 'streaming' },
    ];
    el.strings = { send: 'Envoyer' };
    el.endpoint = '/elsewhere';
    el.storageKey = 'events-test';
    el.setAttribute('endpoint', url);
    await el.updateComplete;
    el.messages = [{ id: 'e', role: 'assistant', content: '', status: 'error', error: 'x' }];
    await el.updateComplete;
    el.clear();
    await el.updateComplete;
    expect(seen.map((e) => e.type)).to.deep.equal([]);
    localStorage.removeItem('events-test');
  });

  it('events are typed in GlobalEventHandlersEventMap', async () => {
    const el = document.createElement('llm-stream-chat');
    // These lines only compile if the map knows the events and their details.
    el.addEventListener('llm-chat-delta', (e) => e.detail.delta.toUpperCase());
    el.addEventListener('llm-chat-send', (e) => e.detail.messages.length);
    el.addEventListener('llm-chat-error', (e) => e.detail.reason.length);
    expect(el).to.be.instanceOf(HTMLElement);
  });
});
