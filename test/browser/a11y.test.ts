import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { ChatMessage } from '../../src/core/messages.js';
import { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';
import { DONE, chatFixture, lastMessage, logOf, paragraphChunks, part, untilDelta } from './ui-helpers.js';

function statusRegion(el: LlmStreamChat): HTMLElement {
  return el.shadowRoot!.querySelector('[role="status"]')!;
}

function controls(el: LlmStreamChat): HTMLElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('button, textarea, [tabindex]')].filter((c) => c.checkVisibility());
}

/** The accessible name, as far as these controls need: aria-label, else the text. */
function nameOf(control: HTMLElement): string {
  return (control.getAttribute('aria-label') ?? control.textContent ?? '').trim();
}

async function expectAccessible(el: LlmStreamChat): Promise<void> {
  await el.updateComplete;
  await expect(el).shadowDom.to.be.accessible();
  for (const control of controls(el)) expect(nameOf(control), control.outerHTML).to.not.equal('');
}

const withLast = (last: Partial<ChatMessage>): ChatMessage[] => [
  { id: 'u1', role: 'user', content: 'Question', status: 'complete' },
  { id: 'a1', role: 'assistant', content: 'Some **answer** with `code`.', status: 'complete', ...last },
];

describe('accessibility', () => {
  afterEach(() => emulateMedia({ colorScheme: 'no-preference', reducedMotion: 'no-preference' }));

  it('the log is named and is not a live region; nothing inside it is', async () => {
    const { url } = await scriptedEndpoint({ chunks: sseChunks(['Stream', 'ing']), hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await untilDelta(el, () => lastMessage(el).content === 'Streaming');
    const log = logOf(el);
    expect(log.getAttribute('role')).to.equal('log');
    expect(log.getAttribute('aria-label')).to.equal('Conversation');
    expect(log.getAttribute('aria-live')).to.equal('off');
    expect(log.querySelector('[aria-live]:not([aria-live="off"]), [role="status"], [role="alert"], [role="log"]')).to.be.null;
    // Nothing is announced while the text streams.
    expect(statusRegion(el).textContent!.trim()).to.equal('');
    el.stop();
  });

  it('a polite status region outside the log announces a finished answer, a stop and an error', async () => {
    const { url } = await scriptedEndpoint(
      { chunks: [...sseChunks(['Done.']), DONE] },
      { chunks: [...sseChunks(['Two'])], hang: true },
      { status: 500, headers: { 'Content-Type': 'text/plain' }, chunks: [{ text: 'x' }] },
    );
    const el = await chatFixture(url);
    const region = statusRegion(el);
    expect(logOf(el).contains(region)).to.be.false;
    expect(region.getAttribute('role')).to.equal('status'); // implicitly aria-live="polite"

    el.send('One');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    expect(region.textContent!.trim()).to.equal('Answer complete.');

    el.send('Two');
    await untilDelta(el, () => lastMessage(el).content === 'Two');
    el.stop();
    await oneEvent(el, 'llm-chat-stop');
    await el.updateComplete;
    expect(region.textContent!.trim()).to.equal('Answer stopped.');

    el.send('Three');
    await oneEvent(el, 'llm-chat-error');
    await el.updateComplete;
    expect(region.textContent).to.contain('HTTP 500');
  });

  it('restoring a conversation announces nothing', async () => {
    const el = await chatFixture('/api/chat');
    el.messages = withLast({ status: 'error', error: 'Old failure' });
    await el.updateComplete;
    expect(statusRegion(el).textContent!.trim()).to.equal('');
  });

  it('passes axe when empty', async () => {
    await expectAccessible(await chatFixture('/api/chat'));
  });

  it('passes axe while waiting for the first token', async () => {
    const { url } = await scriptedEndpoint({ chunks: [], hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await el.updateComplete;
    expect(lastMessage(el).status).to.equal('waiting');
    await expectAccessible(el);
    el.stop();
  });

  it('passes axe while streaming (with the jump button shown)', async () => {
    const { url } = await scriptedEndpoint({ chunks: paragraphChunks(20, 0), hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await untilDelta(el, () => lastMessage(el).content.includes('Paragraph 20'));
    logOf(el).scrollTop = 0;
    await oneEvent(logOf(el), 'scroll');
    await el.updateComplete;
    expect(part(el, 'jump-button')!.checkVisibility()).to.be.true;
    expect(lastMessage(el).status).to.equal('streaming');
    await expectAccessible(el);
    el.stop();
  });

  for (const status of ['complete', 'stopped', 'interrupted', 'error'] as const) {
    it(`passes axe with a ${status} answer, in light and in dark`, async () => {
      const el = await chatFixture('/api/chat');
      el.messages = withLast(status === 'error' ? { status, content: '', error: 'The server failed (HTTP 500).' } : { status });
      await expectAccessible(el);
      await emulateMedia({ colorScheme: 'dark' });
      expect(getComputedStyle(el).backgroundColor).to.equal('rgb(13, 17, 23)');
      await expectAccessible(el);
    });
  }

  it('every control is reachable by Tab and shows a focus ring', async () => {
    const el = await chatFixture('/api/chat');
    el.messages = withLast({ status: 'error', content: 'Partial', error: 'Failed.' });
    await el.updateComplete;
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    const reached: string[] = [];
    for (let i = 0; i < 5; i++) {
      await sendKeys({ press: 'Tab' });
      const active = el.shadowRoot!.activeElement as HTMLElement | null;
      if (!active) break;
      reached.push(active.getAttribute('part')!);
      const style = getComputedStyle(active);
      expect(style.outlineStyle, `${active.getAttribute('part')} outline`).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.at.least(2);
    }
    before.remove();
    expect(reached).to.deep.equal(['log', 'copy-button', 'retry-button', 'input', 'send-button']);
  });

  it('respects prefers-reduced-motion: the typing indicator stops moving', async () => {
    const { url } = await scriptedEndpoint({ chunks: [], hang: true });
    const el = await chatFixture(url);
    el.send('Hi');
    await el.updateComplete;
    const dots = () => [...part(el, 'typing-indicator')!.children];
    expect(dots().flatMap((dot) => dot.getAnimations())).to.not.be.empty;
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(dots().flatMap((dot) => dot.getAnimations())).to.be.empty;
    el.stop();
  });

  it('has a forced-colors stylesheet that keeps bubbles, buttons and dots visible', async () => {
    // The test browser cannot emulate forced colors, so check the rules that apply there.
    const styles = [LlmStreamChat.styles].flat() as { styleSheet?: CSSStyleSheet }[];
    const rule = styles.flatMap((style) => [...style.styleSheet!.cssRules]).find(
      (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('forced-colors: active'),
    )!;
    expect(rule, 'a @media (forced-colors: active) block').to.exist;
    const text = rule.cssText;
    expect(text).to.match(/\.message\s*\{[^}]*border: 1px solid canvastext/i);
    expect(text).to.match(/button[^{]*\{[^}]*border: 1px solid buttontext/i);
    expect(text).to.match(/\.typing > span[^{]*\{[^}]*forced-color-adjust: none/i);
    expect(text).to.match(/:focus-visible\s*\{[^}]*outline-color: highlight/i);
  });
});
