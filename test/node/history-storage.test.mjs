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

test('while an answer streams, each save writes only the new text, and a reload gets all of it', async () => {
  const { HistoryWriter, historyPieceKey } = await import('../../dist/core/history-storage.js');
  const storage = memoryStorage();
  let written = 0;
  const setItem = storage.setItem;
  storage.setItem = (key, value) => {
    written += String(value).length;
    setItem(key, value);
  };
  // A long conversation (about 300 KB) and an answer that grows by 400 characters a save.
  const earlier = Array.from({ length: 1000 }, (_, i) => ({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: 'x'.repeat(300), status: 'complete' }));
  const writer = new HistoryWriter(storage, 'chat');
  let messages = [...earlier, { id: 'a', role: 'assistant', content: '', status: 'streaming' }];
  assert.equal(writer.save(messages), true);
  const whole = written;
  assert.ok(whole > 300_000);
  let text = '';
  for (let i = 0; i < 50; i++) {
    const delta = `word${i} `.padEnd(400, '.');
    text += delta;
    const before = written;
    messages = [...messages.slice(0, -1), { ...messages.at(-1), content: text }];
    assert.equal(writer.save(messages), true);
    assert.ok(written - before < delta.length + 100, `save ${i} wrote ${written - before} characters for ${delta.length} new`);
  }
  // A reload mid-answer: the whole text, interrupted.
  const restored = loadHistory(storage, 'chat');
  assert.equal(restored.length, 1001);
  assert.deepEqual(restored.at(-1), { id: 'a', role: 'assistant', content: text, status: 'interrupted' });

  // The answer completes: stored whole again, and the pieces are gone.
  messages = [...messages.slice(0, -1), { ...messages.at(-1), status: 'complete' }];
  assert.equal(writer.save(messages), true);
  assert.equal(storage.getItem(historyPieceKey('chat', 0)), null);
  assert.deepEqual(loadHistory(storage, 'chat').at(-1), { id: 'a', role: 'assistant', content: text, status: 'complete' });
});

test('a piece that does not continue the stored text exactly is ignored, and so are those after it', async () => {
  const { historyPieceKey } = await import('../../dist/core/history-storage.js');
  const storage = memoryStorage();
  saveHistory(storage, 'chat', [user, { ...answer, content: 'Hel', status: 'streaming' }]);
  storage.setItem(historyPieceKey('chat', 0), JSON.stringify({ id: 'a1', at: 3, text: 'lo' }));
  storage.setItem(historyPieceKey('chat', 1), JSON.stringify({ id: 'a1', at: 9, text: 'gap' }));
  storage.setItem(historyPieceKey('chat', 2), JSON.stringify({ id: 'a1', at: 5, text: '!' }));
  assert.equal(loadHistory(storage, 'chat').at(-1).content, 'Hello');
  // A whole save drops every piece.
  saveHistory(storage, 'chat', [user]);
  assert.equal([...storage.map.keys()].join(), 'chat');
});

test('a change other than new text in the streaming answer stores the whole conversation', async () => {
  const { HistoryWriter } = await import('../../dist/core/history-storage.js');
  const storage = memoryStorage();
  const writer = new HistoryWriter(storage, 'chat');
  const streaming = { ...answer, content: 'Hel', status: 'streaming' };
  writer.save([user, streaming]);
  // The text was replaced, not extended: whole save.
  writer.save([user, { ...streaming, content: 'Other' }]);
  assert.equal(storage.map.size, 1);
  assert.equal(loadHistory(storage, 'chat').at(-1).content, 'Other');
  // An earlier message changed: whole save.
  writer.save([{ ...user, content: 'Edited' }, { ...streaming, content: 'Other and more' }]);
  assert.equal(storage.map.size, 1);
  assert.deepEqual(loadHistory(storage, 'chat').map((m) => m.content), ['Edited', 'Other and more']);
});
