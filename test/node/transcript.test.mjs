// The pure conversation operations the element builds on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isBusy, patchMessage, settleOrphans } from '../../dist/core/index.js';

const m = (id, status, role = 'assistant') => ({ id, role, content: id, status });

test('patchMessage replaces only the patched message, with a copy', () => {
  const messages = [m('a', 'complete', 'user'), m('b', 'streaming')];
  const { messages: next, updated } = patchMessage(messages, 'b', { status: 'complete', content: 'B' });
  assert.notEqual(next, messages);
  assert.equal(next[0], messages[0]);
  assert.deepEqual(updated, { id: 'b', role: 'assistant', content: 'B', status: 'complete' });
  assert.equal(messages[1].status, 'streaming', 'the original is not mutated');
  assert.equal(patchMessage(messages, 'nope', {}).updated, undefined);
});

test('settleOrphans interrupts busy answers except the pending one, and keeps the array when nothing changes', () => {
  const messages = [m('a', 'waiting'), m('b', 'streaming'), m('c', 'complete')];
  const settled = settleOrphans(messages, 'b');
  assert.deepEqual(settled.map((x) => x.status), ['interrupted', 'streaming', 'complete']);
  const calm = [m('c', 'complete'), m('d', 'error')];
  assert.equal(settleOrphans(calm, undefined), calm);
  assert.equal(isBusy(m('x', 'waiting')) && isBusy(m('y', 'streaming')) && !isBusy(m('z', 'stopped')), true);
});

