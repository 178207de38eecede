import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { ChatMessage } from '../../src/core/messages.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptLog, scriptedEndpoint, sseChunks, untilServerSawClose } from '../support/script-client.js';
import { DONE, chatFixture, inputOf, isShown, lastMessage, part, parts, untilDelta } from './ui-helpers.js';
import { clickControl } from '../support/user-input.js';

function lastBubble(el: LlmStreamChat): HTMLElement {
  const bubbles = parts(el, 'message');
  return bubbles[bubbles.length - 1];
}

function within(bubble: Element, name: string): HTMLElement | null {
  return bubble.querySelector<HTMLElement>(`[part~="${name}"]`);
}

function status(el: LlmStreamChat): string {
  return el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
}

/** waitUntil gives up after 1 s by default; on a loaded machine the server may take longer to see a close. */
const PATIENT = { timeout: 10_000 };

const conversation = (last: Partial<ChatMessage>): ChatMessage[] => [
  { id: 'u1', role: 'user', content: 'Question', status: 'complete' },
  { id: 'a1', role: 'assistant', content: 'Partial answer', status: 'complete', ...last },
];

/** Replaces `navigator.clipboard.writeText` for one test. */
function stubClipboard(impl: (text: string) => Promise<void>): () => void {
  const clipboard = navigator.clipboard;
  const original = Object.getOwnPropertyDescriptor(clipboard, 'writeText');
  Object.defineProperty(clipboard, 'writeText', { value: impl, configurable: true });
  return () => {
    if (original) Object.defineProperty(clipboard, 'writeText', original);
    else delete (clipboard as { writeText?: unknown }).writeText;
  };
}

