// Incremental Markdown through the element, from a real server on 127.0.0.1: frozen blocks keep
// their nodes while the answer streams on, DOM updates are coalesced per frame, the streamed DOM
// equals a restored message's, and code blocks are copyable, scrollable and highlighted once.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { MarkdownView } from '../../src/markdown/markdown-view.js';
import { llmAnswer, prng } from '../fixtures/markdown/llm-answers.mjs';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';

/** An answer's SSE chunks: seeded random pieces of 1–8 characters, `delayMs` apart. */
async function answerEndpoint(answer: string, seed: number, delayMs: number) {
  const rand = prng(seed);
  const pieces: string[] = [];
  for (let i = 0; i < answer.length; ) {
    const n = 1 + Math.floor(rand() * 8);
    pieces.push(answer.slice(i, i + n));
    i += n;
  }
  return scriptedEndpoint({ chunks: [...sseChunks(pieces, delayMs), { text: 'data: [DONE]\n\n' }] });
}

async function chat(url: string): Promise<LlmStreamChat> {
  return fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
}

function answerContent(el: LlmStreamChat): HTMLElement {
  const all = el.shadowRoot!.querySelectorAll<HTMLElement>('.message.assistant .content');
  return all[all.length - 1]!;
}

describe('incremental Markdown in the element', () => {
  it('never replaces or touches a frozen block while the stream continues', async () => {
    const answer = llmAnswer(42, 3000, { references: false });
    const { url } = await answerEndpoint(answer, 1, 2);
    const el = await chat(url);
    el.send('hi');
    await waitUntil(() => answerContent(el)?.querySelectorAll('.md-block:not(.md-live)').length >= 2, 'no block froze');
    const content = answerContent(el);
    const first = content.querySelector<HTMLElement>('.md-block')!;
    const frozenAtStart = content.querySelectorAll('.md-block:not(.md-live)').length;
    const mutations: MutationRecord[] = [];
    const observer = new MutationObserver((records) => mutations.push(...records));
    observer.observe(first, { subtree: true, childList: true, characterData: true, attributes: true });
    // A selection the user made in the frozen block survives: its nodes stay.
    const range = document.createRange();
    range.selectNodeContents(first);
    const selected = range.toString();
    expect(selected).not.to.equal('');

    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    mutations.push(...observer.takeRecords());
    observer.disconnect();
    expect(mutations, 'mutations inside the first frozen block').to.have.length(0);
    expect(first.isConnected).to.be.true;
    expect(content.querySelector('.md-block')).to.equal(first);
    expect(range.toString()).to.equal(selected);
    expect(content.querySelectorAll('.md-block').length).to.be.greaterThan(frozenAtStart + 3);
  });

  it('morphs the live block instead of rebuilding it', async () => {
    const { url } = await answerEndpoint('A single paragraph that keeps growing word by word for a while, '.repeat(8), 2, 3);
    const el = await chat(url);
    el.send('hi');
    await waitUntil(() => answerContent(el)?.querySelector('.md-live p'), 'no live paragraph');
    const paragraph = answerContent(el).querySelector('.md-live p')!;
    const before = paragraph.textContent!;
    await waitUntil(() => paragraph.textContent!.length > before.length + 40, 'the paragraph did not grow in place');
    expect(answerContent(el).contains(paragraph)).to.be.true;
    await oneEvent(el, 'llm-chat-done');
  });

  it('updates the DOM at most once per animation frame, however fast tokens arrive', async () => {
    const tokens = Array.from({ length: 300 }, (_, i) => (i % 40 === 39 ? 'end.\n\n' : `w${i} `));
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(tokens, 1), { text: 'data: [DONE]\n\n' }] });
    const el = await chat(url);
    el.send('hi');
    await el.updateComplete;
    let frame = 0;
    let running = true;
    const tick = () => {
      frame++;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const frames: number[] = [];
    const observer = new MutationObserver(() => frames.push(frame));
    observer.observe(answerContent(el), { subtree: true, childList: true, characterData: true, attributes: true });
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    running = false;
    observer.disconnect();
    const repeats = frames.filter((f, i) => i > 0 && frames[i - 1] === f).length;
    // The final update (stream end) may land in the same frame as the last coalesced one.
    expect(repeats).to.be.at.most(1);
    expect(frames.length).to.be.lessThan(tokens.length / 3);
  });

  it('ends with the same DOM as the answer restored through messages', async () => {
    for (const [seed, answer] of [llmAnswer(5, 5000), llmAnswer(6, 3000, { codeBlockBytes: 2500 })].entries()) {
      const { url } = await answerEndpoint(answer, seed, 0);
      const el = await chat(url);
      el.send('hi');
      await oneEvent(el, 'llm-chat-done');
      await el.updateComplete;
      const restored = await fixture<LlmStreamChat>(html`<llm-stream-chat .messages=${el.messages}></llm-stream-chat>`);
      const streamed = answerContent(el);
      const once = answerContent(restored);
      expect(streamed.innerHTML).to.equal(once.innerHTML);
      expect(streamed.isEqualNode(once)).to.be.true;
    }
  });
});

