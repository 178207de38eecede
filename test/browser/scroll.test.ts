import { expect, nextFrame, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { scriptedEndpoint } from '../support/script-client.js';
import {
  DONE,
  chatFixture,
  distanceFromBottom,
  everyFrame,
  inputOf,
  isShown,
  logOf,
  paragraphChunks,
  part,
  untilDelta,
} from './ui-helpers.js';
import { clickControl } from '../support/user-input.js';

// A long answer: 150 paragraphs, 10 ms apart (about 1.5 s), in a 240 px tall element.
const LONG = { chunks: [...paragraphChunks(150, 10), DONE] };

/** Sends for the long answer; resolves once it overflows the log `times` over, still streaming. */
async function streamLongAnswer(times = 2) {
  const { url } = await scriptedEndpoint(LONG);
  const el = await chatFixture(url);
  const log = logOf(el);
  const done = oneEvent(el, 'llm-chat-done');
  el.send('A long answer, please');
  await untilDelta(el, () => log.scrollHeight > log.clientHeight * times);
  return { el, log, done };
}

describe('scroll anchoring', () => {
  it('follows a long stream: within 2 px of the bottom at every frame', async () => {
    const { url } = await scriptedEndpoint(LONG);
    const el = await chatFixture(url);
    const log = logOf(el);
    let worst = 0;
    let deltas = 0;
    el.addEventListener('llm-chat-delta', async () => {
      await el.updateComplete;
      deltas++;
      worst = Math.max(worst, distanceFromBottom(log));
    });
    const done = oneEvent(el, 'llm-chat-done');
    el.send('A long answer, please');
    const frames = await everyFrame(done, () => {
      worst = Math.max(worst, distanceFromBottom(log));
    });
    await el.updateComplete;
    expect(worst, 'largest distance from the bottom seen').to.be.at.most(2);
    expect(distanceFromBottom(log)).to.be.at.most(2);
    // It really was a long stream that overflowed many times over.
    expect(log.scrollHeight).to.be.greaterThan(log.clientHeight * 10);
    expect(frames).to.be.greaterThan(20);
    expect(deltas).to.be.greaterThan(20);
    expect(isShown(part(el, 'jump-button'))).to.be.false;
  });

  it('a scroll up mid-stream (a scrollbar drag) unpins: scrollTop never changes for the rest of the stream', async () => {
    const { el, log, done } = await streamLongAnswer();

    log.scrollTop = 40; // what dragging the scrollbar thumb up does: no wheel, no key
    await oneEvent(log, 'scroll');
    const top = log.scrollTop;
    const heightWhenUnpinned = log.scrollHeight;
    await el.updateComplete;
    expect(isShown(part(el, 'jump-button')), 'jump button').to.be.true;

    await everyFrame(done, () => expect(log.scrollTop).to.equal(top));
    await el.updateComplete;
    expect(log.scrollTop).to.equal(top);
    expect(log.scrollHeight, 'the answer kept growing after the scroll').to.be.greaterThan(heightWhenUnpinned + 500);
    expect(part(el, 'new-content-indicator'), 'new-content indicator').to.exist;
  });

  it('a keyboard scroll up (PageUp in the log) unpins', async () => {
    const { log, done } = await streamLongAnswer(3);

    log.focus();
    await sendKeys({ press: 'PageUp' });
    // Wait for the browser's own (smooth) keyboard scroll to finish. `scrollend` also follows
    // the element's last scroll to the bottom, which ends near the bottom: skip that one.
    do await oneEvent(log, 'scrollend');
    while (distanceFromBottom(log) < log.clientHeight / 2);
    const top = log.scrollTop;

    await everyFrame(done, () => expect(log.scrollTop).to.equal(top));
    expect(log.scrollTop).to.equal(top);
  });

  it('a wheel up unpins at input time, before any scroll event', async () => {
    const { el, log, done } = await streamLongAnswer();

    // A synthetic wheel does not scroll: the view is still at the bottom, but must now stay put.
    log.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true, cancelable: true }));
    const top = log.scrollTop;
    await everyFrame(done, () => expect(log.scrollTop).to.equal(top));
    await el.updateComplete;
    expect(distanceFromBottom(log)).to.be.greaterThan(500);
    expect(isShown(part(el, 'jump-button'))).to.be.true;
  });

  it('a touch drag down (scrolling up) unpins at input time', async () => {
    const { log, done } = await streamLongAnswer();

    const touch = (y: number) => new Touch({ identifier: 1, target: log, clientX: 50, clientY: y });
    log.dispatchEvent(new TouchEvent('touchstart', { touches: [touch(100)], bubbles: true }));
    log.dispatchEvent(new TouchEvent('touchmove', { touches: [touch(140)], bubbles: true }));
    const top = log.scrollTop;
    await everyFrame(done, () => expect(log.scrollTop).to.equal(top));
    expect(distanceFromBottom(log)).to.be.greaterThan(500);
  });

  it('"Jump to latest" re-pins: the view follows again for the rest of the stream', async () => {
    const { el, log, done } = await streamLongAnswer();
    log.scrollTop = 0;
    await oneEvent(log, 'scroll');
    await untilDelta(el, () => part(el, 'new-content-indicator') !== null);

    const jump = part<HTMLButtonElement>(el, 'jump-button')!;
    expect(jump.textContent).to.contain('Jump to latest');
    await clickControl(jump);
    await el.updateComplete;
    expect(distanceFromBottom(log)).to.be.at.most(2);
    expect(isShown(part(el, 'jump-button'))).to.be.false;
    expect(part(el, 'new-content-indicator')).to.be.null;
    expect(el.shadowRoot!.activeElement, 'focus moves to the input, not lost with the button').to.equal(inputOf(el));

    let worst = 0;
    await everyFrame(done, () => (worst = Math.max(worst, distanceFromBottom(log))));
    await el.updateComplete;
    expect(worst).to.be.at.most(2);
    expect(distanceFromBottom(log)).to.be.at.most(2);
  });

  it('scrolling back down to the bottom re-pins', async () => {
    const { el, log, done } = await streamLongAnswer();
    log.scrollTop = 0;
    await oneEvent(log, 'scroll');
    await untilDelta(el, () => distanceFromBottom(log) > 100);

    log.scrollTop = log.scrollHeight;
    await oneEvent(log, 'scroll');
    let worst = 0;
    await everyFrame(done, () => (worst = Math.max(worst, distanceFromBottom(log))));
    await el.updateComplete;
    expect(worst).to.be.at.most(2);
  });

  it('catches late growth with a ResizeObserver (an image that loads after the answer)', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...paragraphChunks(30, 0), DONE] });
    const el = await chatFixture(url);
    const log = logOf(el);
    el.send('Hi');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    expect(distanceFromBottom(log)).to.be.at.most(2);

    // No Lit update happens: only the layout changes, as when an image finishes loading.
    const late = document.createElement('div');
    late.style.blockSize = '400px';
    el.shadowRoot!.querySelector('.message.assistant .content')!.append(late);
    expect(distanceFromBottom(log)).to.be.greaterThan(300);
    // The next frame lays the growth out and delivers ResizeObserver callbacks; check after it.
    await nextFrame();
    await nextFrame();
    expect(distanceFromBottom(log)).to.be.at.most(2);
  });

  it('late growth while unpinned leaves the view alone and shows the new-content indicator', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...paragraphChunks(30, 0), DONE] });
    const el = await chatFixture(url);
    const log = logOf(el);
    el.send('Hi');
    await oneEvent(el, 'llm-chat-done');
    log.scrollTop = 10;
    await oneEvent(log, 'scroll');
    const late = document.createElement('div');
    late.style.blockSize = '400px';
    el.shadowRoot!.querySelector('.message.assistant .content')!.append(late);
    await nextFrame();
    await nextFrame();
    await el.updateComplete;
    expect(log.scrollTop).to.equal(10);
    expect(part(el, 'new-content-indicator')).to.exist;
  });

  it('sending a message re-pins', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...paragraphChunks(30, 0), DONE] });
    const el = await chatFixture(url);
    const log = logOf(el);
    el.send('Hi');
    await oneEvent(el, 'llm-chat-done');
    log.scrollTop = 0;
    await oneEvent(log, 'scroll');
    await el.updateComplete;
    expect(isShown(part(el, 'jump-button'))).to.be.true;

    el.send('And again');
    await el.updateComplete;
    expect(distanceFromBottom(log)).to.be.at.most(2);
    expect(isShown(part(el, 'jump-button'))).to.be.false;
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    expect(distanceFromBottom(log)).to.be.at.most(2);
  });

  it('a restored long conversation opens at its bottom', async () => {
    const el = await chatFixture('/api/chat');
    el.messages = Array.from({ length: 40 }, (_, i) => ({
      id: `m${i}`,
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `Message ${i}`,
      status: 'complete' as const,
    }));
    await el.updateComplete;
    expect(distanceFromBottom(logOf(el))).to.be.at.most(2);
  });

  it('the browser does not move the log by itself (overflow-anchor: none)', async () => {
    const el = await chatFixture('/api/chat');
    expect(getComputedStyle(logOf(el)).overflowAnchor).to.equal('none');
  });
});