describe('message states', () => {
  it('waiting: a typing indicator before the first token, and aria-busy', async () => {
    const { url } = await scriptedEndpoint({ chunks: [], hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await el.updateComplete;
    const bubble = lastBubble(el);
    expect(bubble.getAttribute('data-status')).to.equal('waiting');
    expect(bubble.getAttribute('aria-busy')).to.equal('true');
    const typing = within(bubble, 'typing-indicator')!;
    expect(isShown(typing)).to.be.true;
    expect(typing.getAttribute('aria-label')).to.equal('Thinking…');
    expect(within(bubble, 'actions')).to.be.null;
    el.stop();
  });

  it('streaming: text, aria-busy, no typing indicator and no actions yet', async () => {
    const { url } = await scriptedEndpoint({ chunks: sseChunks(['Hel', 'lo']), hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await untilDelta(el, () => lastMessage(el).content === 'Hello');
    const bubble = lastBubble(el);
    expect(bubble.getAttribute('aria-busy')).to.equal('true');
    expect(within(bubble, 'typing-indicator')).to.be.null;
    expect(within(bubble, 'actions')).to.be.null;
    expect(within(bubble, 'content')!.getAttribute('dir')).to.equal('auto');
    el.stop();
  });

  it('complete: not busy; Copy and Regenerate on the last answer only', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['Answer']), DONE] });
    const el = await chatFixture(url);
    el.send('One');
    await oneEvent(el, 'llm-chat-done');
    el.send('Two');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    const answers = parts(el, 'assistant-message');
    expect(answers.map((a) => a.getAttribute('aria-busy'))).to.deep.equal(['false', 'false']);
    expect(within(answers[0], 'copy-button')).to.exist;
    expect(within(answers[0], 'regenerate-button')).to.be.null;
    expect(within(answers[1], 'copy-button')!.textContent!.trim()).to.equal('Copy');
    expect(within(answers[1], 'regenerate-button')!.textContent!.trim()).to.equal('Regenerate');
    expect(within(answers[1], 'retry-button')).to.be.null;
    expect(parts(el, 'user-message').map((m) => m.getAttribute('aria-label'))).to.deep.equal(['You', 'You']);
    expect(answers[0].getAttribute('aria-label')).to.equal('Assistant');
  });

  it('stopped: the partial text, a notice, and Regenerate', async () => {
    const { url } = await scriptedEndpoint({ chunks: sseChunks(['Half an ']), hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await untilDelta(el, () => lastMessage(el).content !== '');
    el.stop();
    await oneEvent(el, 'llm-chat-stop');
    await el.updateComplete;
    const bubble = lastBubble(el);
    expect(bubble.getAttribute('data-status')).to.equal('stopped');
    expect(within(bubble, 'content')!.textContent).to.contain('Half an');
    expect(within(bubble, 'notice')!.textContent).to.equal('Stopped.');
    expect(within(bubble, 'regenerate-button')).to.exist;
  });

  it('interrupted: the partial text, a notice and Retry, which asks again', async () => {
    const { url, id } = await scriptedEndpoint({ chunks: [...sseChunks(['Whole answer']), DONE] });
    const el = await chatFixture(url);
    el.messages = conversation({ status: 'interrupted' });
    await el.updateComplete;
    const bubble = lastBubble(el);
    expect(within(bubble, 'notice')!.textContent).to.equal('The connection was lost before the answer finished.');
    expect(within(bubble, 'content')!.textContent).to.contain('Partial answer');
    const done = oneEvent(el, 'llm-chat-done');
    await clickControl(within(bubble, 'retry-button')!);
    expect((await done).detail.message.content).to.equal('Whole answer');
    expect(JSON.parse((await scriptLog(id)).requests[0].body).messages).to.deep.equal([
      { id: 'u1', role: 'user', content: 'Question', parts: [{ type: 'text', text: 'Question' }] },
    ]);
    expect(el.shadowRoot!.activeElement).to.equal(inputOf(el));
  });

  it('error: the human message and Retry', async () => {
    const { url } = await scriptedEndpoint({ status: 502, headers: { 'Content-Type': 'text/plain' }, chunks: [{ text: 'bad gateway' }] });
    const el = await chatFixture(url);
    el.send('Hi');
    await oneEvent(el, 'llm-chat-error');
    await el.updateComplete;
    const bubble = lastBubble(el);
    expect(bubble.getAttribute('aria-busy')).to.equal('false');
    expect(within(bubble, 'error')!.textContent).to.contain('HTTP 502');
    expect(within(bubble, 'retry-button')!.textContent!.trim()).to.equal('Retry');
    expect(within(bubble, 'copy-button'), 'nothing to copy').to.be.null;
  });

  it('a message left waiting or streaming by code is shown as interrupted', async () => {
    const el = await chatFixture('/api/chat');
    el.messages = conversation({ status: 'streaming' });
    await el.updateComplete;
    expect(lastMessage(el).status).to.equal('interrupted');
    expect(within(lastBubble(el), 'typing-indicator')).to.be.null;
  });
});

describe('message actions', () => {
  it('Copy puts the message text on the clipboard and says so', async () => {
    const copies: string[] = [];
    const restore = stubClipboard(async (text) => void copies.push(text));
    try {
      const el = await chatFixture('/api/chat');
      el.messages = conversation({ content: '**Bold** answer' });
      await el.updateComplete;
      const copy = within(lastBubble(el), 'copy-button')!;
      await clickControl(copy);
      await waitUntil(() => copies.length === 1, 'the clipboard was never written', PATIENT);
      // The write resolves a few microtasks before copyMessage() announces it.
      await waitUntil(() => status(el) === 'Copied', 'the copy was never announced', PATIENT);
      await el.updateComplete;
      expect(copies).to.deep.equal(['**Bold** answer']);
      expect(copy.textContent!.trim()).to.equal('Copied');
      expect(status(el)).to.equal('Copied');
      expect(await el.copyMessage('u1')).to.be.true;
      expect(copies[1]).to.equal('Question');
      expect(await el.copyMessage('nope')).to.be.false;
    } finally {
      restore();
    }
  });

  it('a failed copy is announced', async () => {
    const restore = stubClipboard(() => Promise.reject(new DOMException('denied', 'NotAllowedError')));
    try {
      const el = await chatFixture('/api/chat');
      el.messages = conversation({});
      await el.updateComplete;
      expect(await el.copyMessage('a1')).to.be.false;
      await el.updateComplete;
      expect(status(el)).to.equal('Could not copy the message.');
    } finally {
      restore();
    }
  });

  it('Regenerate replaces the last answer with a new one for the same conversation', async () => {
    const { url, id } = await scriptedEndpoint(
      { chunks: [...sseChunks(['First']), DONE] },
      { chunks: [...sseChunks(['Second']), DONE] },
    );
    const el = await chatFixture(url);
    el.send('Hi');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    const done = oneEvent(el, 'llm-chat-done');
    await clickControl(within(lastBubble(el), 'regenerate-button')!);
    expect((await done).detail.message.content).to.equal('Second');
    expect(el.messages.map((m) => m.content)).to.deep.equal(['Hi', 'Second']);
    const { requests } = await scriptLog(id);
    // The same conversation; each request has its own id (the server may use it as an idempotency key).
    expect(JSON.parse(requests[1].body).messages).to.deep.equal(JSON.parse(requests[0].body).messages);
  });

  it('clear() empties the conversation and shows the empty state, firing nothing', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['ok']), DONE] });
    const el = await chatFixture(url);
    el.send('Hi');
    await oneEvent(el, 'llm-chat-done');
    const fired: string[] = [];
    for (const type of ['llm-chat-send', 'llm-chat-delta', 'llm-chat-done', 'llm-chat-error', 'llm-chat-stop']) {
      el.addEventListener(type, () => fired.push(type));
    }
    el.clear();
    await el.updateComplete;
    expect(el.messages).to.deep.equal([]);
    expect(parts(el, 'message')).to.have.length(0);
    expect(part(el, 'empty')!.textContent).to.contain('Send a message to start the conversation.');
    expect(fired).to.deep.equal([]);
  });

  it('setting messages during a stream replaces the conversation: the stream stops, no event, the answer kept is interrupted', async () => {
    const { url, id } = await scriptedEndpoint({ chunks: sseChunks(['x']), hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await untilDelta(el, () => lastMessage(el).content === 'x');
    const fired: string[] = [];
    for (const type of ['llm-chat-delta', 'llm-chat-done', 'llm-chat-error', 'llm-chat-stop']) {
      el.addEventListener(type, () => fired.push(type));
    }
    // The page keeps what it read: the same messages, in a new array.
    const kept = [...el.messages];
    el.messages = kept;
    expect(el.streaming, 'the replaced answer no longer streams').to.be.false;
    await untilServerSawClose(id);
    await el.updateComplete;
    expect(el.messages.map((m) => [m.content, m.status])).to.deep.equal([
      ['Hi', 'complete'],
      ['x', 'interrupted'],
    ]);
    expect(kept[1]!.status, "the page's array is not mutated").to.equal('streaming');
    expect(within(lastBubble(el), 'retry-button'), 'the interrupted answer can be retried').to.not.be.null;
    expect(fired).to.deep.equal([]);
  });

  it('setting the same array again changes nothing, even during a stream', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['x']), { ...sseChunks(['y'])[0]!, delayMs: 200 }, DONE] });
    const el = await chatFixture(url);
    el.send('Hi');
    await untilDelta(el, () => lastMessage(el).content === 'x');
    el.messages = el.messages;
    expect(el.streaming).to.be.true;
    expect((await oneEvent(el, 'llm-chat-done')).detail.message.content).to.equal('xy');
  });

  it('clear() during a stream aborts it without an event', async () => {
    const { url, id } = await scriptedEndpoint({ chunks: sseChunks(['x']), hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await untilDelta(el, () => lastMessage(el).content === 'x');
    let stops = 0;
    el.addEventListener('llm-chat-stop', () => stops++);
    el.clear();
    await untilServerSawClose(id);
    await waitUntil(() => !el.streaming, 'the stream never ended', PATIENT);
    await el.updateComplete;
    expect(el.messages).to.deep.equal([]);
    expect(stops).to.equal(0);
  });
});
