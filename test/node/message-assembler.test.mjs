// The message assembler: AI SDK UI message stream chunks (and plain text) to one growing message
// with parts. Its results are compared with the AI SDK's own readUIMessageStream on the same
// chunks, then it is fed what a hostile or broken backend sends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readUIMessageStream } from 'ai';
import { MessageAssembler, textOfParts } from '../../dist/core/index.js';
import { prng, seeds } from './helpers.mjs';

/** The AI SDK's final message for `chunks`. */
async function aiSdkMessage(chunks) {
  const stream = new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  let last;
  for await (const message of readUIMessageStream({ stream, onError: () => {} })) last = message;
  return last;
}

/** A part as JSON keeps it, with only the fields both sides promise (the AI SDK adds `id` to reasoning, we add `toolName` to static tools). */
function comparable(part) {
  const copy = JSON.parse(JSON.stringify(part));
  if (copy.type === 'reasoning') delete copy.id;
  if (copy.type?.startsWith('tool-')) delete copy.toolName;
  return copy;
}

function assemble(chunks, { snapshotEvery = Infinity, random } = {}) {
  const assembler = new MessageAssembler();
  chunks.forEach((chunk, i) => {
    assembler.apply(chunk);
    if (random ? random() < 0.3 : (i + 1) % snapshotEvery === 0) assembler.snapshot();
  });
  return assembler;
}

