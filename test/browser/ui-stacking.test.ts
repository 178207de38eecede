import { expect, fixture, html, nextFrame, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';
import { centreOf, clickControl, topmostAtCentreOf } from '../support/user-input.js';
import { DONE, distanceFromBottom, everyFrame, isShown, logOf, part, parts, untilDelta } from './ui-helpers.js';

// Controls must be drawn over any model content, by stacking: the blocks of an answer sit in
// chunks with layout containment (each its own stacking context, painted after in-flow content),
// so without an explicit stacking order they covered the "Jump to latest" button.

const LONG_CELL = 'a cell of a wide table, with enough words in it to wrap across the width of the view';
const LONG_LINE = 'const value = compute(input, options); // a long line of code that fills the width of the block';

/** Content of each kind, as Markdown pieces streamed one after the other. */
const KINDS = {
  table: {
    hit: 'TD',
    pieces: Array.from({ length: 12 }, (_, t) => [
      `| Name ${t} | Description |\n| --- | --- |\n`,
      ...Array.from({ length: 8 }, (_, r) => `| ${LONG_CELL} ${t}.${r} | ${LONG_CELL} |\n`),
      '\n',
    ]).flat(),
  },
  'code block': {
    hit: 'CODE',
    pieces: Array.from({ length: 8 }, (_, b) => [
      '```js\n',
      ...Array.from({ length: 12 }, (_, l) => `${LONG_LINE} ${b}.${l}\n`),
      '```\n\n',
    ]).flat(),
  },
  // No image can load here (only https images are shown, and the test network is plain HTTP on
  // loopback), so these are broken images: the browser draws each as a box with its alt text.
  image: {
    hit: 'IMG',
    pieces: Array.from(
      { length: 80 },
      (_, i) =>
        `![A diagram that could not be loaded, number ${i}, described at length](https://127.0.0.1:9/diagram-${i}.png)\n\n`,
    ),
  },
} as const;

/** A 700 × 500 px element, as in the report of the bug; `dir` and colour scheme as given. */
async function wideChat(url: string, dir: 'ltr' | 'rtl' = 'ltr'): Promise<LlmStreamChat> {
  return fixture<LlmStreamChat>(
    html`<llm-stream-chat
      endpoint=${url}
      dir=${dir}
      style="--llm-chat-height: 500px; inline-size: 700px; --llm-chat-max-width: 700px"
    ></llm-stream-chat>`,
  );
}

/** The first element of model content under the centre of `control`, skipping the control itself. */
function contentUnder(el: LlmStreamChat, control: Element): Element | undefined {
  const [x, y] = centreOf(control);
  return el.shadowRoot!.elementsFromPoint(x, y).find((hit) => hit.closest('.md-block') !== null);
}

/** What is drawn on top at the centre of `control`: 'the control' (or a child of it), or a tag name. */
function onTop(control: Element): string {
  const top = topmostAtCentreOf(control);
  return top && control.contains(top) ? 'the control' : `<${top?.localName}>`;
}

/**
 * Streams `pieces` (10 ms apart), scrolls the log up as a scrollbar drag does once it overflows,
 * and moves the view until an element named `hit` lies under the centre of "Jump to latest".
 */
async function scrolledUpOver(el: LlmStreamChat, hit: string) {
  const log = logOf(el);
  const done = oneEvent(el, 'llm-chat-done');
  done.catch(() => {});
  el.send('Show me');
  await untilDelta(el, () => log.scrollHeight > log.clientHeight * 3);
  log.scrollTop = log.clientHeight;
  await oneEvent(log, 'scroll');
  await el.updateComplete;
  const jump = part(el, 'jump-button')!;
  expect(isShown(jump), 'jump button after scrolling up').to.be.true;
  // Gaps between blocks leave the message's own background under the button: step past them.
  for (let step = 0; step < 40 && contentUnder(el, jump)?.tagName !== hit; step++) {
    log.scrollTop += 6;
    await oneEvent(log, 'scroll');
  }
  expect(contentUnder(el, jump)?.tagName, `content under the jump button`).to.equal(hit);
  return { log, jump, done };
}

describe('controls are drawn over model content', () => {
  afterEach(() => emulateMedia({ colorScheme: 'no-preference' }));

  for (const [kind, { hit, pieces }] of Object.entries(KINDS)) {
    it(`a real click on "Jump to latest" over a ${kind} re-pins the view while the answer streams`, async () => {
      const { url } = await scriptedEndpoint({ chunks: [...sseChunks(pieces, 10), DONE] });
      const el = await wideChat(url);
      const { log, jump, done } = await scrolledUpOver(el, hit);
      expect(onTop(jump), 'drawn on top at the centre of the jump button').to.equal('the control');

      await clickControl(el, 'jump-button');
      await el.updateComplete;
      expect(distanceFromBottom(log)).to.be.at.most(2);
      expect(isShown(part(el, 'jump-button'))).to.be.false;
      let worst = 0;
      await everyFrame(done, () => (worst = Math.max(worst, distanceFromBottom(log))));
      await el.updateComplete;
      expect(worst, 'followed the stream to its end').to.be.at.most(2);
    });
  }

  for (const [scheme, dir] of [
    ['dark', 'rtl'],
    ['light', 'rtl'],
    ['dark', 'ltr'],
  ] as const) {
    it(`every control is on top of the content next to it (${scheme}, ${dir})`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const answer = [...KINDS['code block'].pieces.slice(0, 30), ...KINDS.table.pieces.slice(0, 40)];
      // The answer stays open after these pieces: the stop button is pressed to end it.
      const { url } = await scriptedEndpoint({ chunks: sseChunks(answer, 5), hang: true });
      const el = await wideChat(url, dir);
      const { jump } = await scrolledUpOver(el, 'CODE');
      expect(onTop(jump), 'drawn on top at the centre of the jump button').to.equal('the control');
      expect(onTop(part(el, 'stop-button')!), 'stop button').to.equal('the control');
      const stopped = oneEvent(el, 'llm-chat-stop');
      await clickControl(el, 'stop-button');
      await stopped;
      await el.updateComplete;

      // The copy button of every code block, and the actions under the answer.
      const copies = parts(el, 'copy-button');
      expect(copies.length).to.be.greaterThan(1);
      for (const copy of copies) {
        copy.scrollIntoView({ block: 'center' });
        await nextFrame();
        expect(onTop(copy), 'copy button of a code block').to.equal('the control');
      }
      const regenerate = part(el, 'regenerate-button')!;
      regenerate.scrollIntoView({ block: 'center' });
      await nextFrame();
      expect(onTop(regenerate), 'regenerate button').to.equal('the control');
      expect(onTop(part(el, 'send-button')!), 'send button').to.equal('the control');
    });
  }
});
