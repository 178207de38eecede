// The recorded streams with reasoning, tool calls and sources (test/fixtures/rich), one per
// provider, through readMessageStream under random chunkings: the final message's parts must be
// what the provider sent (text, reasoning text, tool names, ids and arguments, outputs, source
// URLs and titles). A failure names its seed: SEED=n reproduces it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { readMessageStream } from '../../dist/core/index.js';
import { chunkings, collect, streamOf } from './helpers.mjs';

const dir = new URL('../fixtures/rich/', import.meta.url);
const fixtures = JSON.parse(await readFile(new URL('expected.json', dir), 'utf8'));

function responseOf(fixture, chunks) {
  return new Response(streamOf(chunks), { headers: { 'Content-Type': fixture.contentType, ...fixture.headers } });
}

/** `actual` restricted to the keys `expected` names (ids the adapter makes up are not compared). */
function pick(actual, expected) {
  return Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key]]));
}

function checkFinal(fixture, message, label) {
  assert.equal(message.role, 'assistant');
  assert.equal(message.status, 'complete', `${label}: ${message.error ?? ''}`);
  assert.equal(message.content, fixture.content, `content (${label})`);
  assert.equal(message.finishReason, fixture.finishReason, `finish reason (${label})`);
  if (fixture.metadata) assert.deepEqual(message.metadata, fixture.metadata, `metadata (${label})`);
  assert.deepEqual(
    message.parts.map((part, i) => (fixture.parts[i] ? pick(part, fixture.parts[i]) : part)),
    fixture.parts,
    `parts (${label})`,
  );
  const tools = message.parts.filter((part) => part.type === 'dynamic-tool' || part.type.startsWith('tool-'));
  for (const tool of tools) {
    assert.equal(typeof tool.toolCallId, 'string', label);
    assert.notEqual(tool.toolCallId, '', label);
    assert.equal(tool.toolName, tool.type === 'dynamic-tool' ? tool.toolName : tool.type.slice(5), label);
  }
  assert.equal(new Set(tools.map((tool) => tool.toolCallId)).size, tools.length, `tool call ids are unique (${label})`);
  for (const part of message.parts) {
    if (part.type === 'text' || part.type === 'reasoning') assert.equal(part.state, 'done', `${part.type} is done (${label})`);
  }
}

describe('rich fixtures through readMessageStream', () => {
  for (const fixture of fixtures) {
    test(`${fixture.file}: ${fixture.format}, forced and auto, every chunking`, async () => {
      const bytes = await readFile(new URL(fixture.file, dir));
      for (const format of [fixture.format, 'auto']) {
        for (const { name, chunks } of chunkings(bytes, 8)) {
          const label = `${format}, ${name}`;
          const messages = await collect(readMessageStream(responseOf(fixture, chunks), { format }));
          checkFinal(fixture, messages.at(-1), label);
          // As it grows: one id, streaming until the last, parts only added or changed in place.
          assert.ok(messages.length > 1, label);
          assert.equal(new Set(messages.map((m) => m.id)).size, 1, label);
          for (const [i, message] of messages.entries()) {
            if (i < messages.length - 1) assert.equal(message.status, 'streaming', label);
            if (i > 0) {
              const before = messages[i - 1].parts;
              assert.ok(message.parts.length >= before.length, `parts are never removed (${label})`);
              before.forEach((part, j) => assert.equal(message.parts[j].type, part.type, `part ${j} keeps its type (${label})`));
            }
          }
        }
      }
    });
  }

  test('the provider sent what the fixtures expect: each fixture holds its expected text and tool arguments', async () => {
    // A guard against an expectation written from the code rather than from the stream.
    for (const fixture of fixtures) {
      const raw = (await readFile(new URL(fixture.file, dir), 'utf8')).replace(/\\u003c/g, '<').replace(/\\u003e/g, '>');
      for (const part of fixture.parts) {
        if (part.type === 'source-url') assert.ok(raw.includes(part.url), `${fixture.file}: ${part.url}`);
        if (part.toolCallId) assert.ok(raw.includes(part.toolCallId), `${fixture.file}: ${part.toolCallId}`);
        if (part.type.startsWith('tool-') || part.type === 'dynamic-tool') {
          assert.ok(raw.includes(part.type === 'dynamic-tool' ? part.toolName : part.type.slice(5)), `${fixture.file}: ${part.type}`);
        }
      }
    }
  });

  test('an aborted read ends with a stopped message that keeps what arrived', async () => {
    const fixture = fixtures.find((f) => f.format === 'anthropic');
    const bytes = await readFile(new URL(fixture.file, dir));
    const half = bytes.subarray(0, Math.floor(bytes.length / 2));
    const abort = new AbortController();
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(half);
      },
    });
    const messages = [];
    for await (const message of readMessageStream(new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }), { signal: abort.signal })) {
      messages.push(message);
      if (messages.length === 3) abort.abort();
    }
    const last = messages.at(-1);
    assert.equal(last.status, 'stopped');
    assert.equal(last.parts[0].type, 'reasoning');
    assert.match(last.parts[0].text, /^Search first/);
  });

  test('a stream cut inside a tool call ends interrupted, the call left as it was', async () => {
    const fixture = fixtures.find((f) => f.file === 'openai-chat-tools.sse');
    const text = await readFile(new URL(fixture.file, dir), 'utf8');
    const cut = text.slice(0, text.indexOf('ancisco'));
    const messages = await collect(readMessageStream(new Response(cut, { headers: { 'Content-Type': 'text/event-stream' } })));
    const last = messages.at(-1);
    assert.equal(last.status, 'interrupted');
    assert.ok(last.error);
    const tool = last.parts.find((part) => part.type === 'tool-get_weather');
    assert.equal(tool.toolCallId, 'call_00_yB6cV1P2');
  });
});
