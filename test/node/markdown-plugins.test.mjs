// The math plugin's Markdown syntax in the pure pipeline, from the built package: its
// placeholders, and a streamed technical answer equal to its one-shot render however chunked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MarkdownPipeline } from '../../dist/core/markdown/index.js';
import { mathSyntax } from '../../dist/plugins/math-syntax.js';
import { randomChunks } from '../fixtures/markdown/llm-answers.mjs';
import { technicalAnswer } from '../fixtures/markdown/technical-answer.mjs';

const plugins = [{ name: 'math', markdown: mathSyntax }];
const render = (text) =>
  MarkdownPipeline.render(text, { plugins })
    .map((block) => block.html)
    .join('');

test('inline and display math become placeholders that sanitized Markdown may hold anyway', () => {
  assert.equal(
    render('Euler: $e^{i\\pi}+1=0$, \\(a<b\\).'),
    '<p>Euler: <code class="language-math">e^{i\\pi}+1=0</code>, <code class="language-math">a&lt;b</code>.</p>\n',
  );
  assert.equal(render('$$\nx^2\n\ny\n$$\n'), '<pre><code class="language-math">x^2\n\ny</code></pre>\n');
  assert.equal(render('\\[\n\\frac{1}{2}\n\\]\n'), '<pre><code class="language-math">\\frac{1}{2}</code></pre>\n');
  assert.equal(render('$$ a+b $$\n'), '<pre><code class="language-math">a+b</code></pre>\n');
  // A paragraph followed by display math on the next line: the formula interrupts it.
  assert.equal(render('So:\n$$\nx\n$$\n'), '<p>So:</p>\n<pre><code class="language-math">x</code></pre>\n');
});

test('dollars that are not math stay text', () => {
  assert.equal(render('It costs $5 and $10.'), '<p>It costs $5 and $10.</p>\n');
  assert.equal(render('Escaped \\$x\\$ and `$y$` in code.'), '<p>Escaped $x$ and <code>$y$</code> in code.</p>\n');
  assert.equal(render('$$5 million'), '<p>$$5 million</p>\n');
});

test('an unclosed display formula runs to the end as plain code, never as math', () => {
  assert.equal(render('Text\n\n$$\n\\frac{1}{'), '<p>Text</p>\n<pre><code>\\frac{1}{</code></pre>\n');
});

test('a technical answer streamed with the math syntax equals its one-shot render', () => {
  const text = technicalAnswer(20_000, { diagramEvery: 4 });
  const expected = render(text);
  assert.ok((expected.match(/language-math/g) ?? []).length > 30);
  for (let seed = 0; seed < 12; seed++) {
    const pipeline = new MarkdownPipeline({ plugins });
    for (const chunk of randomChunks(text, seed, seed % 2 ? 40 : 3)) pipeline.push(chunk);
    pipeline.finish();
    assert.equal(pipeline.html, expected, `seed ${seed}`);
  }
  // Every two-piece split of a short answer with blank lines inside a formula.
  const short = 'Intro $x$.\n\n$$\na\n\nb\n$$\nafter \\(y\\)\n\n\\[\nz\n\\]\n';
  for (let cut = 0; cut <= short.length; cut++) {
    const pipeline = new MarkdownPipeline({ plugins });
    pipeline.push(short.slice(0, cut));
    pipeline.finish(short.slice(cut));
    assert.equal(pipeline.html, render(short), `cut at ${cut}`);
  }
});
