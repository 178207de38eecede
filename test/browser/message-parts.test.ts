// Messages with parts through the element: streamed text fills a text part, and every kind of
// part survives a `messages` restore and a `storage-key` reload and goes back in the next request.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { ChatMessage } from '../../src/core/messages.js';
import type { MessagePart } from '../../src/core/message-parts.js';
import type { LlmChatDoneDetail } from '../../src/events.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptLog, scriptedEndpoint, sseChunks } from '../support/script-client.js';
import { DONE, lastMessage, part } from './ui-helpers.js';

/** An answer with one of each kind of part, as an AI SDK backend would have streamed it. */
const RICH_PARTS: MessagePart[] = [
  { type: 'step-start' },
  {
    type: 'reasoning',
    text: 'The user wants the weather.',
    state: 'done',
    providerMetadata: { anthropic: { signature: 'sig' } },
  },
  {
    type: 'tool-weather',
    toolName: 'weather',
    toolCallId: 'c1',
    state: 'output-available',
    input: { city: 'Paris' },
    output: { c: 21 },
  },
  {
    type: 'dynamic-tool',
    toolName: 'search',
    toolCallId: 'c2',
    state: 'output-error',
    input: { q: 'x' },
    errorText: 'down',
  },
  { type: 'text', text: 'It is **21 °C** in Paris.', state: 'done' },
  { type: 'source-url', sourceId: 's1', url: 'https://example.com/weather', title: 'Weather' },
  { type: 'source-document', sourceId: 's2', mediaType: 'application/pdf', title: 'Report', filename: 'r.pdf' },
  { type: 'file', mediaType: 'image/png', url: 'data:image/png;base64,AAAA', filename: 'map.png' },
  { type: 'data-forecast', id: 'f', data: { days: [21, 23] } },
];

const richConversation = (): ChatMessage[] => [
  {
    id: 'u1',
    role: 'user',
    content: 'Weather in Paris?',
    status: 'complete',
    parts: [{ type: 'text', text: 'Weather in Paris?' }],
  },
  {
    id: 'a1',
    role: 'assistant',
    content: 'It is **21 °C** in Paris.',
    status: 'complete',
    parts: RICH_PARTS,
    metadata: { model: 'm' },
  },
];

let keyCount = 0;
const freshKey = () => `llm-chat-parts-${Date.now()}-${keyCount++}`;

describe('message parts', () => {
  it('streamed text fills the answer’s text part, open while it streams and done at the end', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['Hello', ' world'], 5), DONE] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    const seen: (MessagePart[] | undefined)[] = [];
    el.addEventListener('llm-chat-delta', (event) => seen.push(event.detail.message.parts));
    const done = oneEvent(el, 'llm-chat-done');
    el.send('Hi');
    const { message } = ((await done) as CustomEvent<LlmChatDoneDetail>).detail;
    expect(message.parts).to.deep.equal([{ type: 'text', text: 'Hello world', state: 'done' }]);
    expect(seen.length).to.be.greaterThan(0);
    for (const parts of seen) expect(parts).to.have.length(1).and.to.have.nested.property('[0].state', 'streaming');
    expect(el.messages[0].parts).to.deep.equal([{ type: 'text', text: 'Hi' }]);
  });

  it('every kind of part survives a messages restore, and goes back as it is in the next request', async () => {
    const { url, id } = await scriptedEndpoint({ chunks: [...sseChunks(['ok']), DONE] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.messages = richConversation();
    await el.updateComplete;
    expect(el.messages).to.deep.equal(richConversation());
    expect(part(el, 'assistant-message')!.querySelector('strong')!.textContent, 'the text part renders').to.equal(
      '21 °C',
    );
    const done = oneEvent(el, 'llm-chat-done');
    el.send('And tomorrow?');
    await done;
    const sent = (JSON.parse((await scriptLog(id)).requests[0].body) as { messages: unknown[] }).messages;
    expect(sent).to.have.length(3);
    expect(sent[1]).to.deep.equal({
      id: 'a1',
      role: 'assistant',
      content: 'It is **21 °C** in Paris.',
      parts: RICH_PARTS,
    });
    expect(sent[2]).to.deep.include({
      role: 'user',
      content: 'And tomorrow?',
      parts: [{ type: 'text', text: 'And tomorrow?' }],
    });
  });

  it('every kind of part survives a storage-key reload', async () => {
    const key = freshKey();
    const first = await fixture<LlmStreamChat>(html`<llm-stream-chat storage-key=${key}></llm-stream-chat>`);
    first.messages = richConversation();
    await first.updateComplete;
    const reloaded = await fixture<LlmStreamChat>(html`<llm-stream-chat storage-key=${key}></llm-stream-chat>`);
    expect(reloaded.messages).to.deep.equal(richConversation());
    localStorage.removeItem(key);
  });

  it('messages without parts (stored before parts, or set by code) get one text part; parts without content get their text', async () => {
    const key = freshKey();
    localStorage.setItem(
      key,
      JSON.stringify({
        version: 1,
        messages: [{ id: 'u', role: 'user', content: 'Old question', status: 'complete' }],
      }),
    );
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat storage-key=${key}></llm-stream-chat>`);
    expect(el.messages[0].parts).to.deep.equal([{ type: 'text', text: 'Old question' }]);
    // An AI SDK UIMessage as it is: no content, no status.
    el.messages = [
      { id: 'x', role: 'assistant', parts: [{ type: 'text', text: 'From **parts**' }] } as unknown as ChatMessage,
    ];
    await el.updateComplete;
    expect(lastMessage(el)).to.include({ content: 'From **parts**', status: 'complete' });
    expect(part(el, 'assistant-message')!.querySelector('strong')!.textContent).to.equal('parts');
    localStorage.removeItem(key);
  });
});
