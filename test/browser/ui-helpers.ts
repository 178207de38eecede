// Helpers shared by the ui-*, scroll* and a11y* browser tests.
import { fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { sseChunks, type ScriptChunk } from '../support/script-client.js';

export const DONE: ScriptChunk = { text: 'data: [DONE]\n\n' };

/** `n` Markdown paragraphs as SSE chunks, `delayMs` apart: an answer that grows steadily. */
export function paragraphChunks(n: number, delayMs: number): ScriptChunk[] {
  return sseChunks(
    Array.from({ length: n }, (_, i) => `Paragraph ${i + 1} of a long answer.\n\n`),
    delayMs,
  );
}

/** A chat element of a fixed, small height, so a long answer overflows it. */
export async function chatFixture(endpoint: string, height = '240px'): Promise<LlmStreamChat> {
  return fixture<LlmStreamChat>(
    html`<llm-stream-chat endpoint=${endpoint} style="--llm-chat-height: ${height}"></llm-stream-chat>`,
  );
}

export function part<T extends Element = HTMLElement>(el: LlmStreamChat, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

export function parts<T extends Element = HTMLElement>(el: LlmStreamChat, name: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`)];
}

export function logOf(el: LlmStreamChat): HTMLElement {
  return part(el, 'log')!;
}

export function inputOf(el: LlmStreamChat): HTMLTextAreaElement {
  return part<HTMLTextAreaElement>(el, 'input')!;
}

/** How far the log is from its bottom, in px. */
export function distanceFromBottom(log: HTMLElement): number {
  return log.scrollHeight - log.clientHeight - log.scrollTop;
}

export function lastMessage(el: LlmStreamChat) {
  return el.messages[el.messages.length - 1];
}

/** Whether an element is rendered (not `hidden`, not `display: none`). */
export function isShown(element: Element | null): boolean {
  return !!element && element.checkVisibility();
}

/**
 * Runs `check` at every animation frame until `until` settles (and once more after), and
 * returns how many frames it checked. A failing check rejects at once.
 */
export function everyFrame(until: Promise<unknown>, check: () => void): Promise<number> {
  let settled = false;
  until.then(
    () => (settled = true),
    () => (settled = true),
  );
  let frames = 0;
  return new Promise((resolve, reject) => {
    const tick = () => {
      try {
        check();
      } catch (error) {
        reject(error);
        return;
      }
      frames++;
      if (settled) resolve(frames);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Resolves after the first `llm-chat-delta` (and its render) after which `predicate` holds;
 * rejects if the answer ends first.
 */
export async function untilDelta(el: LlmStreamChat, predicate: () => boolean): Promise<void> {
  const types = ['llm-chat-delta', 'llm-chat-done', 'llm-chat-error', 'llm-chat-stop'] as const;
  for (;;) {
    const next: Event = await Promise.race(types.map((type) => oneEvent(el, type)));
    await el.updateComplete;
    if (predicate()) return;
    if (next.type !== 'llm-chat-delta') throw new Error('the answer ended before the condition held');
  }
}
