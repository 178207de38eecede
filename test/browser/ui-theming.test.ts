import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { ChatMessage } from '../../src/core/messages.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { inputOf, isShown, logOf, part, parts } from './ui-helpers.js';

const conversation: ChatMessage[] = [
  { id: 'u1', role: 'user', content: 'Hello', status: 'complete' },
  { id: 'a1', role: 'assistant', content: 'Some `code` here.', status: 'complete' },
];

async function themed(style: string, attrs: { dir?: string } = {}): Promise<LlmStreamChat> {
  const el = await fixture<LlmStreamChat>(
    html`<llm-stream-chat endpoint="/api/chat" style=${style} dir=${attrs.dir ?? 'ltr'}></llm-stream-chat>`,
  );
  el.messages = conversation;
  await el.updateComplete;
  return el;
}

describe('theming', () => {
  afterEach(() => emulateMedia({ colorScheme: 'no-preference' }));

  it('custom properties reach every piece they name', async () => {
    const el = await themed(`
      --llm-chat-background: rgb(1, 1, 1); --llm-chat-text: rgb(2, 2, 2);
      --llm-chat-accent: rgb(3, 3, 3); --llm-chat-accent-text: rgb(4, 4, 4);
      --llm-chat-user-background: rgb(5, 5, 5); --llm-chat-user-text: rgb(6, 6, 6);
      --llm-chat-assistant-background: rgb(7, 7, 7); --llm-chat-assistant-text: rgb(8, 8, 8);
      --llm-chat-code-background: rgb(9, 9, 9); --llm-chat-code-text: rgb(10, 10, 10);
      --llm-chat-border: rgb(11, 11, 11); --llm-chat-muted-text: rgb(12, 12, 12);
      --llm-chat-input-background: rgb(13, 13, 13);
      --llm-chat-font-family: Georgia; --llm-chat-font-size: 20px; --llm-chat-radius: 3px;
      --llm-chat-spacing: 7px; --llm-chat-max-width: 400px; --llm-chat-height: 300px;
      --llm-chat-code-font-family: Courier;`);
    const style = (element: Element | null) => getComputedStyle(element!);
    expect(style(el).backgroundColor).to.equal('rgb(1, 1, 1)');
    expect(style(el).color).to.equal('rgb(2, 2, 2)');
    expect(style(el).fontFamily).to.equal('Georgia');
    expect(style(el).fontSize).to.equal('20px');
    expect(style(el).borderTopColor).to.equal('rgb(11, 11, 11)');
    expect(style(el).maxWidth).to.equal('400px');
    expect(style(el).height).to.equal('300px');
    expect(style(part(el, 'send-button')).backgroundColor).to.equal('rgb(3, 3, 3)');
    expect(style(part(el, 'send-button')).color).to.equal('rgb(4, 4, 4)');
    expect(style(part(el, 'user-message')).backgroundColor).to.equal('rgb(5, 5, 5)');
    expect(style(part(el, 'user-message')).color).to.equal('rgb(6, 6, 6)');
    expect(style(part(el, 'user-message')).borderTopLeftRadius).to.equal('3px');
    expect(style(part(el, 'assistant-message')).backgroundColor).to.equal('rgb(7, 7, 7)');
    expect(style(part(el, 'assistant-message')).color).to.equal('rgb(8, 8, 8)');
    const code = el.shadowRoot!.querySelector('.content code')!;
    expect(style(code).backgroundColor).to.equal('rgb(9, 9, 9)');
    expect(style(code).color).to.equal('rgb(10, 10, 10)');
    expect(style(code).fontFamily).to.equal('Courier');
    expect(style(part(el, 'copy-button')).color).to.equal('rgb(12, 12, 12)');
    expect(style(inputOf(el)).backgroundColor).to.equal('rgb(13, 13, 13)');
    expect(style(logOf(el)).paddingTop).to.equal('7px');
  });

  it('::part() styles each visible piece from outside', async () => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      .parts::part(log) { outline-color: rgb(1, 2, 3); }
      .parts::part(user-message) { border-top-color: rgb(4, 5, 6); }
      .parts::part(content) { letter-spacing: 2px; }
      .parts::part(composer) { border-top-color: rgb(7, 8, 9); }
      .parts::part(input) { caret-color: rgb(10, 11, 12); }
      .parts::part(send-button) { text-transform: uppercase; }
      .parts::part(regenerate-button) { text-transform: lowercase; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    try {
      const el = await themed('');
      el.classList.add('parts');
      expect(getComputedStyle(logOf(el)).outlineColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(part(el, 'user-message')!).borderTopColor).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(part(el, 'content')!).letterSpacing).to.equal('2px');
      expect(getComputedStyle(part(el, 'composer')!).borderTopColor).to.equal('rgb(7, 8, 9)');
      expect(getComputedStyle(inputOf(el)).caretColor).to.equal('rgb(10, 11, 12)');
      expect(getComputedStyle(part(el, 'send-button')!).textTransform).to.equal('uppercase');
      expect(getComputedStyle(part(el, 'regenerate-button')!).textTransform).to.equal('lowercase');
    } finally {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    }
  });

  it('has light and dark defaults from prefers-color-scheme, and color-scheme on the element forces one', async () => {
    const el = await themed('');
    await emulateMedia({ colorScheme: 'light' });
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(part(el, 'assistant-message')!).backgroundColor).to.equal('rgb(246, 248, 250)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(13, 17, 23)');
    expect(getComputedStyle(part(el, 'assistant-message')!).backgroundColor).to.equal('rgb(22, 27, 34)');
    el.style.colorScheme = 'light';
    expect(getComputedStyle(el).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('lays out right to left with dir="rtl"', async () => {
    const ltr = await themed('--llm-chat-max-width: 600px; width: 600px');
    const rtl = await themed('--llm-chat-max-width: 600px; width: 600px', { dir: 'rtl' });
    const side = (el: LlmStreamChat, name: string) => {
      const box = el.getBoundingClientRect();
      const rect = part(el, name)!.getBoundingClientRect();
      return rect.left - box.left < box.right - rect.right ? 'left' : 'right';
    };
    expect(side(ltr, 'user-message')).to.equal('right');
    expect(side(rtl, 'user-message')).to.equal('left');
    expect(side(ltr, 'send-button')).to.equal('right');
    expect(side(rtl, 'send-button')).to.equal('left');
  });

  it('message text has dir="auto": Arabic in a left-to-right chat reads right to left', async () => {
    const el = await themed('');
    el.messages = [{ id: 'u', role: 'user', content: 'مرحبا بالعالم', status: 'complete' }];
    await el.updateComplete;
    const content = part(el, 'content')!;
    expect(content.getAttribute('dir')).to.equal('auto');
    expect(content.matches(':dir(rtl)')).to.be.true;
  });

  it('the header slot shows its box only when something is slotted; the empty slot replaces the default text', async () => {
    const plain = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat"></llm-stream-chat>`);
    expect(isShown(part(plain, 'header'))).to.be.false;
    expect(part(plain, 'empty')!.textContent).to.contain('Send a message to start');

    const slotted = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint="/api/chat">
      <h2 slot="header">Support</h2>
      <p slot="empty">Ask us anything.</p>
    </llm-stream-chat>`);
    await slotted.updateComplete;
    expect(isShown(part(slotted, 'header'))).to.be.true;
    const emptySlot = part(slotted, 'empty')!.querySelector('slot')!;
    expect(emptySlot.assignedElements()[0].textContent).to.equal('Ask us anything.');
    slotted.messages = conversation;
    await slotted.updateComplete;
    expect(part(slotted, 'empty')).to.be.null;
    expect(parts(slotted, 'message')).to.have.length(2);
  });
});
