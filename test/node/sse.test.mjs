// The SSE parser, in Node, from the built package: the core must run without a DOM. Every case
// runs whole, byte by byte and under random chunkings (a failure names its seed: SEED=n).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerSentEvents, SseParser } from '../../dist/core/index.js';
import { chunkings, collect, encoder, streamOf } from './helpers.mjs';

/** Parses `input` under every chunking and checks events (and retry values) each time. */
async function expectEvents(input, expected, expectedRetries) {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  for (const { name, chunks } of chunkings(bytes)) {
    const retries = [];
    const events = await collect(parseServerSentEvents(streamOf(chunks), { onRetry: (ms) => retries.push(ms) }));
    assert.deepEqual(events, expected, `events differ (${name})`);
    if (expectedRetries) assert.deepEqual(retries, expectedRetries, `retry values differ (${name})`);
  }
}

const msg = (data, lastEventId = '', type = 'message') => ({ type, data, lastEventId });

describe('WHATWG "interpreting an event stream"', () => {
  test('data, event and id fields; the last event id persists across events', () =>
    expectEvents('id: 1\ndata: a\n\nevent: x\ndata: b\ndata: c\n\n', [msg('a', '1'), msg('b\nc', '1', 'x')]));

  test('lines end at CRLF, LF or CR, mixed', () =>
    expectEvents('data: a\r\ndata: b\rdata: c\n\r\ndata: d\r\r', [msg('a\nb\nc'), msg('d')]));

  test('a CRLF split across chunks is one line end (not two)', async () => {
    const events = await collect(parseServerSentEvents(streamOf(['data: a\r', '\n', 'data: b\r', '\n\r', '\n'])));
    assert.deepEqual(events, [msg('a\nb')]);
  });

  test('an empty chunk between CR and LF does not split the CRLF', () => {
    const events = [];
    const parser = new SseParser({ onEvent: (e) => events.push(e) });
    for (const chunk of ['data: a\r', '', '\n', 'data: b\r\n\r\n']) parser.feed(chunk);
    assert.deepEqual(events, [msg('a\nb')]);
  });

  test('comments are ignored, even long ones and ones holding NUL', () =>
    expectEvents(`:${'x'.repeat(5000)}\ndata: a\n:\0\n: data: no\n\n`, [msg('a')]));

  test('a field without a colon has an empty value: a bare "data" appends an empty line', () =>
    expectEvents('data\ndata\n\ndata\n\n', [msg('\n'), msg('')]));

  test('exactly one leading space is removed from the value', () =>
    expectEvents('data:  two\ndata:none\ndata:\ttab\n\n', [msg(' two\nnone\n\ttab')]));

  test('event: sets the type; an empty event name means "message"; event with no data fires nothing', () =>
    expectEvents('event: a\n\nevent:\ndata: x\n\nevent: b\ndata: y\n\n', [msg('x'), msg('y', '', 'b')]));

  test('an id containing NUL is ignored', () =>
    expectEvents('id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n', [msg('a', '1'), msg('b', '1')]));

  test('an empty id resets the last event id', () =>
    expectEvents('id: 1\ndata: a\n\nid\ndata: b\n\nid:\ndata: c\n\n', [msg('a', '1'), msg('b', ''), msg('c', '')]));

  test('an id-only block moves the last event id (committed at dispatch)', () =>
    expectEvents('id: 1\n\ndata: a\n\n', [msg('a', '1')]));

  test('an id in a block cut off at the end is not committed', async () => {
    const parser = new SseParser({ onEvent: () => {} });
    parser.feed('id: 1\ndata: a\n\nid: 2\ndata: b\n');
    assert.equal(parser.lastEventId, '1');
    parser.end();
    assert.equal(parser.lastEventId, '1');
  });

  test('a parser resumed after an id inherits it', () => {
    const events = [];
    const parser = new SseParser({ onEvent: (e, info) => events.push([e, info.hasOwnId]) }, { lastEventId: '7' });
    parser.feed('data: x\n\nid: 8\ndata: y\n\n');
    assert.deepEqual(events, [
      [msg('x', '7'), false],
      [msg('y', '8'), true],
    ]);
  });

  test('retry: only ASCII digits count', () =>
    expectEvents('retry: 1500\nretry: 15x\nretry: -1\nretry:\nretry: 1.5\nretry: 0\ndata: a\n\n', [msg('a')], [1500, 0]));

  test('an unterminated final event is discarded', () => expectEvents('data: kept\n\ndata: dropped\n', [msg('kept')]));
  test('an unterminated final line is discarded', () => expectEvents('data: kept\n\ndata: dropped', [msg('kept')]));

  test('a multibyte character split across chunks survives', () =>
    expectEvents('data: héllo 🎉 ☕ 日本\n\n', [msg('héllo 🎉 ☕ 日本')]));

  test('invalid UTF-8 becomes U+FFFD', () =>
    expectEvents(new Uint8Array([...encoder.encode('data: a'), 0xff, ...encoder.encode('b\n\n')]), [msg('a\uFFFDb')]));

  test('unknown fields are ignored', () => expectEvents('foo: bar\ndata: a\nDATA: b\n\n', [msg('a')]));
});

