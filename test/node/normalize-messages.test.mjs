// Normalizing a conversation given from outside: nothing in it may throw, blank the transcript
// or make two messages share an id.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeMessages } from '../../dist/core/index.js';

const ok = (id, role = 'user', content = id) => ({
  id,
  role,
  content,
  status: 'complete',
  parts: [{ type: 'text', text: content }],
});

test('a well-formed conversation comes back as the same array, with no problem', () => {
  const messages = [ok('a'), ok('b', 'assistant')];
  const result = normalizeMessages(messages);
  assert.equal(result.messages, messages);
  assert.deepEqual(result.problems, []);
});

test('malformed entries are normalized or dropped, each kind of problem named once with its count', () => {
  const input = [
    null,
    42,
    'text',
    [],
    { id: 'r', role: 'robot', content: 'x' },
    { role: 'user', content: 'no id' },
    { id: '', role: 'user', content: 'empty id' },
    { id: 'd', role: 'user', content: 'first d' },
    { id: 'd', role: 'assistant', content: 'second d' },
    { id: 'n', role: 'assistant', content: 42 },
    {
      id: 'o',
      role: 'assistant',
      content: [{ type: 'text', text: 'OpenAI' }, { type: 'image_url' }, { type: 'text', text: 'style' }],
    },
    { id: 'p', role: 'assistant', content: 'parts broken', parts: 'nope' },
    { id: 'q', role: 'assistant', content: 'bad parts', parts: [null, 3, { type: 'text', text: 'bad parts' }] },
    { id: 's', role: 'assistant', content: 'status', status: 'weird', error: 5, finishReason: {} },
    { id: 'u', role: 'assistant', parts: [{ type: 'text', text: 'UIMessage' }] },
    { id: 'x', role: 'user', content: { evil: true } },
  ];
  const { messages, problems } = normalizeMessages(input);
  assert.deepEqual(
    messages.map((m) => m.content),
    [
      'no id',
      'empty id',
      'first d',
      'second d',
      '42',
      'OpenAI\n\nstyle',
      'parts broken',
      'bad parts',
      'status',
      'UIMessage',
      '',
    ],
  );
  const ids = messages.map((m) => m.id);
  assert.equal(new Set(ids).size, ids.length, 'every id unique');
  assert.equal(ids[2], 'd', 'the first of a repeated id keeps it');
  assert.notEqual(ids[3], 'd');
  for (const message of messages) {
    assert.ok(['complete'].includes(message.status));
    assert.ok(Array.isArray(message.parts));
    assert.equal(typeof message.content, 'string');
    assert.equal('error' in message, false);
    assert.equal('finishReason' in message, false);
  }
  assert.deepEqual(messages[6].parts, [{ type: 'text', text: 'parts broken' }]);
  assert.deepEqual(messages[7].parts, [{ type: 'text', text: 'bad parts' }]);
  assert.deepEqual(problems, [
    '4 entries not a message object (dropped)',
    '1 entry with a role other than "user" or "assistant" (dropped)',
    '2 entries without an id (given a new one)',
    '1 entry with an id used before (given a new one)',
    '3 entries whose content is not a string',
    '1 entry whose parts are not an array (made from its content)',
    '1 entry with parts that have no type (dropped)',
    '1 entry with an unknown status (made "complete")',
  ]);
  assert.equal(input[8].id, 'd', 'the input is not mutated');
});

test('not an array: an empty conversation and a problem; null and undefined: empty, quietly', () => {
  assert.deepEqual(normalizeMessages({ 0: ok('a') }), {
    messages: [],
    problems: ['it is not an array: the conversation is empty'],
  });
  assert.deepEqual(normalizeMessages(null), { messages: [], problems: [] });
  assert.deepEqual(normalizeMessages(undefined), { messages: [], problems: [] });
});
