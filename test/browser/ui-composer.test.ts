import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { AutosizeController } from '../../src/controllers/autosize-controller.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';
import { DONE, chatFixture, inputOf, lastMessage, part } from './ui-helpers.js';
import { clickControl, press } from '../support/user-input.js';

function button(el: LlmStreamChat): HTMLButtonElement {
  return el.shadowRoot!.querySelector('.composer button')!;
}

function focused(el: LlmStreamChat): Element | null {
  return el.shadowRoot!.activeElement;
}

function keydown(target: Element, init: KeyboardEventInit & { keyCode?: number }): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { bubbles: true, composed: true, cancelable: true, ...init });
  if (init.keyCode !== undefined) Object.defineProperty(event, 'keyCode', { value: init.keyCode });
  target.dispatchEvent(event);
  return event;
}

async function shiftEnter(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Enter' });
  await sendKeys({ up: 'Shift' });
}

async function typeInto(el: LlmStreamChat, text: string): Promise<void> {
  inputOf(el).focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('composer', () => {
  it('Enter sends the typed text, empties the input and keeps focus in it', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['ok']), DONE] });
    const el = await chatFixture(url);
    await typeInto(el, 'Hello there');
    const sent = oneEvent(el, 'llm-chat-send');
    const done = oneEvent(el, 'llm-chat-done');
    await sendKeys({ press: 'Enter' });
    expect((await sent).detail.text).to.equal('Hello there');
    await el.updateComplete;
    expect(el.messages[0]).to.include({ role: 'user', content: 'Hello there' });
    expect(inputOf(el).value).to.equal('');
    expect(focused(el)).to.equal(inputOf(el));
    await done;
  });

  it('Shift+Enter adds a newline and sends nothing', async () => {
    const el = await chatFixture('/api/chat?delay=1');
    await typeInto(el, 'line one');
    await shiftEnter();
    await sendKeys({ type: 'line two' });
    await el.updateComplete;
    expect(inputOf(el).value).to.equal('line one\nline two');
    expect(el.messages).to.have.length(0);
  });

  it('an Enter that confirms an IME composition never sends', async () => {
    const el = await chatFixture('/api/chat?delay=1');
    await typeInto(el, 'にほんご');
    const input = inputOf(el);
    let sends = 0;
    el.addEventListener('llm-chat-send', () => sends++);

    keydown(input, { key: 'Enter', isComposing: true });
    keydown(input, { key: 'Enter', keyCode: 229 }); // Safari: the confirming keydown comes after compositionend
    input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    keydown(input, { key: 'Enter' });
    await el.updateComplete;
    expect(sends).to.equal(0);
    expect(el.messages).to.have.length(0);
    expect(input.value).to.equal('にほんご');

    input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true }));
    const done = oneEvent(el, 'llm-chat-done');
    const event = keydown(input, { key: 'Enter' });
    expect(event.defaultPrevented).to.be.true;
    expect(sends).to.equal(1);
    await done;
  });

  it('an empty or blank input cannot be sent', async () => {
    const el = await chatFixture('/api/chat?delay=1');
    expect(button(el).getAttribute('aria-disabled')).to.equal('true');
    await typeInto(el, '   ');
    expect(button(el).getAttribute('aria-disabled')).to.equal('true');
    await press('Enter');
    await clickControl(button(el));
    await el.updateComplete;
    expect(el.messages).to.have.length(0);
    expect(el.send('  \n ')).to.be.false;
  });

  it('clicking Send sends and returns focus to the input', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['ok']), DONE] });
    const el = await chatFixture(url);
    await typeInto(el, 'By click');
    expect(button(el).getAttribute('aria-disabled')).to.equal('false');
    const done = oneEvent(el, 'llm-chat-done');
    await clickControl(button(el));
    await el.updateComplete;
    expect(el.messages[0].content).to.equal('By click');
    expect(focused(el)).to.equal(inputOf(el));
    await done;
  });

  it('while streaming the send button is a stop button; clicking it stops', async () => {
    const { url } = await scriptedEndpoint({ chunks: sseChunks(['partial']), hang: true });
    const el = await chatFixture(url);
    const sendButton = button(el);
    expect(sendButton.getAttribute('part')).to.equal('send-button');
    el.send('Hi');
    await el.updateComplete;
    const stopButton = part<HTMLButtonElement>(el, 'stop-button')!;
    expect(stopButton, 'the same element, so focus on it survives').to.equal(sendButton);
    expect(stopButton.textContent!.trim()).to.equal('Stop');
    expect(part(el, 'send-button')).to.be.null;
    const stopped = oneEvent(el, 'llm-chat-stop');
    await clickControl(stopButton);
    await stopped;
    await el.updateComplete;
    expect(part(el, 'send-button')).to.equal(sendButton);
    expect(lastMessage(el).status).to.equal('stopped');
  });

  it('Esc stops the answer', async () => {
    const { url } = await scriptedEndpoint({ chunks: sseChunks(['partial']), hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await el.updateComplete;
    inputOf(el).focus();
    const stopped = oneEvent(el, 'llm-chat-stop');
    await sendKeys({ press: 'Escape' });
    expect((await stopped).detail.message.status).to.equal('stopped');
    expect(focused(el)).to.equal(inputOf(el));
  });

  it('Enter while an answer streams neither stops it nor loses the new draft', async () => {
    const { url } = await scriptedEndpoint({ chunks: sseChunks(['partial']), hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await typeInto(el, 'next question');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.streaming).to.be.true;
    expect(inputOf(el).value).to.equal('next question');
    expect(el.messages).to.have.length(2);
    el.stop();
  });

  it('a failed send keeps the text: the question stays in the log with Retry', async () => {
    const { url } = await scriptedEndpoint(
      { status: 500, headers: { 'Content-Type': 'text/plain' }, chunks: [{ text: 'boom' }] },
      { chunks: [...sseChunks(['recovered']), DONE] },
    );
    const el = await chatFixture(url);
    await typeInto(el, 'Precious words');
    const failed = oneEvent(el, 'llm-chat-error');
    await sendKeys({ press: 'Enter' });
    await failed;
    await el.updateComplete;
    expect(el.messages[0]).to.include({ role: 'user', content: 'Precious words' });
    const retry = part<HTMLButtonElement>(el, 'retry-button')!;
    const done = oneEvent(el, 'llm-chat-done');
    await clickControl(retry);
    expect((await done).detail.message.content).to.equal('recovered');
    expect(el.messages.map((m) => m.content)).to.deep.equal(['Precious words', 'recovered']);
  });

  it('a cancelled llm-chat-send leaves the text in the input', async () => {
    const el = await chatFixture('/api/chat?delay=1');
    el.addEventListener('llm-chat-send', (event) => event.preventDefault());
    await typeInto(el, 'Not yet');
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.messages).to.have.length(0);
    expect(inputOf(el).value).to.equal('Not yet');
  });

  it('the text area grows with its content, up to a maximum', async () => {
    const el = await chatFixture('/api/chat?delay=1', '600px');
    const input = inputOf(el);
    const oneLine = input.getBoundingClientRect().height;
    await typeInto(el, 'a');
    for (let i = 0; i < 3; i++) await shiftEnter();
    await el.updateComplete;
    const fourLines = input.getBoundingClientRect().height;
    expect(fourLines).to.be.greaterThan(oneLine * 2);
    expect(input.scrollHeight).to.be.at.most(input.clientHeight + 1); // no inner scrollbar yet
    for (let i = 0; i < 30; i++) await shiftEnter();
    await el.updateComplete;
    const max = input.getBoundingClientRect().height;
    expect(max).to.be.at.most(parseFloat(getComputedStyle(input).maxBlockSize) + 0.5);
    expect(input.scrollHeight).to.be.greaterThan(input.clientHeight); // now it scrolls
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(input.getBoundingClientRect().height).to.equal(oneLine);
  });
});

class AutosizeHost extends LitElement {
  readonly autosize = new AutosizeController(this, {
    textarea: () => this.renderRoot.querySelector('textarea'),
    native: false, // the measuring fallback, as in browsers without field-sizing
  });

  protected override render() {
    return html`<textarea rows="1" style="max-block-size: 10rem; line-height: 20px; padding: 0; font: 16px/20px monospace"></textarea>`;
  }
}
customElements.define('autosize-host', AutosizeHost);

describe('AutosizeController fallback (no field-sizing)', () => {
  it('sets the height to the content on input', async () => {
    const host = await fixture<AutosizeHost>(html`<autosize-host></autosize-host>`);
    const textarea = host.renderRoot.querySelector('textarea')!;
    const one = textarea.getBoundingClientRect().height;
    textarea.value = 'a\nb\nc\nd';
    textarea.dispatchEvent(new Event('input'));
    expect(textarea.getBoundingClientRect().height).to.be.closeTo(one + 60, 1);
    textarea.value = 'a';
    textarea.dispatchEvent(new Event('input'));
    expect(textarea.getBoundingClientRect().height).to.be.closeTo(one, 1);
  });
});
