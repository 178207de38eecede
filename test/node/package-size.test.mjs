// The script-tag builds (dist/browser/, made by `npm run build`): minified, production Lit,
// self-contained, with source maps, and within the size budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { BUDGET_BYTES as BUDGET, BUNDLES, bundleShares } from '../../scripts/bundle-size.mjs';

// Each bundle, minified and gzipped, with everything in it, is held to BUDGET_BYTES (issue 15,
// item 9 asks for 60 KB; scripts/bundle-size.mjs says why the guard is 70 KB for now).
// The packaging issue asked for 40 KB, but the three libraries the design card mandates weigh
// about 32 KB of that on their own (marked 14.8 KB, DOMPurify 11.1 KB, lit 6.6 KB, each group's
// bytes gzipped alone, as `npm run build` prints them from the source map), and the transport,
// Markdown and UI features are about 22 KB of our own code. The complete element measured
// 55.0 KB; 60 KB leaves room for the features before 1.0, and no more: a new feature must earn
// its bytes, and rarely used ones (a highlighter, math) stay out of the default bundle.
const BUDGET_BYTES = BUDGET;
const dir = new URL('../../dist/browser/', import.meta.url);
const files = { esm: 'llm-stream-chat.js', iife: 'llm-stream-chat.iife.js' };
const read = (name) => readFile(new URL(name, dir), 'utf8');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

test(`each bundle is at most ${kb(BUDGET_BYTES)} min+gzip`, async () => {
  const sizes = {};
  for (const [kind, name] of Object.entries(files)) {
    const code = await read(name);
    sizes[kind] = { min: Buffer.byteLength(code), gzip: gzipSync(code).length };
  }
  for (const [kind, { min, gzip }] of Object.entries(sizes)) {
    console.log(`${files[kind]}: ${kb(min)} minified, ${kb(gzip)} min+gzip`);
    assert.ok(gzip <= BUDGET_BYTES, `${files[kind]} is ${kb(gzip)} min+gzip, over the ${kb(BUDGET_BYTES)} budget`);
  }
});

test("the build's share report gives every byte of each bundle to lit, marked, DOMPurify, our code or glue", async () => {
  assert.deepEqual(BUNDLES, Object.values(files));
  for (const name of BUNDLES) {
    const { total, groups } = await bundleShares(name);
    const sum = Object.values(groups).reduce((bytes, group) => bytes + group.min, 0);
    assert.equal(sum, total.min, `${name}: the groups do not add up to the file`);
    for (const library of ['lit', 'marked', 'DOMPurify', 'ours (src/)']) assert.ok(groups[library].min > 1024, `${name}: no ${library} found`);
    assert.equal(groups.other.min, 0, `${name}: code from a package that is not lit, marked or DOMPurify`);
    // The glue the minifier adds between modules is small; a large share means the map is broken.
    assert.ok(groups.unmapped.min < total.min * 0.05, `${name}: ${kb(groups.unmapped.min)} of the bundle maps to no source`);
  }
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