/** An answer with every kind of part: two steps, reasoning, tools (static, dynamic, failed), sources, a file, data. */
const RICH = [
  { type: 'start', messageId: 'srv-1', messageMetadata: { model: 'mock', usage: { input: 3 } } },
  { type: 'start-step' },
  { type: 'reasoning-start', id: 'r1', providerMetadata: { anthropic: { signature: 'sig' } } },
  { type: 'reasoning-delta', id: 'r1', delta: 'The user wants ' },
  { type: 'reasoning-delta', id: 'r1', delta: 'the weather.' },
  { type: 'reasoning-end', id: 'r1' },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'Let me ' },
  { type: 'text-delta', id: 't1', delta: 'check.' },
  { type: 'text-end', id: 't1' },
  { type: 'tool-input-start', toolCallId: 'c1', toolName: 'weather' },
  { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{"city":' },
  { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '"Par' },
  { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: 'is"}' },
  { type: 'tool-input-available', toolCallId: 'c1', toolName: 'weather', input: { city: 'Paris' } },
  { type: 'tool-output-available', toolCallId: 'c1', output: { temperature: 21 } },
  { type: 'tool-input-available', toolCallId: 'c2', toolName: 'mcp_search', input: { q: 'x' }, dynamic: true },
  { type: 'tool-output-error', toolCallId: 'c2', errorText: 'search is down' },
  { type: 'tool-input-error', toolCallId: 'c3', toolName: 'calc', input: '1+', errorText: 'invalid input' },
  { type: 'data-progress', id: 'p', data: { done: 1 } },
  { type: 'finish-step' },
  { type: 'start-step' },
  { type: 'source-url', sourceId: 's1', url: 'https://example.com/a', title: 'A' },
  { type: 'source-document', sourceId: 's2', mediaType: 'application/pdf', title: 'Report', filename: 'r.pdf' },
  { type: 'file', url: 'data:image/png;base64,AAAA', mediaType: 'image/png' },
  { type: 'data-progress', id: 'p', data: { done: 2 } },
  { type: 'data-note', data: 'no id: kept' },
  { type: 'text-start', id: 't1' },
  { type: 'text-delta', id: 't1', delta: 'It is 21 °C in Paris.' },
  { type: 'text-end', id: 't1' },
  { type: 'message-metadata', messageMetadata: { usage: { output: 9 } } },
  { type: 'finish-step' },
  { type: 'finish', finishReason: 'stop' },
];

test('gives the parts the AI SDK gives for the same chunks, whenever snapshots are taken', async () => {
  const expected = await aiSdkMessage(RICH);
  for (const seed of seeds(20)) {
    const assembler = assemble(RICH, { random: prng(seed) });
    assembler.end(true);
    const message = assembler.snapshot();
    assert.deepEqual(message.parts.map(comparable), expected.parts.map(comparable), `seed ${seed}`);
    assert.deepEqual(message.metadata, expected.metadata);
  }
  const assembler = assemble(RICH);
  assert.equal(assembler.messageId, 'srv-1');
  assert.equal(assembler.finishReason, 'stop');
  const message = assembler.snapshot();
  assert.equal(message.content, 'Let me check.\n\nIt is 21 °C in Paris.', 'text parts, one paragraph apart');
  assert.equal(message.parts.find((p) => p.type === 'tool-weather').toolName, 'weather');
});

test('tool input: invalid JSON while it streams keeps the last complete parse; without tool-input-available the joined deltas are the input', async () => {
  const assembler = new MessageAssembler();
  const tool = () => assembler.snapshot().parts.find((p) => p.toolCallId === 'c1');
  assembler.apply({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'search' });
  assert.deepEqual(tool(), { type: 'tool-search', toolName: 'search', toolCallId: 'c1', state: 'input-streaming' });
  for (const piece of ['{"q": "cats', '", "n": 3', '}']) {
    assembler.apply({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: piece });
    const part = tool();
    assert.equal(part.state, 'input-streaming');
    if (piece !== '}') assert.equal(part.input, undefined, 'no partial object from text that does not parse');
  }
  assert.deepEqual(tool().input, { q: 'cats', n: 3 });
  assert.equal(tool().rawInput, '{"q": "cats", "n": 3}');
  assembler.apply({ type: 'tool-input-start', toolCallId: 'c2', toolName: 'now' }); // Anthropic: no arguments at all
  assembler.apply({ type: 'tool-input-start', toolCallId: 'c3', toolName: 'broken' });
  assembler.apply({ type: 'tool-input-delta', toolCallId: 'c3', inputTextDelta: '{"a":' });
  assembler.end(true);
  const parts = assembler.snapshot().parts;
  assert.deepEqual(parts[0], {
    type: 'tool-search',
    toolName: 'search',
    toolCallId: 'c1',
    state: 'input-available',
    input: { q: 'cats', n: 3 },
  });
  assert.deepEqual(parts[1], {
    type: 'tool-now',
    toolName: 'now',
    toolCallId: 'c2',
    state: 'input-available',
    input: {},
  });
  assert.equal(parts[2].state, 'input-streaming', 'arguments that never parse stay as they streamed');
  assert.equal(parts[2].rawInput, '{"a":');

  const stopped = new MessageAssembler();
  stopped.apply({ type: 'tool-input-start', toolCallId: 'c1', toolName: 'search' });
  stopped.apply({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: '{}' });
  stopped.end(false);
  assert.equal(
    stopped.snapshot().parts[0].state,
    'input-streaming',
    'a stopped answer does not complete its tool calls',
  );
});

test('a data part with the id of an earlier one of its type replaces its data, in place', async () => {
  const chunks = [
    { type: 'data-weather', id: 'w', data: { status: 'loading' } },
    { type: 'text-start', id: 't' },
    { type: 'text-delta', id: 't', delta: 'x' },
    { type: 'data-weather', id: 'w', data: { status: 'done', c: 21 } },
    { type: 'data-other', id: 'w', data: 'another type, another part' },
    { type: 'data-weather', id: 'w', data: 'transient', transient: true },
  ];
  const assembler = assemble(chunks);
  const parts = assembler.snapshot().parts;
  assert.deepEqual(
    parts.map((p) => p.type),
    ['data-weather', 'text', 'data-other'],
  );
  assert.deepEqual(parts[0], { type: 'data-weather', id: 'w', data: { status: 'done', c: 21 } });
  assert.deepEqual((await aiSdkMessage(chunks)).parts.map(comparable), parts.map(comparable));
});

test('snapshots are immutable; parts that did not change keep their identity', () => {
  const assembler = new MessageAssembler();
  assembler.appendText('Hello');
  assembler.apply({ type: 'source-url', sourceId: 's', url: 'https://example.com' });
  const first = assembler.snapshot();
  assert.equal(assembler.snapshot(), first, 'nothing changed: the same snapshot');
  const source = first.parts[1];
  assembler.apply({ type: 'source-url', sourceId: 's2', url: 'https://example.org' });
  assembler.appendText(' world');
  const second = assembler.snapshot();
  assert.deepEqual(first.parts[0], { type: 'text', text: 'Hello', state: 'streaming' });
  assert.equal(first.content, 'Hello');
  assert.equal(second.parts[1], source, 'an unchanged part is not copied');
  assert.equal(second.parts[0], first.parts[0]);
  assert.deepEqual(
    second.parts.map((p) => p.type),
    ['text', 'source-url', 'source-url', 'text'],
  );
  assert.equal(second.content, 'Hello\n\n world', 'plain text after another part starts a new text part');
  assembler.end(true);
  assert.deepEqual(
    assembler
      .snapshot()
      .parts.filter((p) => p.type === 'text')
      .map((p) => p.state),
    ['done', 'done'],
  );
  assert.equal(second.parts[3].state, 'streaming', 'end() does not change an earlier snapshot');
});

test('plain text extends the last text part while it is open, and starts a new one after any other part', () => {
  const assembler = new MessageAssembler();
  assembler.apply({ type: 'text-start', id: 't' });
  assembler.appendText('a');
  assembler.apply({ type: 'text-delta', id: 't', delta: 'b' });
  assembler.appendText('c');
  assembler.apply({ type: 'text-end', id: 't' });
  assembler.appendText('d');
  assembler.apply({ type: 'start-step' });
  assembler.appendText('e');
  assert.deepEqual(
    assembler.snapshot().parts.map((p) => p.text ?? p.type),
    ['abc', 'd', 'step-start', 'e'],
  );
  assert.equal(assembler.snapshot().content, 'abc\n\nd\n\ne');
});

test('takeDelta: the content added since the last take, so that the deltas add up to the content', () => {
  const assembler = new MessageAssembler();
  let joined = '';
  const take = () => (joined += assembler.takeDelta());
  assembler.appendText('one ');
  assembler.appendText('two');
  take();
  assembler.apply({ type: 'reasoning-start', id: 'r' });
  assembler.apply({ type: 'reasoning-delta', id: 'r', delta: 'not content' });
  assert.equal(assembler.takeDelta(), '', 'reasoning is not content');
  assembler.apply({ type: 'text-start', id: 't' });
  assembler.apply({ type: 'text-delta', id: 't', delta: 'three' });
  take();
  assert.equal(joined, 'one two\n\nthree');
  assert.equal(assembler.snapshot().content, joined);
  // Text for a part before the last one changes the content in its middle: no delta then.
  assembler.apply({ type: 'text-start', id: 'u' });
  assembler.apply({ type: 'text-delta', id: 'u', delta: 'four' });
  assembler.apply({ type: 'text-delta', id: 't', delta: '!' });
  assert.equal(assembler.takeDelta(), undefined);
  assert.equal(assembler.snapshot().content, 'one two\n\nthree!\n\nfour');
  assembler.apply({ type: 'text-delta', id: 'u', delta: '.' });
  assert.equal(assembler.takeDelta(), '.', 'deltas resume after the rewrite was taken');
});

test('lenient where the AI SDK throws: deltas before their start open the part; unknown calls and junk are skipped', () => {
  const assembler = new MessageAssembler();
  assembler.apply({ type: 'text-delta', id: 'x', delta: 'no start' });
  assembler.apply({ type: 'reasoning-delta', id: 'y', delta: 'no start either' });
  assembler.apply({ type: 'text-end', id: 'never-started' });
  assembler.apply({ type: 'tool-input-delta', toolCallId: 'nobody', inputTextDelta: '{' });
  assembler.apply({ type: 'tool-output-available', toolCallId: 'nobody', output: 1 });
  assembler.apply({ type: 'tool-output-error', toolCallId: 'nobody', errorText: 'x' });
  assembler.apply({ type: 'error', errorText: 'the model failed' });
  assembler.apply({ type: 'abort' });
  assembler.apply({ type: 'tool-approval-request', approvalId: 'a', toolCallId: 'nobody' });
  const { parts, content } = assembler.snapshot();
  assert.deepEqual(parts, [
    { type: 'text', text: 'no start', state: 'streaming' },
    { type: 'reasoning', text: 'no start either', state: 'streaming' },
  ]);
  assert.equal(content, 'no start');
  assert.equal(assembler.errorText, 'the model failed');
  assert.equal(assembler.aborted, true);
});

/** What a broken or hostile backend may send: wrong types, missing fields, prototype keys. */
const JUNK = [
  null,
  undefined,
  42,
  'text-delta',
  [],
  {},
  { type: 7 },
  { type: 'text-delta', id: 1, delta: 'x' },
  { type: 'text-delta', id: 'a', delta: null },
  { type: 'text-delta', id: 'a', delta: { toString: () => 'x' } },
  { type: 'tool-input-start', toolCallId: 'c', toolName: null },
  { type: 'tool-input-start', toolCallId: null, toolName: 'x' },
  { type: 'tool-input-available', toolCallId: 'c', toolName: 'x' },
  { type: 'tool-input-delta', toolCallId: 'c', inputTextDelta: 5 },
  { type: 'tool-output-available', toolCallId: 'c' },
  { type: 'source-url', sourceId: 's' },
  { type: 'source-document', sourceId: 's', mediaType: 3 },
  { type: 'file', url: 'x' },
  { type: 'data-' },
  { type: 'data-x', id: 5, data: 1 },
  { type: 'message-metadata', messageMetadata: JSON.parse('{"__proto__": {"polluted": true}, "a": {"b": 1}}') },
  { type: 'message-metadata', messageMetadata: JSON.parse('{"a": {"__proto__": {"polluted": true}}}') },
  { type: 'start', messageId: 5, messageMetadata: null },
  { type: 'finish', finishReason: 3 },
  { type: 'text-start', id: 'constructor' },
  { type: 'text-delta', id: 'constructor', delta: 'proto-named ids work' },
  { type: 'text-delta', id: '__proto__', delta: 'so do these' },
  { type: 'tool-input-start', toolCallId: '__proto__', toolName: 'toString' },
  { type: 'tool-input-delta', toolCallId: '__proto__', inputTextDelta: '{"__proto__": {"polluted": true}}' },
];

const WELL_FORMED = [
  ...RICH,
  { type: 'text-delta', id: 'late', delta: 'late text' },
  { type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta: ',' },
];

test('random mixtures of good and junk chunks never throw, keep content equal to the text parts, and pollute nothing', () => {
  for (const seed of seeds(300)) {
    const random = prng(seed);
    const assembler = new MessageAssembler();
    let joined = '';
    let rewritten = false;
    for (let i = 0; i < 60; i++) {
      const pool = random() < 0.5 ? JUNK : WELL_FORMED;
      const chunk = pool[Math.floor(random() * pool.length)];
      if (random() < 0.2) assembler.appendText(String(i));
      else assembler.apply(chunk);
      if (random() < 0.3) {
        const delta = assembler.takeDelta();
        if (delta === undefined) rewritten = true;
        else joined += delta;
        const snapshot = assembler.snapshot();
        assert.equal(snapshot.content, textOfParts(snapshot.parts), `seed ${seed}`);
        for (const part of snapshot.parts) assert.equal(typeof part.type, 'string', `seed ${seed}`);
      }
    }
    assembler.end(random() < 0.5);
    const final = assembler.snapshot();
    assert.equal(final.content, textOfParts(final.parts), `seed ${seed}`);
    const last = assembler.takeDelta();
    if (!rewritten && last !== undefined) assert.equal(joined + last, final.content, `seed ${seed}: the deltas add up`);
    assert.doesNotThrow(() => JSON.stringify(final), `seed ${seed}`);
  }
  assert.equal({}.polluted, undefined, 'no prototype was polluted');
});
