// Every wire-format fixture (test/fixtures/formats, recorded from each provider's documentation)
// through readTextStream, with the format forced and detected, whole, byte by byte and under
// random chunkings (a failure names its seed: SEED=n).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createFormatAdapter, detectSseFormat, readTextStream, ChatStreamError } from '../../dist/core/index.js';
import { chunkings, collect, streamOf } from './helpers.mjs';

const dir = new URL('../fixtures/formats/', import.meta.url);
const fixtures = JSON.parse(await readFile(new URL('fixtures.json', dir), 'utf8'));

function responseOf(fixture, chunks) {
  return new Response(streamOf(chunks), {
    headers: { 'Content-Type': fixture.contentType, ...fixture.headers },
  });
}

/** The answer a list of parts adds up to, as the element would show it (an AI SDK text-delta is text too). */
export function summarize(parts) {
  const text = parts
    .map((p) => (p.type === 'text' ? p.text : p.type === 'chunk' && p.chunk.type === 'text-delta' ? p.chunk.delta : ''))
    .join('');
  const last = parts.at(-1);
  return { text, last };
}

function checkOutcome(fixture, parts, label) {
  const { text, last } = summarize(parts);
  assert.equal(text, fixture.text, `text differs (${label})`);
  if (fixture.error) {
    assert.equal(last.type, 'error', `expected an error part (${label})`);
    assert.equal(last.reason, fixture.error, label);
    if (fixture.errorIncludes) assert.match(last.message, new RegExp(fixture.errorIncludes), label);
  } else {
    assert.equal(last.type, 'done', `expected a done part (${label})`);
    assert.equal(last.finishReason, fixture.finishReason, `finish reason (${label})`);
    assert.equal(last.truncated === true, fixture.truncated === true, `truncated (${label})`);
  }
  assert.equal(parts.filter((p) => p.type !== 'text' && p.type !== 'chunk').length, 1, `exactly one final part (${label})`);
}

describe('format fixtures', () => {
  for (const fixture of fixtures) {
    test(`${fixture.file}: ${fixture.format}, forced and auto, every chunking`, async () => {
      const bytes = await readFile(new URL(fixture.file, dir));
      for (const format of [fixture.format, 'auto']) {
        for (const { name, chunks } of chunkings(bytes, 12)) {
          const parts = await collect(readTextStream(responseOf(fixture, chunks), { format }));
          checkOutcome(fixture, parts, `${format}, ${name}`);
        }
      }
    });
  }

  test('auto detects each fixture as its format', async () => {
    for (const fixture of fixtures) {
      const bytes = await readFile(new URL(fixture.file, dir));
      const headers = new Headers({ 'Content-Type': fixture.contentType, ...fixture.headers });
      const adapter = createFormatAdapter('auto', headers);
      const { readBodyParts } = await import('../../dist/core/index.js');
      for await (const part of readBodyParts(streamOf([bytes]), adapter)) {
        if (part.type !== 'text' && part.type !== 'chunk') break;
      }
      assert.equal(adapter.format, fixture.format, fixture.file);
    }
  });
});

