// The SSE parser, in Node, from the built package: the core must run without a DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseServerSentEvents } from '../../dist/core/index.js';

function streamOf(chunks) {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
}

async function collect(chunks) {
  const events = [];
  for await (const event of parseServerSentEvents(streamOf(chunks))) events.push(event);
  return events;
}

test('parses data, event and id fields, with the last event id persisting', async () => {
  const events = await collect(['id: 1\ndata: a\n\nevent: x\ndata: b\ndata: c\n\n']);
  assert.deepEqual(events, [
    { type: 'message', data: 'a', lastEventId: '1' },
    { type: 'x', data: 'b\nc', lastEventId: '1' },
  ]);
});

test('a CRLF split across chunks is one line end', async () => {
  const events = await collect(['data: a\r', '\n\r', '\ndata: b\r\n\r\n']);
  assert.deepEqual(events.map((e) => e.data), ['a', 'b']);
});

test('a multibyte character split across chunks survives', async () => {
  const bytes = new TextEncoder().encode('data: héllo 🎉\n\n');
  const events = await collect([...bytes].map((b) => new Uint8Array([b])));
  assert.equal(events[0].data, 'héllo 🎉');
});

test('an event without its blank line at the end of the stream is discarded', async () => {
  const events = await collect(['data: kept\n\ndata: dropped\n']);
  assert.deepEqual(events.map((e) => e.data), ['kept']);
});
