// Conversation persistence, in Node, from the built package: the core must run without a DOM.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadHistory,
  parseHistory,
  saveHistory,
  serializeHistory,
  settleMessages,
} from '../../dist/core/history-storage.js';

const user = { id: 'u1', role: 'user', content: 'Hi', status: 'complete' };
const answer = { id: 'a1', role: 'assistant', content: 'Hello', status: 'complete', finishReason: 'stop' };

function memoryStorage() {
  const map = new Map();
  return {
    map,
    getItem: (key) => (map.has(key) ? map.get(key) : null),
    setItem: (key, value) => void map.set(key, String(value)),
    removeItem: (key) => void map.delete(key),
  };
}

test('a conversation survives a round trip', () => {
  assert.deepEqual(parseHistory(serializeHistory([user, answer])), [user, answer]);
});

test('an answer left waiting or streaming comes back interrupted, its text kept', () => {
  const restored = parseHistory(
    serializeHistory([user, { ...answer, status: 'streaming', content: 'Hal' }, { ...answer, id: 'a2', status: 'waiting', content: '' }]),
  );
  assert.deepEqual(
    restored.map((m) => [m.status, m.content]),
    [
      ['complete', 'Hi'],
      ['interrupted', 'Hal'],
      ['interrupted', ''],
    ],
  );
});

test('settleMessages returns the same array when nothing is in flight', () => {
  const messages = [user, answer];
  assert.equal(settleMessages(messages), messages);
});

test('anything that is not a stored conversation gives undefined', () => {
  for (const text of [null, '', 'not json', '[]', '{"messages":[]}', '{"version":2,"messages":[]}', 'null']) {
    assert.equal(parseHistory(text), undefined, String(text));
  }
});

test('entries that are not messages are dropped; an unknown status reads as complete', () => {
  const text = JSON.stringify({
    version: 1,
    messages: [user, 42, null, { id: 'x', role: 'robot', content: '' }, { id: '', role: 'user', content: 'x' }, { id: 'y', role: 'user' }, { ...answer, status: 'weird' }],
  });
  assert.deepEqual(parseHistory(text), [user, { ...answer, status: 'complete' }]);
});

test('fields this version does not know are kept; mistyped known fields are dropped', () => {
  const text = JSON.stringify({ version: 1, messages: [{ ...answer, timing: { ms: 5 }, error: 42 }] });
  assert.deepEqual(parseHistory(text), [{ ...answer, timing: { ms: 5 } }]);
});

test('save and load through a storage; an empty conversation removes the entry', () => {
  const storage = memoryStorage();
  assert.equal(saveHistory(storage, 'k', [user, answer]), true);
  assert.deepEqual(loadHistory(storage, 'k'), [user, answer]);
  assert.equal(saveHistory(storage, 'k', []), true);
  assert.equal(storage.map.has('k'), false);
  assert.equal(loadHistory(storage, 'k'), undefined);
});

test('a storage that throws (private mode, quota) is survived', () => {
  const broken = {
    getItem() {
      throw new Error('SecurityError');
    },
    setItem() {
      throw new Error('QuotaExceededError');
    },
    removeItem() {
      throw new Error('SecurityError');
    },
  };
  assert.equal(loadHistory(broken, 'k'), undefined);
  assert.equal(saveHistory(broken, 'k', [user]), false);
  assert.equal(saveHistory(undefined, 'k', [user]), false);
  assert.equal(saveHistory(memoryStorage(), '', [user]), false);
});
