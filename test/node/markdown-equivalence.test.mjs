// The pure Markdown pipeline, in Node, from the built package: however a text is chunked, the
// frozen blocks' HTML at the end equals what marked renders for the whole text at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import spec from 'commonmark-spec';
import { MarkdownPipeline, renderWhole } from '../../dist/core/markdown/index.js';
import { llmAnswer, randomChunks, TRICKY } from '../fixtures/markdown/llm-answers.mjs';


/** Chunkings: one per seed, alternating fine (1–3 chars) and coarse (1–40 chars) pieces. */
function chunkings(text, seed, count) {
  return Array.from({ length: count }, (_, k) => randomChunks(text, seed * 1000 + k, k % 2 ? 40 : 3));
}

function stream(chunks, options) {
  const pipeline = new MarkdownPipeline(options);
  const updates = chunks.map((chunk) => pipeline.push(chunk));
  updates.push(pipeline.finish());
  return { pipeline, updates };
}

function checkAll(name, texts, count, options = {}) {
  let runs = 0;
  texts.forEach((text, index) => {
    const expected = renderWhole(text, options);
    for (const [k, chunks] of chunkings(text, index + 1, count).entries()) {
      const { pipeline } = stream(chunks, options);
      assert.equal(pipeline.html, expected, `${name} #${index} (seed ${(index + 1) * 1000 + k}): ${JSON.stringify(text.slice(0, 80))}`);
      runs++;
    }
  });
  return runs;
}

const SPEC_CHUNKINGS = 8;

test(`all ${spec.tests.length} CommonMark 0.31.2 examples, ${SPEC_CHUNKINGS} random chunkings each, equal a one-shot render`, () => {
  const runs = checkAll('CommonMark example', spec.tests.map((t) => t.markdown.replace(/→/g, '\t')), SPEC_CHUNKINGS);
  assert.equal(runs, spec.tests.length * SPEC_CHUNKINGS);
});

test('GFM and tricky constructs equal a one-shot render at every two-piece split and 20 random chunkings', () => {
  for (const [index, text] of TRICKY.entries()) {
    const expected = renderWhole(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const { pipeline } = stream([text.slice(0, cut), text.slice(cut)]);
      assert.equal(pipeline.html, expected, `tricky #${index} cut at ${cut}`);
    }
  }
  checkAll('tricky', TRICKY, 20);
});

test('long LLM-style answers equal a one-shot render, chunked and character by character', () => {
  const answers = Array.from({ length: 8 }, (_, i) => llmAnswer(500 + i, 2000 + i * 500, { codeBlockBytes: i % 4 === 0 ? 3000 : 0 }));
  checkAll('answer', answers, 6);
  for (const answer of answers.slice(0, 2)) {
    assert.equal(stream([...answer]).pipeline.html, renderWhole(answer));
  }
});

test('with images off, the one-shot equivalence holds and images render as their alt text', () => {
  const texts = [...TRICKY, llmAnswer(9, 4000)];
  checkAll('no images', texts, 4, { images: false });
  assert.equal(renderWhole('![alt *x*](https://example.com/a.png)', { images: false }), '<p>alt *x*</p>\n');
  assert.equal(renderWhole('![a](http://example.com/a.png)'), '<p>a</p>\n');
  assert.match(renderWhole('![a](https://example.com/a.png)'), /<img src="https:\/\/example.com\/a.png" alt="a">/);
});

test('a frozen block never changes afterwards, unless a later link definition re-renders it', () => {
  for (const [index, text] of [...TRICKY, llmAnswer(77, 6000)].entries()) {
    for (const chunks of chunkings(text, 50 + index, 4)) {
      const { pipeline, updates } = stream(chunks);
      const firstHtml = new Map();
      const rerendered = new Set();
      for (const update of updates) {
        for (const block of update.frozen) firstHtml.set(block.id, block.html);
        for (const block of update.changed) rerendered.add(block.id);
      }
      for (const block of pipeline.blocks) {
        if (!rerendered.has(block.id)) assert.equal(firstHtml.get(block.id), block.html);
      }
    }
  }
});

test('blocks freeze while the text streams, not only at the end', () => {
  const answer = llmAnswer(3, 8000);
  const { updates } = stream(randomChunks(answer, 3, 8));
  const early = updates.slice(0, -1).reduce((sum, update) => sum + update.frozen.length, 0);
  const total = updates.reduce((sum, update) => sum + update.frozen.length, 0);
  assert.ok(early >= total * 0.9, `${early} of ${total} blocks froze before the end`);
});

test('a late link reference definition re-renders the earlier block that uses it', () => {
  const pipeline = new MarkdownPipeline();
  const first = pipeline.push('See [the docs][d].\n\nMore text.\n\n');
  const second = pipeline.push('[d]: https://example.com/docs\n\nEnd.\n');
  assert.equal(first.frozen[0].html, '<p>See [the docs][d].</p>\n');
  const changed = second.changed.find((block) => block.id === first.frozen[0].id);
  assert.equal(changed?.html, '<p>See <a href="https://example.com/docs">the docs</a>.</p>\n');
});

test('raw HTML that spans blank lines stays one block until its tags balance', () => {
  const pipeline = new MarkdownPipeline();
  const html = '<div>\n\n*inside*\n\n</div>\n\n';
  const update = pipeline.push(`${html}after\n\nmore\n`);
  assert.equal(update.frozen[0].html, renderWhole(html));
  assert.match(update.frozen[0].html, /^<div>[^]*<\/div>$/);
  assert.equal(update.frozen[1].html, '<p>after</p>\n');
});

test('a long open code fence is appended to, never re-lexed, and its display only grows', () => {
  const code = Array.from({ length: 800 }, (_, i) => `let x${i} = "**not markdown**"; // ${i}`).join('\n');
  const text = `Intro\n\n\`\`\`ts\n${code}\n\`\`\`\n\nAfter the code.\n`;
  const pipeline = new MarkdownPipeline();
  let lines = '';
  let codeUpdates = 0;
  let frozenCode;
  for (const chunk of randomChunks(text, 11, 6)) {
    const update = pipeline.push(chunk);
    frozenCode ??= update.frozen.find((block) => block.html.startsWith('<pre>'));
    if (update.live?.kind !== 'code') continue;
    codeUpdates++;
    assert.equal(update.live.lang, 'ts');
    // Appending `added` to what was shown gives all complete lines: the applier never re-reads.
    if (codeUpdates > 1) assert.equal(lines + update.live.added, update.live.lines);
    lines = update.live.lines;
    assert.ok(!/`/.test(update.live.partial), 'a half-typed closing fence is never shown');
  }
  assert.ok(codeUpdates > 1000);
  assert.equal(lines, `${code}\n`);
  // The closed fence froze as soon as the next block started, before the stream ended.
  assert.ok(frozenCode?.html.startsWith('<pre><code class="language-ts">let x0'));
  pipeline.finish();
  assert.equal(pipeline.html, renderWhole(text));
});

test('a CRLF split across chunks is one line end', () => {
  const text = '# Title\r\n\r\npara one\r\nline two\r\n\r\n- a\r\n- b\r\n';
  for (let cut = 0; cut <= text.length; cut++) {
    const { pipeline } = stream([text.slice(0, cut), text.slice(cut)]);
    assert.equal(pipeline.html, renderWhole(text), `cut at ${cut}`);
  }
  assert.equal(renderWhole(text), renderWhole(text.replace(/\r\n/g, '\n')));
});
