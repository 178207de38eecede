// The backend recipes stay real: every file in examples/ is linked from the docs and run by the
// browser tests (test/browser/recipes*.test.ts through test/support/recipes-plugin.mjs), and the
// README and docs/ show no server code of their own, which no test would run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RECIPES } from '../support/recipes-plugin.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path) => readFileSync(resolve(ROOT, path), 'utf8');
const examples = readdirSync(resolve(ROOT, 'examples')).filter((file) => /\.(mjs|ts)$/.test(file));
const browserTests = readdirSync(resolve(ROOT, 'test/browser'))
  .filter((file) => /^recipes.*\.test\.ts$/.test(file))
  .map((file) => read(`test/browser/${file}`))
  .join('\n');

test('every recipe file is linked from docs/backends.md and examples/README.md', () => {
  assert.ok(examples.length >= 8, `only ${examples.length} recipe files`);
  const docs = read('docs/backends.md');
  const index = read('examples/README.md');
  for (const file of examples) {
    assert.ok(docs.includes(`(../examples/${file})`), `docs/backends.md does not link examples/${file}`);
    assert.ok(index.includes(`(${file})`), `examples/README.md does not link ${file}`);
  }
});

test('every recipe file is started by the recipe tests, and every recipe is tested', () => {
  const started = Object.values(RECIPES).flatMap((recipe) => recipe.args);
  for (const file of examples)
    assert.ok(started.includes(`examples/${file}`), `no recipe test starts examples/${file}`);
  for (const name of Object.keys(RECIPES)) {
    assert.ok(browserTests.includes(`'${name}'`), `no browser test drives the recipe "${name}"`);
  }
});

test('the README and docs/ show no server code that no test runs (they link examples/ instead)', () => {
  const pages = [
    'README.md',
    ...readdirSync(resolve(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  const serverCode =
    /createServer\(|\bapp\.(post|get|listen)\(|\bexpress\(|res\.(write|writeHead)\(|export (async )?function (POST|GET)\b|new (OpenAI|Anthropic)\(|\.xadd\(|xAdd\(|createResumableStreamContext/;
  for (const page of pages) {
    // "Server libraries" (docs/backends.md) shows each library's few documented lines, which
    // test/support/real-backends.mjs runs as written, against the real element.
    const text = read(page).replace(/^## Server libraries\n[\s\S]*?(?=^## )/m, '');
    const blocks = text.match(/^```[^\n]*\n[\s\S]*?^```/gm) ?? [];
    for (const block of blocks) {
      assert.doesNotMatch(
        block,
        serverCode,
        `${page} has server code in a code block; put it in examples/ with a test`,
      );
    }
  }
});
