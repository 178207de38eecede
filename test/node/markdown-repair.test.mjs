// Tail repair: while an answer streams, no raw syntax may flash that a later chunk makes
// disappear. Display only: frozen blocks and the final render never go through it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkdownPipeline, renderWhole, repairTail } from '../../dist/core/markdown/index.js';
import { llmAnswer, prng } from '../fixtures/markdown/llm-answers.mjs';

const CASES = [
  // Open inline markers are closed; bare trailing markers are hidden.
  ['Hello **wor', 'Hello **wor**'],
  ['Hello *wor', 'Hello *wor*'],
  ['Hello _wor', 'Hello _wor_'],
  ['a ~~strik', 'a ~~strik~~'],
  ['a **b *c', 'a **b *c***'],
  ['***bo', '***bo***'],
  ['> quote **bo', '> quote **bo**'],
  ['- a\n- **b', '- a\n- **b**'],
  ['text **', 'text'],
  ['text *', 'text'],
  ['**a** and **', '**a** and'],
  ['price 5*', 'price 5'],
  ['snake_case_var', 'snake_case_var'],
  ['**bold**', '**bold**'],
  // Code spans.
  ['use `code', 'use `code`'],
  ['`a` and `b', '`a` and `b`'],
  ['x `', 'x'],
  // Links and images whose URL is half there.
  ['[link](https://exa', 'link'],
  ['[text][re', 'text'],
  ['[lin', 'lin'],
  ['[a](b) *c', '[a](b) *c*'],
  ['[x] and', '[x] and'],
  ['![img](https://exa', ''],
  ['[foo]: /ur', ''],
  // Half tags, entities, escapes and a `!` that may start an image.
  ['see <https://exa', 'see'],
  ['<di', ''],
  ['AT&am', 'AT'],
  ['a\\', 'a'],
  ['Hello!', 'Hello'],
  // Marker-only last lines.
  ['# ', ''],
  ['- item\n-', '- item'],
  ['hello\n=', 'hello'],
  ['- [ ]', ''],
  ['1. <kb', ''],
  ['Title\n---\nmore *x', 'Title\n---\nmore *x*'],
  // Fences: shown as code at once; a half-typed closing fence is hidden.
  ['```js\nconst a', '```js\nconst a'],
  ['```\ncode\n``', '```\ncode\n'],
  ['~~~\ncode\n~', '~~~\ncode\n'],
  // Tables: the header waits for its delimiter row; a half row is hidden.
  ['| a | b |', ''],
  ['| a | b |\n| -', '\n'],
  ['| a | b |\n| --- | --- |\n| 1 | 2', '| a | b |\n| --- | --- |\n'],
];

test('repairTail hides or completes what a later chunk would change', () => {
  for (const [input, expected] of CASES) assert.equal(repairTail(input), expected, JSON.stringify(input));
});

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

/** The text a reader sees in rendered HTML, without whitespace. */
function visible(html) {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name) => ENTITIES[name])
    .replace(/\s+/g, '');
}

/** Whether every character of `shown` appears in `final`, in order: nothing shown vanishes. */
function isSubsequence(shown, final) {
  let at = 0;
  for (const ch of shown) {
    at = final.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}

/** What the live view shows, as HTML (a live code block is text, so it is escaped). */
function liveText(live) {
  if (live === null) return '';
  if (live.kind === 'code') return (live.lines + live.partial).replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
  if (live.kind === 'list') return live.items.join('');
  return live.html;
}

// Answers without reference links: a definition arriving at the end legitimately turns earlier
// `[text][ref]` into links, which no repair can foresee.
const ANSWERS = Array.from({ length: 6 }, (_, i) => llmAnswer(300 + i, 5000, { references: false }));

test('no live render of an LLM-style answer shows syntax that later disappears', (t) => {
  let renders = 0;
  for (const [index, answer] of ANSWERS.entries()) {
    const final = visible(renderWhole(answer));
    const rand = prng(index + 1);
    const pipeline = new MarkdownPipeline();
    let frozen = '';
    for (let i = 0; i < answer.length; ) {
      const n = 1 + Math.floor(rand() * 8);
      const update = pipeline.push(answer.slice(i, i + n));
      i += n;
      for (const block of update.frozen) frozen += block.html;
      const live = liveText(update.live);
      const shown = visible(frozen + live);
      renders++;
      assert.ok(isSubsequence(shown, final), `answer ${index} at ${i}: …${JSON.stringify(answer.slice(Math.max(0, i - 40), i))}`);
    }
  }
  t.diagnostic(`${renders} live renders checked`);
});

test('the check has teeth: rendering each prefix without repair does flash raw syntax', (t) => {
  let renders = 0;
  let flashes = 0;
  for (const answer of ANSWERS.slice(0, 2)) {
    const final = visible(renderWhole(answer));
    const rand = prng(9);
    for (let i = 0; i < answer.length; ) {
      i += 1 + Math.floor(rand() * 8);
      renders++;
      if (!isSubsequence(visible(renderWhole(answer.slice(0, i))), final)) flashes++;
    }
  }
  t.diagnostic(`without repair, ${flashes} of ${renders} renders showed syntax that later vanished`);
  assert.ok(flashes > renders * 0.05);
});
