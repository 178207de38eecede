import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import type { LlmStreamChatLauncher } from '../../src/launcher/llm-stream-chat-launcher.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';
import { clickControl, press, typeText } from '../support/user-input.js';
import { DONE } from './ui-helpers.js';

function partOf(launcher: LlmStreamChatLauncher, name: string): HTMLElement | null {
  return launcher.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

function chatOf(launcher: LlmStreamChatLauncher): LlmStreamChat {
  return launcher.querySelector('llm-stream-chat')!;
}

/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

async function launcherFixture(endpoint: string, attrs = ''): Promise<LlmStreamChatLauncher> {
  const launcher = await fixture<LlmStreamChatLauncher>(
    html`<llm-stream-chat-launcher position=${attrs || 'bottom-end'}>
      <llm-stream-chat endpoint=${endpoint}></llm-stream-chat>
    </llm-stream-chat-launcher>`,
  );
  await chatOf(launcher).updateComplete;
  return launcher;
}

describe('<llm-stream-chat-launcher>', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'no-preference' });
    await setViewport({ width: 800, height: 600 });
  });

  it('a real click opens the panel with focus in the composer; Esc closes it and focus returns to the button', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['Hello ', 'there']), DONE] });
    const launcher = await launcherFixture(url);
    const button = partOf(launcher, 'button')!;
    const panel = partOf(launcher, 'panel')!;
    expect(panel.checkVisibility()).to.be.false;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(button.textContent).to.contain('Open chat');
    // The button sits in the bottom-right corner of the viewport (left-to-right page).
    const box = button.getBoundingClientRect();
    expect(innerWidth - box.right).to.be.within(10, 30);
    expect(innerHeight - box.bottom).to.be.within(10, 30);
    await expect(launcher).shadowDom.to.be.accessible();

    await clickControl(button);
    await launcher.updateComplete;
    expect(launcher.open).to.be.true;
    expect(panel.checkVisibility()).to.be.true;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(deepActive()?.getAttribute('part')).to.equal('input');
    await expect(launcher).shadowDom.to.be.accessible();

    await typeText('Hi');
    const done = oneEvent(launcher, 'llm-chat-done');
    await press('Enter');
    await done;
    expect(chatOf(launcher).messages[1]?.content).to.equal('Hello there');
    expect(launcher.unread).to.be.false; // it finished in view

    await press('Escape');
    await launcher.updateComplete;
    expect(launcher.open).to.be.false;
    expect(panel.checkVisibility()).to.be.false;
    expect(deepActive()).to.equal(button);
  });

  it('an answer that finishes while the panel is closed shows the unread dot and says so; opening clears it', async () => {
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(['Slow ', 'answer'], 150), DONE] });
    const launcher = await launcherFixture(url);
    await clickControl(launcher, 'button');
    await launcher.updateComplete;
    await typeText('Question');
    await press('Enter');
    // Closed by the button itself while the answer streams.
    await clickControl(launcher, 'button');
    await launcher.updateComplete;
    expect(launcher.open).to.be.false;
    expect(partOf(launcher, 'unread-indicator')).to.be.null;
    await oneEvent(launcher, 'llm-chat-done');
    await launcher.updateComplete;
    expect(launcher.unread).to.be.true;
    expect(launcher.hasAttribute('unread')).to.be.true;
    expect(partOf(launcher, 'unread-indicator')!.checkVisibility()).to.be.true;
    expect(launcher.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('New answer in the chat.');
    await expect(launcher).shadowDom.to.be.accessible();

    await clickControl(launcher, 'button');
    await launcher.updateComplete;
    expect(launcher.unread).to.be.false;
    expect(partOf(launcher, 'unread-indicator')).to.be.null;
  });

  it('the first Esc stops a streaming answer, the second closes the panel', async () => {
    const { url } = await scriptedEndpoint({ chunks: sseChunks(['Never ', 'ending']), hang: true });
    const launcher = await launcherFixture(url);
    await clickControl(launcher, 'button');
    await launcher.updateComplete;
    await typeText('Go');
    await press('Enter');
    const chat = chatOf(launcher);
    await waitUntil(() => chat.messages[1]?.status === 'streaming', 'no streaming answer', { timeout: 10_000 });
    await press('Escape');
    await waitUntil(() => chat.messages[1]?.status === 'stopped', 'the first Esc did not stop the answer');
    expect(launcher.open).to.be.true;
    await press('Escape');
    await launcher.updateComplete;
    expect(launcher.open).to.be.false;
  });

  it('fills a small screen, and its own close button closes it and returns focus', async () => {
    await setViewport({ width: 360, height: 640 });
    const { url } = await scriptedEndpoint({ chunks: [DONE] });
    const launcher = await launcherFixture(url);
    await clickControl(launcher, 'button');
    await launcher.updateComplete;
    const rect = partOf(launcher, 'panel')!.getBoundingClientRect();
    expect([rect.left, rect.top, rect.width, rect.height]).to.deep.equal([0, 0, 360, 640]);
    // The floating button would cover the composer: the panel's own close button replaces it.
    expect(partOf(launcher, 'button')!.checkVisibility()).to.be.false;
    const chatRect = chatOf(launcher).getBoundingClientRect();
    expect(chatRect.bottom).to.equal(640);
    await expect(launcher).shadowDom.to.be.accessible();
    await clickControl(launcher, 'close-button');
    await launcher.updateComplete;
    expect(launcher.open).to.be.false;
    expect(deepActive()).to.equal(partOf(launcher, 'button'));
  });

  it('corners are logical: bottom-end is the left in a right-to-left page; top-start is the top right', async () => {
    const { url } = await scriptedEndpoint({ chunks: [DONE] });
    document.documentElement.dir = 'rtl';
    try {
      const launcher = await launcherFixture(url);
      let box = partOf(launcher, 'button')!.getBoundingClientRect();
      expect(box.left).to.be.within(10, 30);
      expect(innerHeight - box.bottom).to.be.within(10, 30);
      launcher.position = 'top-start';
      await launcher.updateComplete;
      box = partOf(launcher, 'button')!.getBoundingClientRect();
      expect(innerWidth - box.right).to.be.within(10, 30);
      expect(box.top).to.be.within(10, 30);
      await clickControl(launcher, 'button');
      await launcher.updateComplete;
      const panel = partOf(launcher, 'panel')!.getBoundingClientRect();
      expect(panel.top).to.be.greaterThan(box.bottom);
      expect(Math.round(panel.right)).to.equal(Math.round(box.right));
    } finally {
      document.documentElement.dir = '';
    }
  });

  it('themes: dark mode by default colours, size and colour from custom properties, and a slotted icon', async () => {
    const { url } = await scriptedEndpoint({ chunks: [DONE] });
    const launcher = await launcherFixture(url);
    const button = partOf(launcher, 'button')!;
    const light = getComputedStyle(button).backgroundColor;
    await emulateMedia({ colorScheme: 'dark' });
    const dark = getComputedStyle(button).backgroundColor;
    expect(dark).to.not.equal(light);
    await expect(launcher).shadowDom.to.be.accessible();
    launcher.style.setProperty('--llm-chat-launcher-size', '80px');
    launcher.style.setProperty('--llm-chat-launcher-background', 'rgb(1, 2, 3)');
    expect(button.getBoundingClientRect().width).to.equal(80);
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(1, 2, 3)');
    const icon = document.createElement('span');
    icon.slot = 'icon';
    icon.textContent = '?';
    launcher.append(icon);
    expect(icon.checkVisibility()).to.be.true;
  });

  it('with only an endpoint it creates its chat element', async () => {
    const launcher = await fixture<LlmStreamChatLauncher>(
      html`<llm-stream-chat-launcher endpoint="/api/chat?delay=0"></llm-stream-chat-launcher>`,
    );
    const chat = chatOf(launcher);
    expect(chat).to.exist;
    expect(chat.endpoint).to.equal('/api/chat?delay=0');
    await clickControl(launcher, 'button');
    await typeText('Hello');
    const done = new Promise<CustomEvent<{ message: { status: string } }>>((resolve) =>
      launcher.addEventListener('llm-chat-done', resolve, { once: true }),
    );
    await press('Enter');
    expect((await done).detail.message.status).to.equal('complete');
  });
});