describe('format detection and content types', () => {
  const event = (data, type = 'message') => ({ type, data, lastEventId: '' });
  test('SSE dialects by their first telling event', () => {
    assert.equal(detectSseFormat(event('{"choices":[]}')), 'openai');
    assert.equal(detectSseFormat(event('{"candidates":[]}')), 'gemini');
    assert.equal(detectSseFormat(event('{"type":"text-delta","delta":"x","id":"1"}')), 'ai-sdk');
    assert.equal(detectSseFormat(event('{"type":"message_start"}', 'message_start')), 'anthropic');
    assert.equal(detectSseFormat(event('{}', 'response.created')), 'openai-responses');
    assert.equal(detectSseFormat(event('{"delta":"x"}')), 'sse');
    assert.equal(detectSseFormat(event('plain words')), 'sse');
    assert.equal(detectSseFormat(event('[DONE]')), undefined);
    assert.equal(detectSseFormat(event('{"unknown":1}')), undefined);
  });

  test('an HTML page is refused, even with a forced format', () => {
    for (const format of ['auto', 'openai', 'text']) {
      assert.throws(
        () => createFormatAdapter(format, new Headers({ 'Content-Type': 'text/html; charset=utf-8' })),
        (error) => error instanceof ChatStreamError && error.reason === 'content-type',
      );
    }
  });

  test('auto refuses unknown and missing content types; a forced format accepts them', () => {
    for (const type of ['application/octet-stream', 'image/png']) {
      assert.throws(() => createFormatAdapter('auto', new Headers({ 'Content-Type': type })), /not a stream/);
      assert.equal(createFormatAdapter('sse', new Headers({ 'Content-Type': type })).format, 'sse');
    }
    assert.throws(() => createFormatAdapter('auto', new Headers()), /no Content-Type/);
  });

  test('an unknown format is a configuration error', () => {
    assert.throws(
      () => createFormatAdapter('openai-chat', new Headers({ 'Content-Type': 'text/event-stream' })),
      (error) => error instanceof ChatStreamError && error.reason === 'configuration' && /Unknown format/.test(error.message),
    );
  });

  test('auto picks the framing from the content type', () => {
    const framing = (type) => createFormatAdapter('auto', new Headers({ 'Content-Type': type })).framing;
    assert.equal(framing('text/event-stream; charset=utf-8'), 'sse');
    assert.equal(framing('application/x-ndjson'), 'lines');
    assert.equal(framing('application/json'), 'json');
    assert.equal(framing('text/plain'), 'text');
  });

  test('events of any name carry text; heartbeats and comments are never shown', async () => {
    const body =
      ': hello\n\nevent: ping\ndata: secret\n\ndata: {"content":"shown"}\n\nevent: token\ndata: {"content":" too"}\n\n' +
      'event: heartbeat\ndata: {"content":"no"}\n\ndata: [DONE]\n\n';
    const parts = await collect(readTextStream(new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })));
    assert.deepEqual(parts, [{ type: 'text', text: 'shown' }, { type: 'text', text: ' too' }, { type: 'done' }]);
  });

  test('a simple JSON stream that turns malformed is an error, not text', async () => {
    const body = 'data: {"content":"a"}\n\ndata: {"content": "b\n\n';
    const parts = await collect(readTextStream(new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })));
    assert.equal(parts[0].text, 'a');
    assert.equal(parts[1].reason, 'malformed');
  });

  test('a body cut inside an SSE event ends with an incomplete error part, even where [DONE] is optional', async () => {
    const sse = (body) => new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    for (const format of ['sse', 'auto']) {
      const cut = await collect(readTextStream(sse('data: {"content":"a"}\n\ndata: {"content":"b'), { format }));
      assert.deepEqual(cut.map((p) => p.type), ['text', 'error'], format);
      assert.equal(cut[1].reason, 'incomplete');
      // A trailing comment is not part of an event: that end is the plain end of the answer.
      const clean = await collect(readTextStream(sse('data: {"content":"a"}\n\n: bye'), { format }));
      assert.deepEqual(clean, [{ type: 'text', text: 'a' }, { type: 'done' }], format);
    }
  });

  test('NDJSON: a last line without its newline is read when whole, and incomplete when cut', async () => {
    const ndjson = (body) => new Response(body, { headers: { 'Content-Type': 'application/x-ndjson' } });
    for (const { name, chunks } of chunkings(new TextEncoder().encode('{"content":"a"}\n{"content":"b"}'), 6)) {
      const parts = await collect(readTextStream(ndjson(streamOf(chunks))));
      assert.deepEqual(parts, [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }, { type: 'done' }], name);
    }
    const cut = await collect(readTextStream(ndjson('{"content":"a"}\r\n{"content":"b')));
    assert.deepEqual(cut.map((p) => p.type), ['text', 'error']);
    assert.equal(cut[1].reason, 'incomplete');
    assert.match(cut[1].message, /cut off/);
  });

  test('NDJSON: a long line read in many small chunks, CRLF line ends split across chunks', async () => {
    const long = 'x'.repeat(50_000);
    const body = `{"content":"${long}"}\r\n{"content":"é"}\r\n{"done":true}\r\n`;
    const bytes = new TextEncoder().encode(body);
    const chunks = [];
    for (let i = 0; i < bytes.length; i += 7) chunks.push(bytes.subarray(i, i + 7));
    const parts = await collect(readTextStream(new Response(streamOf(chunks), { headers: { 'Content-Type': 'application/x-ndjson' } })));
    assert.deepEqual(parts, [{ type: 'text', text: long }, { type: 'text', text: 'é' }, { type: 'done' }]);
  });

  test('plain text: a body cut inside a UTF-8 character is incomplete; an invalid byte before the end is U+FFFD', async () => {
    const text = (bytes) => new Response(streamOf([new Uint8Array(bytes)]), { headers: { 'Content-Type': 'text/plain' } });
    const cut = await collect(readTextStream(text([0x61, 0xf0, 0x9f, 0x8e])));
    assert.deepEqual(cut.map((p) => p.type), ['text', 'error']);
    assert.equal(cut[0].text, 'a');
    assert.equal(cut[1].reason, 'incomplete');
    const invalid = await collect(readTextStream(text([0x61, 0xff, 0x62])));
    assert.deepEqual(invalid, [{ type: 'text', text: 'a\ufffdb' }, { type: 'done' }]);
  });

  test('text parts carry the SSE event id', async () => {
    const body = 'id: 1\ndata: {"content":"a"}\n\ndata: {"content":"b"}\n\n';
    const parts = await collect(readTextStream(new Response(body, { headers: { 'Content-Type': 'text/event-stream' } })));
    assert.deepEqual(parts, [{ type: 'text', text: 'a', id: '1' }, { type: 'text', text: 'b', id: '1' }, { type: 'done' }]);
  });

  test('the idle timeout fails a silent body with reason timeout', async () => {
    const body = new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('data: a\n\n')) });
    const response = new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    const seen = [];
    await assert.rejects(
      async () => {
        for await (const part of readTextStream(response, { idleTimeout: 30 })) seen.push(part);
      },
      (error) => error instanceof ChatStreamError && error.reason === 'timeout',
    );
    assert.deepEqual(seen, [{ type: 'text', text: 'a' }]);
  });
});
