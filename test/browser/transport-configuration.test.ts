// Errors that neither leak nor mislead (issue 17, finding 8), and no silent empty answer
// (issue 11, item 6), through the element and a real loopback server.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import type { LlmChatErrorDetail } from '../../src/events.js';
import { scriptedEndpoint, scriptLog } from '../support/script-client.js';
import { lastMessage, part } from '../support/transport-helpers.js';

const ok = () => ({ chunks: [{ text: 'data: {"content":"ok"}\n\ndata: [DONE]\n\n' }] });

async function failedAnswer(el: LlmStreamChat): Promise<LlmChatErrorDetail> {
  const error = oneEvent<CustomEvent<LlmChatErrorDetail>>(el, 'llm-chat-error');
  el.send('Hi');
  const { detail } = await error;
  await el.updateComplete;
  return detail;
}

describe('a broken request set-up: a configuration error, nothing sent, nothing leaked', () => {
  it('prepareRequest throws: the bubble shows a generic sentence, the event carries the detail', async () => {
    const { url, id } = await scriptedEndpoint(ok());
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.prepareRequest = () => {
      throw new Error('refresh token sk-live-SECRET was rejected');
    };
    const detail = await failedAnswer(el);
    expect(detail.reason).to.equal('configuration');
    expect(detail.detail).to.contain('sk-live-SECRET');
    expect(detail.message).to.not.contain('SECRET');
    expect(lastMessage(el).status).to.equal('error');
    expect(el.shadowRoot!.textContent).to.not.contain('SECRET');
    expect(part(el, 'error')?.textContent).to.contain('set-up');
    expect((await scriptLog(id)).requests).to.have.length(0);
  });

  it('prepareRequest returns {}: configuration, and no request at all (no GET ./undefined)', async () => {
    const { url, id } = await scriptedEndpoint(ok());
    let fetched = 0;
    const realFetch = window.fetch.bind(window);
    window.fetch = (...args) => {
      fetched++;
      return realFetch(...args);
    };
    try {
      const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
      el.prepareRequest = () => ({}) as never;
      const detail = await failedAnswer(el);
      expect(detail.reason).to.equal('configuration');
      expect(detail.detail).to.contain('no url');
      expect(fetched).to.equal(0);
    } finally {
      window.fetch = realFetch;
    }
    expect((await scriptLog(id)).requests).to.have.length(0);
  });

  it('a header value fetch refuses: configuration, not "could not reach the server"', async () => {
    const { url, id } = await scriptedEndpoint(ok());
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.headers = { Authorization: 'Bearer abc\r\ndef' };
    const detail = await failedAnswer(el);
    expect(detail.reason).to.equal('configuration');
    expect(detail.message).to.not.match(/reach/i);
    expect(detail.detail).to.contain('Authorization').and.not.contain('abc');
    expect((await scriptLog(id)).requests).to.have.length(0);
  });
});

describe('no silent empty answer', () => {
  it('42 events named `token` with no text: an error that says so, the first bytes in the event', async () => {
    const body = 'event: token\ndata: {"value":1}\n\n'.repeat(42);
    const { url } = await scriptedEndpoint({ chunks: [{ text: body }] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    const detail = await failedAnswer(el);
    expect(detail.reason).to.equal('empty');
    expect(detail.message).to.equal(
      'The chat server sent 42 events named `token`, but none held text the chat could read.',
    );
    expect(detail.received).to.equal(body.slice(0, 1024));
    expect(lastMessage(el).status).to.equal('error');
    expect(part(el, 'error')?.textContent).to.contain('42 events');
  });
});
