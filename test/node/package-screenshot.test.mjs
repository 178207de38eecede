// `npm run docs` retakes the README screenshot with scripts/screenshot.mjs; this keeps that script
// working: it drives the built demo in the suite's Chromium and writes a real PNG (to a temp file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { takeScreenshot } from '../../scripts/screenshot.mjs';

test('scripts/screenshot.mjs answers a question in the demo and saves a PNG', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'llm-stream-chat-screenshot-'));
  try {
    const png = await readFile(await takeScreenshot(join(dir, 'shot.png')));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG');
    const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(width, 960);
    assert.ok(height >= 400 && height <= 900, `unexpected height ${height}`);
    assert.ok(png.length > 10_000, 'the PNG is suspiciously small (a blank page?)');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
