// DOM equivalence in Chromium: however a message's text arrives, the DOM at the end is the DOM
// of a one-shot render of the full text (what a message restored through `messages` shows).
import { expect } from '@open-wc/testing';
import { MarkdownView } from '../../src/markdown/markdown-view.js';
import { llmAnswer, randomChunks, TRICKY } from '../fixtures/markdown/llm-answers.mjs';

/** The CommonMark examples, read from the commonmark-spec package the dev server serves. */
async function specExamples(): Promise<string[]> {
  const text = await (await fetch('/node_modules/commonmark-spec/spec.txt')).text();
  const tests = text.replace(/\r\n?/g, '\n').replace(/^<!-- END TESTS -->[^]*/m, '');
  return [...tests.matchAll(/^`{32} example\n([\s\S]*?)^\.\n[\s\S]*?^`{32}$/gm)].map((m) => m[1]!.replace(/→/g, '\t'));
}


function oneShot(text: string, images = true): HTMLElement {
  const container = document.createElement('div');
  new MarkdownView(container, { images }).update(text, true);
  return container;
}

/** Streams the pieces through a view as the directive does: the growing text, then final. */
function streamed(pieces: string[], images = true): HTMLElement {
  const container = document.createElement('div');
  const view = new MarkdownView(container, { images });
  let text = '';
  for (const piece of pieces) view.update((text += piece), false);
  view.update(text, true);
  return container;
}

function expectSame(actual: HTMLElement, expected: HTMLElement, label: string) {
  if (actual.innerHTML !== expected.innerHTML) expect(actual.innerHTML, label).to.equal(expected.innerHTML);
  expect(actual.isEqualNode(expected), label).to.be.true;
}

describe('Markdown DOM equivalence (streamed vs one-shot)', () => {
  it('holds for every CommonMark example under 4 random chunkings', async function () {
    this.timeout(120_000);
    const examples = await specExamples();
    expect(examples).to.have.length(652);
    examples.forEach((text, index) => {
      const expected = oneShot(text);
      for (let k = 0; k < 4; k++) {
        const seed = index * 10 + k;
        expectSame(streamed(randomChunks(text, seed, k % 2 ? 24 : 3)), expected, `example ${index + 1}, seed ${seed}`);
      }
    });
  });

  it('holds for GFM and tricky constructs at every two-piece split', function () {
    this.timeout(120_000);
    for (const [index, text] of TRICKY.entries()) {
      const expected = oneShot(text);
      for (let cut = 0; cut <= text.length; cut++) {
        expectSame(streamed([text.slice(0, cut), text.slice(cut)]), expected, `tricky ${index} cut at ${cut}`);
      }
    }
  });

  it('holds for long LLM-style answers, with and without images', function () {
    this.timeout(120_000); // a correctness test, not a speed test: the machine may be busy
    for (let i = 0; i < 4; i++) {
      const text = llmAnswer(700 + i, 2500 + i * 1500, { codeBlockBytes: i === 0 ? 6000 : 0 });
      const images = i % 2 === 0;
      const expected = oneShot(text, images);
      for (let k = 0; k < 3; k++) expectSame(streamed(randomChunks(text, i * 10 + k, 8 + k * 24), images), expected, `answer ${i}, chunking ${k}`);
    }
    // Long enough for several chunks of blocks (div.md-chunk).
    const long = llmAnswer(800, 30_000);
    const expected = oneShot(long);
    expect(expected.querySelectorAll('.md-chunk').length).to.be.greaterThan(2);
    expectSame(streamed(randomChunks(long, 800, 60)), expected, 'long answer');
  });

  it('holds when late link definitions re-render many blocks at once, raw HTML among them', () => {
    // Blocks naming [r] re-render together when its definition arrives (in one sanitizer call
    // where that is safe): raw HTML that would parse differently beside other blocks must not.
    // Inline raw HTML (a line starting with a tag would be an HTML block, where no link parses).
    const raw = [
      'Unclosed <b>bold [x][r] and on.',
      'x <textarea>[y][r]',
      'x </div> stray [z][r] end tag',
      'A <a title="</b>"><b>trick</b></a> [w][r].',
      'x <table><tr><td>[t][r]',
      'x <frameset> [f][r]',
      'plain [p][r] *emphasis* `code` ~~gone~~',
    ];
    // All of them; then only those that leave the count of wrappers right but would leak into
    // the next block (an unclosed <b> is re-opened by the parser after the block's end).
    for (const kinds of [raw, [raw[0]!, raw[3]!, raw[6]!]]) {
      const blocks = Array.from({ length: 40 }, (_, i) => kinds[i % kinds.length]!.replace(/\]\[r\]/, `$& ${i}`));
      const text = `${blocks.join('\n\n')}\n\n- item [l][r]\n- item two\n\n[r]: https://example.com/r "R"\n`;
      const expected = oneShot(text);
      expect(expected.querySelectorAll('a[href="https://example.com/r"]').length).to.be.greaterThan(20);
      for (let k = 0; k < 4; k++) expectSame(streamed(randomChunks(text, 900 + k, k === 0 ? 2000 : 9)), expected, `${kinds.length} kinds, chunking ${k}`);
    }
  });
});