describe('code blocks', () => {
  const code = `const veryLongLine = ${JSON.stringify('x'.repeat(400))};\nconsole.log(veryLongLine);\n`;
  const answer = `Here:\n\n\`\`\`ts\n${code}\`\`\`\n\nAnd in Python:\n\n\`\`\`python\nprint("hi")\n\`\`\`\n\nDone.\n`;

  it('carry the language class, a labelled copy button and a keyboard-focusable horizontal scroller', async () => {
    const { url } = await answerEndpoint(answer, 3, 0);
    const el = await chat(url);
    el.send('hi');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    const block = answerContent(el).querySelector('.code-block')!;
    const pre = block.querySelector('pre')!;
    expect(pre.querySelector('code')!.className).to.equal('language-ts');
    expect(getComputedStyle(pre).overflowX).to.equal('auto');
    expect(pre.scrollWidth).to.be.greaterThan(pre.clientWidth);
    expect(pre.tabIndex).to.equal(0);
    const button = block.querySelector('button')!;
    expect(button.type).to.equal('button');
    expect(button.getAttribute('aria-label')).to.equal('Copy code');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('copy their code with Enter or Space on the focused button', async () => {
    const copied: string[] = [];
    // A stand-in clipboard on the instance; deleting it brings back the prototype's.
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void copied.push(text) } });
    try {
      const { url } = await answerEndpoint(answer, 4, 0);
      const el = await chat(url);
      el.send('hi');
      await oneEvent(el, 'llm-chat-done');
      await el.updateComplete;
      const buttons = answerContent(el).querySelectorAll<HTMLButtonElement>('.code-copy-button');
      buttons[0]!.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => copied.length === 1);
      expect(copied[0]).to.equal(code);
      await waitUntil(() => buttons[0]!.getAttribute('aria-label') === 'Copied');
      buttons[1]!.focus();
      await sendKeys({ press: 'Space' });
      await waitUntil(() => copied.length === 2);
      expect(copied[1]).to.equal('print("hi")\n');
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('are highlighted once each, when complete, never while they stream', async () => {
    const calls: [string, string][] = [];
    const { url } = await answerEndpoint(answer, 5, 1);
    const el = await chat(url);
    el.highlight = (text, language) => {
      calls.push([text, language]);
      return `<span class="hl-${language}">${text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</span>`;
    };
    el.send('hi');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    expect(calls).to.deep.equal([[code, 'ts'], ['print("hi")\n', 'python']]);
    expect(answerContent(el).querySelector('code.language-python span.hl-python')?.textContent).to.equal('print("hi")\n');
  });

  it('stay plain, with the answer intact, when the highlighter throws', () => {
    const errors: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      const container = document.createElement('div');
      const view = new MarkdownView(container, {
        highlight: () => {
          throw new Error('broken highlighter');
        },
      });
      view.update('```js\nlet a = 1;\n```\n\nafter', true);
      expect(container.querySelector('pre code.language-js')?.textContent).to.equal('let a = 1;\n');
      expect(container.textContent).to.contain('after');
      expect(errors).to.have.length(1);
    } finally {
      console.error = original;
    }
  });
});
