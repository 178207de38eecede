// A malformed conversation given through `messages` or found under `storage-key`: no uncaught
// error, no empty transcript, one console warning naming the problems, and ids made unique so
// that Copy copies the message it sits under.
import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { ChatMessage } from '../../src/core/messages.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { parts } from './ui-helpers.js';

const HOSTILE = [
  null,
  { role: 'user', content: 'No id here' },
  { id: 'same', role: 'assistant', content: 'First **answer**' },
  { id: 'same', role: 'assistant', content: 'Second answer' },
  { id: 'n', role: 'assistant', content: 42 },
  { id: 'p', role: 'assistant', content: 'Parts broken', parts: 'nope' },
  { id: 'r', role: 'system', content: 'unknown role' },
] as unknown as ChatMessage[];

/** Records console.warn calls and uncaught errors for one test. */
function watch(): { warnings: string[]; errors: unknown[]; restore: () => void } {
  const warnings: string[] = [];
  const errors: unknown[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  const onError = (event: ErrorEvent) => errors.push(event.error);
  window.addEventListener('error', onError);
  return {
    warnings,
    errors,
    restore: () => {
      console.warn = warn;
      window.removeEventListener('error', onError);
    },
  };
}

/** Presses a control as a user does: a real click at its on-screen centre. */
async function press(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

function stubClipboard(copies: string[]): () => void {
  const original = Object.getOwnPropertyDescriptor(navigator.clipboard, 'writeText');
  Object.defineProperty(navigator.clipboard, 'writeText', {
    value: (text: string) => {
      copies.push(text);
      return Promise.resolve();
    },
    configurable: true,
  });
  return () => {
    if (original) Object.defineProperty(navigator.clipboard, 'writeText', original);
    else delete (navigator.clipboard as { writeText?: unknown }).writeText;
  };
}

function check(el: LlmStreamChat, seen: ReturnType<typeof watch>): void {
  expect(seen.errors, 'no uncaught error').to.deep.equal([]);
  expect(seen.warnings, 'one warning').to.have.length(1);
  for (const problem of [
    'not a message object',
    'without an id',
    'id used before',
    'content is not a string',
    'parts are not an array',
    'role other than',
  ]) {
    expect(seen.warnings[0]).to.contain(problem);
  }
  expect(el.messages.map((m) => m.content)).to.deep.equal([
    'No id here',
    'First **answer**',
    'Second answer',
    '42',
    'Parts broken',
  ]);
  expect(new Set(el.messages.map((m) => m.id)).size).to.equal(5);
  expect(parts(el, 'message'), 'the transcript shows every valid message').to.have.length(5);
  expect(parts(el, 'input'), 'the composer is there').to.have.length(1);
}

describe('messages validated', () => {
  it('through the messages property: normalized, one warning, and Copy copies its own message', async () => {
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat"></llm-stream-chat>`);
    const seen = watch();
    const copies: string[] = [];
    const restoreClipboard = stubClipboard(copies);
    try {
      el.messages = HOSTILE;
      await el.updateComplete;
      check(el, seen);
      // The two answers that shared an id: each Copy copies its own text.
      const [first, second] = parts(el, 'assistant-message');
      await press(second.querySelector('[part~="copy-button"]')!);
      await press(first.querySelector('[part~="copy-button"]')!);
      expect(copies).to.deep.equal(['Second answer', 'First **answer**']);
    } finally {
      seen.restore();
      restoreClipboard();
    }
  });

  it('through storage-key: a stored conversation with the same flaws restores the same way', async () => {
    const key = `llm-chat-validation-${Date.now()}`;
    localStorage.setItem(key, JSON.stringify({ version: 1, messages: HOSTILE }));
    const seen = watch();
    try {
      const el = await fixture<LlmStreamChat>(
        html`<llm-stream-chat endpoint="/api/chat" storage-key=${key}></llm-stream-chat>`,
      );
      await el.updateComplete;
      expect(seen.errors).to.deep.equal([]);
      // The stored-history reader already drops what has no id or no text; the rest is normalized.
      expect(el.messages.map((m) => m.content)).to.deep.equal(['First **answer**', 'Second answer', 'Parts broken']);
      expect(new Set(el.messages.map((m) => m.id)).size).to.equal(3);
      expect(el.messages[2].parts).to.deep.equal([{ type: 'text', text: 'Parts broken' }]);
      expect(seen.warnings).to.have.length(1);
      expect(seen.warnings[0]).to.contain('id used before').and.contain('parts are not an array');
      expect(parts(el, 'message')).to.have.length(3);
    } finally {
      seen.restore();
      localStorage.removeItem(key);
    }
  });
});
