// SSE cases the fuzzer (fuzz-sse.test.mjs) found wrong in the first parser: a second leading BOM,
// an empty chunk between CR and LF, the last event id of an unfinished event, and quadratic
// rescanning of a long line. Each is pinned here, against the WHATWG reference model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerSentEvents, SseParser } from '../../dist/core/index.js';
import {
  SEED,
  Rng,
  encoder,
  describeCase,
  parseBytes,
  parseText,
  randomByteChunks,
  randomTextChunks,
  randomValidishStream,
  referenceParseBytes,
  referenceParseText,
} from './fuzz-support.mjs';

test('a second leading BOM is data (wpt eventsource/format-bom-2)', async () => {
  // UTF-8 decode strips the first BOM; the TextDecoder in decodeUtf8 does, and SseParser.feed
  // then strips the second one too.
  const bytes = encoder.encode('\ufeff\ufeffdata: 1\n\ndata: 2\n\ndata: 3\n\n');
  const { events } = await parseBytes(parseServerSentEvents, [bytes]);
  assert.deepEqual(events.map((e) => e.data), ['2', '3']);
});

test('random streams with two leading BOMs: the byte parser equals the reference model', async () => {
  const rng = new Rng(SEED ^ 0x11);
  for (let i = 0; i < 500; i++) {
    const text = randomValidishStream(rng, { doubleBom: true });
    const bytes = encoder.encode(text);
    const actual = await parseBytes(parseServerSentEvents, randomByteChunks(rng, bytes));
    assert.deepEqual(actual.events, referenceParseBytes(bytes).events, describeCase(SEED, i, text));
  }
});

test('an empty chunk between a CR and its LF does not make a second line end', () => {
  // feed('') clears the pending-CR flag, so the LF that follows counts as a blank line.
  const { events } = parseText(SseParser, ['data: a\r', '', '\ndata: b\n\n']);
  assert.deepEqual(events.map((e) => e.data), ['a\nb']);
});

test('random streams fed with empty text chunks: SseParser equals the reference model', () => {
  const rng = new Rng(SEED ^ 0x12);
  for (let i = 0; i < 1000; i++) {
    const text = randomValidishStream(rng);
    const actual = parseText(SseParser, randomTextChunks(rng, text, { maxSize: 3, emptyChunks: true }));
    assert.deepEqual(actual.events, referenceParseText(text).events, describeCase(SEED, i, text));
  }
});

test('the last event ID ignores an id in an event the stream never finished', () => {
  // The spec sets the last event ID string when an event is dispatched (a blank line), not when
  // the id line is read; SseParser.lastEventId must return the committed id, which a resume sends.
  const { lastEventId } = parseText(SseParser, ['id: 1\ndata: a\n\nid: 2\ndata: b\n']);
  assert.equal(lastEventId, '1');
});

test('random streams: lastEventId at the end equals the reference model', () => {
  const rng = new Rng(SEED ^ 0x13);
  for (let i = 0; i < 1000; i++) {
    const text = randomValidishStream(rng);
    const actual = parseText(SseParser, randomTextChunks(rng, text));
    assert.equal(actual.lastEventId, referenceParseText(text).lastEventId, describeCase(SEED, i, text));
  }
});

test('a 1 MB line in 1 KB chunks parses in linear time', async () => {
  // SseParser.feed rescans buffer + chunk from the start on every chunk: a long line arriving in
  // small reads costs O(n²) (26 s for 1 MB in ≤4 KB chunks, measured on a loaded 2-core machine).
  const value = 'x'.repeat(1 << 20);
  const bytes = encoder.encode(`data: ${value}\n\n`);
  const chunks = [];
  for (let i = 0; i < bytes.length; i += 1024) chunks.push(bytes.subarray(i, i + 1024));
  const started = performance.now();
  const { events } = await parseBytes(parseServerSentEvents, chunks);
  const elapsed = performance.now() - started;
  console.log(`1 MB line in 1 KB chunks: ${elapsed.toFixed(0)} ms`);
  assert.equal(events[0].data.length, value.length);
  assert.ok(elapsed < 2000, `took ${elapsed.toFixed(0)} ms; a linear parser needs a few ms`);
});
