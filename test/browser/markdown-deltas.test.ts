// The delta hint: a streaming answer's view is told what its text gained since the last render, so
// that it never reads (and flattens) the whole text per frame. The hint is trusted only when the
// lengths agree; any other hint falls back to the probe check. Either way the DOM at the end is a
// one-shot render's.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { MarkdownView } from '../../src/markdown/markdown-view.js';
import { llmAnswer, prng, randomChunks, TRICKY } from '../fixtures/markdown/llm-answers.mjs';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';


function oneShot(text: string): HTMLElement {
  const container = document.createElement('div');
  new MarkdownView(container).update(text, true);
  return container;
}

function expectSame(actual: HTMLElement, expected: HTMLElement, label: string) {
  if (actual.innerHTML !== expected.innerHTML) expect(actual.innerHTML, label).to.equal(expected.innerHTML);
  expect(actual.isEqualNode(expected), label).to.be.true;
}

describe('MarkdownView delta hints', () => {
  it('streamed with exact hints, ends equal to a one-shot render', function () {
    this.timeout(60_000);
    const texts = [...TRICKY, llmAnswer(31, 6000, { codeBlockBytes: 1500 }), llmAnswer(32, 30_000)];
    texts.forEach((text, index) => {
      for (const max of [3, 40]) {
        const container = document.createElement('div');
        const view = new MarkdownView(container);
        let full = '';
        for (const piece of randomChunks(text, index * 7 + max, max)) view.update((full += piece), false, piece);
        view.update(full, true, '');
        expectSame(container, oneShot(text), `text ${index}, pieces of at most ${max}`);
      }
    });
  });

  it('falls back to the probe check when a hint does not match the length, and still ends equal', () => {
    const text = llmAnswer(33, 8000, { codeBlockBytes: 1200 });
    const rand = prng(34);
    const container = document.createElement('div');
    const view = new MarkdownView(container);
    let full = '';
    for (const piece of randomChunks(text, 35, 30)) {
      full += piece;
      // A third of the hints are wrong (a piece short, or one left out), a third missing.
      const roll = rand();
      const hint = roll < 0.2 ? piece.slice(1) : roll < 0.33 ? `${piece}x` : roll < 0.66 ? undefined : piece;
      view.update(full, false, hint);
    }
    view.update(full, true, 'not the delta');
    expectSame(container, oneShot(text), 'mixed hints');
  });

  it('renders a replaced text from scratch when the hint does not fit it', () => {
    const container = document.createElement('div');
    const view = new MarkdownView(container);
    view.update('# Old title\n\nold text', false, '# Old title\n\nold text');
    view.update('Entirely *new* text, longer than before.', false, ' stale');
    view.update('Entirely *new* text, longer than before.', true);
    expectSame(container, oneShot('Entirely *new* text, longer than before.'), 'replaced');
  });

  it('ignores hints once the text is final: a new text is rendered from scratch', () => {
    const container = document.createElement('div');
    const view = new MarkdownView(container);
    view.update('first answer', true, 'first answer');
    // Same length plus the hint's: trusted while streaming, but this view's pipeline is done.
    view.update('other answer!', false, '!');
    view.update('other answer!', true);
    expectSame(container, oneShot('other answer!'), 'after final');
  });

  it('takes a matching hint as it is, without reading the text (the contract callers keep)', () => {
    const container = document.createElement('div');
    const view = new MarkdownView(container);
    view.update('abc', false, 'abc');
    // The text says "abcdef", the hint "XYZ": the view trusts the hint, as documented.
    view.update('abcdef', false, 'XYZ');
    view.update('abcdef', true, '');
    expect(container.textContent!.trim()).to.equal('abcXYZ');
  });
});

describe('the element passes deltas to its Markdown view', () => {
  it('hints every streaming render, each matching, and ends with the one-shot DOM', async () => {
    const answer = llmAnswer(36, 3000, { codeBlockBytes: 600 });
    // 1 ms apart: the answer spans many frames, so many renders each get a delta.
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(randomChunks(answer, 37, 8), 1), { text: 'data: [DONE]\n\n' }] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    const calls: { length: number; added: string | undefined }[] = [];
    const original = MarkdownView.prototype.update;
    MarkdownView.prototype.update = function (this: MarkdownView, text: string, final: boolean, added?: string) {
      calls.push({ length: text.length, added });
      original.call(this, text, final, added);
    };
    try {
      el.send('hi');
      await oneEvent(el, 'llm-chat-done');
      await el.updateComplete;
    } finally {
      MarkdownView.prototype.update = original;
    }
    // Renders of the answer whose text grew: each came with a hint of exactly the growth.
    let previous = 0;
    let grew = 0;
    for (const { length, added } of calls) {
      if (length === previous) continue;
      grew++;
      expect(added, `hint at ${length}`).to.be.a('string');
      expect(length - previous, `hint at ${length}`).to.equal(added!.length);
      previous = length;
    }
    expect(grew).to.be.greaterThan(3);
    expect(previous).to.equal(answer.length);
    // The content's children only: the content element itself carries the element's attributes.
    const content = document.createElement('div');
    for (const node of el.shadowRoot!.querySelector('.message.assistant .content')!.childNodes) content.append(node.cloneNode(true));
    expectSame(content, oneShot(answer), 'element');
  });
});
