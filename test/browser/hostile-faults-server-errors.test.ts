// Server failures the user must understand: the server's own error message is shown, and a page
// that is not a stream (a login page answered with 200) is refused by its content type.
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint } from '../support/script-client.js';

const QUESTION = 'What went wrong?';

async function chatAt(url: string): Promise<LlmStreamChat> {
  return fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
}

function errorText(el: LlmStreamChat): string {
  return el.shadowRoot!.querySelector('[part~="error"]')?.textContent?.trim() ?? '';
}

/** Sends the question; fails fast (instead of timing out) when the answer ends any other way. */
async function sendExpectingError(el: LlmStreamChat) {
  const ended = Promise.race([
    oneEvent(el, 'llm-chat-error').then((event) => event.detail),
    oneEvent(el, 'llm-chat-done').then((event) => {
      throw new Error(`expected llm-chat-error, the answer completed with ${JSON.stringify(event.detail.message.content)}`);
    }),
  ]);
  el.send(QUESTION);
  const detail = await ended;
  await el.updateComplete;
  return detail;
}

function expectFailedExchange(el: LlmStreamChat) {
  expect(el.messages.map((m) => [m.role, m.content, m.status])).to.deep.equal([
    ['user', QUESTION, 'complete'],
    ['assistant', '', 'error'],
  ]);
  expect(errorText(el)).to.not.equal('');
  expect(errorText(el)).to.equal(el.messages[1].error);
}

describe('server errors the user must understand', () => {
  it("500 with a JSON error: the server's own message reaches the user", async () => {
    const { url } = await scriptedEndpoint({
      status: 500,
      headers: { 'Content-Type': 'application/json' },
      chunks: [{ text: JSON.stringify({ error: { message: 'The model is overloaded.', type: 'server_error' } }) }],
    });
    const el = await chatAt(url);
    const detail = await sendExpectingError(el);
    expect(detail).to.include({ reason: 'http', status: 500 });
    expectFailedExchange(el);
    expect(detail.message).to.contain('The model is overloaded.');
    expect(errorText(el)).to.contain('The model is overloaded.');
    expect(errorText(el)).to.contain('500');
  });

  it('an HTML page answered with status 200 is refused by its content type', async () => {
    const page = '<!doctype html><html><head><title>Sign in</title></head><body><h1>Please sign in</h1></body></html>';
    const { url } = await scriptedEndpoint({ status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, chunks: [{ text: page }] });
    const el = await chatAt(url);
    const detail = await sendExpectingError(el);
    expect(detail.reason).to.equal('content-type');
    expectFailedExchange(el);
    expect(el.shadowRoot!.querySelector('.message.assistant h1'), 'the page must not be rendered').to.be.null;
  });
});