// The EventSource format tests of web-platform-tests (eventsource/format-*.htm), as streams.
describe('web-platform-tests eventsource/format-*', () => {
  test('format-bom: one leading BOM is stripped, a later one is part of a field name', () =>
    expectEvents('\uFEFFdata: 1\n\n\uFEFFdata: 2\n\ndata: 3\n\n', [msg('1'), msg('3')]));

  test('format-bom-2: only the first of two leading BOMs is stripped', () =>
    expectEvents('\uFEFF\uFEFFdata: 1\n\ndata: 2\n\ndata: 3\n\n', [msg('2'), msg('3')]));

  test('format-comments', () => {
    const long = 'x'.repeat(2049);
    return expectEvents(`data:1\r:\0\n:\r\ndata:2\n:${long}\rdata:3\n:data:fail\r:${long}\ndata:4\n\n`, [msg('1\n2\n3\n4')]);
  });

  test('format-data-before-final-empty-line', () =>
    expectEvents('retry:1000\ndata:test1\n\nid:test\ndata:test2', [msg('test1')], [1000]));

  test('format-field-data', () => expectEvents('data:\n\ndata\ndata\n\ndata:test\n\n', [msg(''), msg('\n'), msg('test')]));

  test('format-field-event-empty', () => expectEvents('event: \ndata:data\n\n', [msg('data')]));

  test('format-field-event', () => expectEvents('event:test\ndata:x\n\ndata:x\n\n', [msg('x', '', 'test'), msg('x')]));

  test('format-field-id', () => expectEvents('id: 1\nretry: 1000\ndata: 1\n\n', [msg('1', '1')], [1000]));

  test('format-field-id-null', () => expectEvents('id: 1\n\nid: 2\0\ndata: x\n\n', [msg('x', '1')]));

  test('format-field-parsing', () =>
    expectEvents(
      'data:\0\ndata:  2\rData:1\ndata\0:2\ndata:1\r\0data:4\nda-ta:3\rdata_5\ndata:3\rdata:\r\n data:32\ndata:4\n\n',
      [msg('\0\n 2\n1\n3\n\n4')],
    ));

  test('format-field-retry-bogus', () => expectEvents('retry:3000\nretry:1000x\ndata:x\n\n', [msg('x')], [3000]));
  test('format-field-retry-empty', () => expectEvents('retry\ndata:test\n\n', [msg('test')], []));
  test('format-field-retry', () => expectEvents('retry:03000\ndata:x\n\n', [msg('x')], [3000]));

  test('format-field-unknown', () =>
    expectEvents('data:test\n data\ndata\nfoobar:xxx\njustsometext\n:thisisacommentyay\ndata:test\n\n', [msg('test\n\ntest')]));

  test('format-leading-space', () => expectEvents('data:\ttest\rdata: \ndata:test\n\n', [msg('\ttest\n\ntest')]));
  test('format-newlines', () => expectEvents('data:test\r\ndata\ndata:test\r\n\r\n', [msg('test\n\ntest')]));
  test('format-null-character', () => expectEvents('data:\0\n\n\n\n', [msg('\0')]));
  test('format-utf-8', () => expectEvents('data: ok\u2026\n\n', [msg('ok\u2026')]));
});

