import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { pickAnswer } from '../../demo/mock-model.mjs';
import { scriptedEndpoint, scriptLog, sseChunks, untilServerSawClose } from '../support/script-client.js';
import { clickControl } from '../support/user-input.js';

function lastMessage(el: LlmStreamChat) {
  return el.messages[el.messages.length - 1];
}

function renderedAnswer(el: LlmStreamChat): string {
  const contents = el.shadowRoot!.querySelectorAll('.message.assistant .content');
  return contents[contents.length - 1]?.textContent ?? '';
}

describe('streaming an answer', () => {
  it('shows text before the stream has ended', async () => {
    const { url, id } = await scriptedEndpoint({
      chunks: sseChunks(['Hello', ' world']),
      hang: true,
    });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('Hi');
    await waitUntil(() => renderedAnswer(el).includes('Hello world'), 'first deltas never rendered');
    // The server is still holding the connection open: the text arrived mid-stream.
    expect(lastMessage(el).status).to.equal('streaming');
    expect((await scriptLog(id)).completed).to.equal(0);
    el.stop();
  });

  it('ends with exactly the text the server sent', async () => {
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat?delay=1"></llm-stream-chat>`);
    const question = 'Show me some markdown';
    el.send(question);
    const done = await oneEvent(el, 'llm-chat-done');
    const expected = pickAnswer([{ role: 'user', content: question }]);
    expect(done.detail.message.content).to.equal(expected);
    expect(lastMessage(el)).to.include({ role: 'assistant', status: 'complete', content: expected });
    // Rendered as Markdown, not as raw text.
    const content = el.shadowRoot!.querySelector('.message.assistant .content')!;
    expect(content.querySelector('h2')?.textContent).to.equal('Streaming, briefly');
    expect(content.querySelector('table')).to.exist;
    expect(content.querySelector('pre code')).to.exist;
  });

  it('POSTs the conversation as JSON { messages }', async () => {
    const { url, id } = await scriptedEndpoint({ chunks: [...sseChunks(['ok']), { text: 'data: [DONE]\n\n' }] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('first');
    await oneEvent(el, 'llm-chat-done');
    el.send('second');
    await oneEvent(el, 'llm-chat-done');
    const { requests } = await scriptLog(id);
    expect(requests).to.have.length(2);
    expect(requests[1].method).to.equal('POST');
    expect(requests[1].headers['content-type']).to.equal('application/json');
    const body = JSON.parse(requests[1].body);
    // Each message as an AI SDK UIMessage (id, role, parts) with its text beside it.
    const ids = el.messages.map((m) => m.id);
    const text = (t: string) => [{ type: 'text', text: t }];
    expect(body.messages).to.deep.equal([
      { id: ids[0], role: 'user', content: 'first', parts: text('first') },
      { id: ids[1], role: 'assistant', content: 'ok', parts: [{ type: 'text', text: 'ok', state: 'done' }] },
      { id: ids[2], role: 'user', content: 'second', parts: text('second') },
    ]);
    expect(body.messages.map((m: { id: string }) => m.id)).to.deep.equal(el.messages.slice(0, 3).map((m) => m.id));
    // Plus a fresh client-generated id per answer, which a server may use as an idempotency key.
    expect(body.requestId).to.be.a('string').and.not.equal(JSON.parse(requests[0].body).requestId);
  });

  it('stop() aborts the request, keeps the partial text and marks it stopped', async () => {
    const { url, id } = await scriptedEndpoint({ chunks: sseChunks(['partial ', 'answer']), hang: true });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('Hi');
    await waitUntil(() => lastMessage(el).content === 'partial answer');
    const stopped = oneEvent(el, 'llm-chat-stop');
    el.stop();
    expect((await stopped).detail.message).to.include({ status: 'stopped', content: 'partial answer' });
    expect(el.streaming).to.be.false;
    await untilServerSawClose(id);
    expect(el.messages.map((m) => m.content)).to.deep.equal(['Hi', 'partial answer']);
  });

  it('removing the element aborts its stream', async () => {
    const { url, id } = await scriptedEndpoint({ chunks: sseChunks(['x']), hang: true });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('Hi');
    await waitUntil(() => lastMessage(el).content === 'x');
    el.remove();
    await untilServerSawClose(id);
  });

  it('shows the HTTP status when the server fails, and keeps the question', async () => {
    const { url } = await scriptedEndpoint({ status: 500, headers: { 'Content-Type': 'text/plain' }, chunks: [{ text: 'boom' }] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('Will this fail?');
    const error = await oneEvent(el, 'llm-chat-error');
    expect(error.detail).to.include({ reason: 'http', status: 500 });
    expect(el.messages[0]).to.include({ role: 'user', content: 'Will this fail?' });
    expect(lastMessage(el).status).to.equal('error');
    expect(el.shadowRoot!.querySelector('[part~="error"]')?.textContent).to.contain('500');
  });
});

describe('retry', () => {
  it('replaces a failed answer with a fresh one for the same conversation', async () => {
    const { url, id } = await scriptedEndpoint(
      // 500, not 503: a 503 before the first byte is retried by itself (transport issue).
      { status: 500, headers: { 'Content-Type': 'text/plain' }, chunks: [{ text: 'busy' }] },
      { chunks: [...sseChunks(['second try']), { text: 'data: [DONE]\n\n' }] },
    );
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('Hello?');
    await oneEvent(el, 'llm-chat-error');
    await el.updateComplete;
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    const done = oneEvent(el, 'llm-chat-done');
    await clickControl(button);
    expect((await done).detail.message.content).to.equal('second try');
    expect(el.messages.map((m) => [m.role, m.content, m.status])).to.deep.equal([
      ['user', 'Hello?', 'complete'],
      ['assistant', 'second try', 'complete'],
    ]);
    const { requests } = await scriptLog(id);
    // The same conversation, as a new answer: a new request id, so a server never replays the old one.
    expect(JSON.parse(requests[1].body).messages).to.deep.equal(JSON.parse(requests[0].body).messages);
    expect(JSON.parse(requests[1].body).requestId).to.not.equal(JSON.parse(requests[0].body).requestId);
  });
});