// The spec discards an event cut off by the end of the stream, and so does the parser; what
// end() adds is whether that happened, for callers with no end marker to go by (the simple
// dialect, whose [DONE] is optional). The rule: a data, event or id field read since the last
// blank line, or a last line cut short that could still have become one.
describe('the end of a stream: inside an event or not', () => {
  /** `end().insideEvent` for `input` under every chunking, from both parsers; one value. */
  async function insideEventAtEnd(input) {
    const bytes = encoder.encode(input);
    const seen = new Set();
    for (const { name, chunks } of chunkings(bytes, 8)) {
      const events = parseServerSentEvents(streamOf(chunks));
      let step;
      do step = await events.next();
      while (!step.done);
      seen.add(step.value.insideEvent);
      const parser = new SseParser({ onEvent: () => {} });
      const decoder = new TextDecoder();
      for (const chunk of chunks) parser.feed(decoder.decode(chunk, { stream: true }));
      parser.feed(decoder.decode());
      seen.add(parser.end().insideEvent);
      assert.equal(seen.size, 1, `${JSON.stringify(input)}: the answer depends on the chunking (${name})`);
    }
    return [...seen][0];
  }

  const cases = [
    ['', false, 'an empty stream'],
    ['data: a\n\n', false, 'a dispatched event'],
    ['data: a\r\n\r', false, 'a dispatched event, CR as the last line end'],
    ['event: x\n\n', false, 'a block without data (dispatches nothing, but ended)'],
    ['data: a\n\nid: 1\n\n', false, 'an id-only block'],
    ['data: a\n\n: heartbeat\n', false, 'a trailing comment'],
    ['data: a\n\n: heartb', false, 'a trailing comment cut short'],
    ['data: a\n\n:', false, 'a lone colon'],
    ['data: a\n\n ', false, 'a blank line cut short: a space'],
    ['data: a\n\n \t ', false, 'a blank line cut short: spaces and a tab'],
    ['data: a\n\nretry: 10\n', false, 'a retry field (applied at once, nothing to dispatch)'],
    ['data: a\n\nretry: 1', false, 'a retry field cut short'],
    ['data: a\n\nfoo: bar\nfoo', false, 'unknown fields'],
    ['data: a\n\nDATA: b', false, 'field names are case-sensitive'],
    ['data: a\n\ndatax', false, 'a name that can no longer become a field'],
    ['data: a\n\ndata: b\n', true, 'a data line without its blank line'],
    ['data: a\n\ndata: b\r', true, 'a data line ended by CR, no blank line'],
    ['data: a\n\ndata: b\n: comment\n', true, 'a comment after a data line does not end the event'],
    ['data: a\n\ndata: b', true, 'a data line cut short'],
    ['data: a\n\ndata', true, 'a bare data field cut short'],
    ['data: a\n\nda', true, 'a cut inside the field name'],
    ['data: a\n\nd', true, 'a cut after the first letter'],
    ['data: a\n\n: ping\n\nev', true, 'a cut inside "event" after a heartbeat'],
    ['data: a\n\nevent: x\n', true, 'an event field without data yet'],
    ['data: a\n\nid: 3\n', true, 'an id field without its blank line'],
    ['data: a\n\nid: 3\0\n', true, 'an id the spec ignores (NUL) was still part of an event'],
    ['data: a\n\ni', true, 'a cut inside "id"'],
  ];
  for (const [input, expected, name] of cases) {
    test(`${name}: ${expected ? 'inside an event' : 'not inside an event'}`, async () => {
      assert.equal(await insideEventAtEnd(input), expected, JSON.stringify(input));
    });
  }

  for (const [input, expected, name] of [
    ['data: a\n\ndata: [DONE]', '[DONE]', 'an end marker without any line end'],
    ['data: a\n\ndata: [DONE]\n', '[DONE]', 'an end marker without its blank line'],
    ['data: a\n\ndata:[DONE]\r', '[DONE]', 'no space after the colon, CR line end'],
    ['data: a\n\ndata: [DON', '[DON', 'an end marker cut short'],
    ['data: x\ndata: y', 'x\ny', 'two data lines, the last one cut'],
    ['data: a\n\ndata', '', 'a bare data field'],
    ['data: a\n\nevent: x\n', undefined, 'an event field only: no data'],
    ['data: a\n\nda', undefined, 'a cut inside the field name: no data yet'],
    ['data: a\n\n', undefined, 'not inside an event'],
  ]) {
    test(`end().unterminatedData, ${name}: ${JSON.stringify(expected)}`, () => {
      const parser = new SseParser({ onEvent: () => {} });
      parser.feed(input);
      assert.equal(parser.end().unterminatedData, expected);
    });
  }

  test('dispatch is unchanged: the cut event is still discarded, the committed id kept', async () => {
    const parser = new SseParser({ onEvent: () => {} });
    parser.feed('id: 1\ndata: a\n\nid: 2\ndata: b');
    assert.deepEqual(parser.end(), { insideEvent: true, unterminatedData: 'b' });
    assert.equal(parser.lastEventId, '1');
    await expectEvents('data: kept\n\ndata: dropped', [msg('kept')]);
  });
});

describe('parseServerSentEvents', () => {
  test('aborting cancels the body and rejects with the reason', async () => {
    let cancelled = false;
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode('data: a\n\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const controller = new AbortController();
    const seen = [];
    await assert.rejects(async () => {
      for await (const event of parseServerSentEvents(body, { signal: controller.signal })) {
        seen.push(event.data);
        controller.abort(new Error('stop'));
      }
    }, /stop/);
    assert.deepEqual(seen, ['a']);
    assert.ok(cancelled);
  });
});
