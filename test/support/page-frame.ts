// Helpers for tests that load a whole page (a demo page, a built example app) in an iframe of
// the test page and use the element in it the way a person does: type, send, read the answer.
import { waitUntil } from '@open-wc/testing';
import { clickControl, typeText } from './user-input.js';

/** The parts of the element a test drives (typed loosely: the frame has its own classes). */
export interface ChatElement extends HTMLElement {
  messages: { role: string; content: string; status: string }[];
  updateComplete: Promise<boolean>;
}

export interface LoadedFrame {
  frame: HTMLIFrameElement;
  window: Window & typeof globalThis;
  document: Document;
}

/** Loads `url` in a fresh iframe and resolves once its `load` event has fired. */
export async function loadFrame(url: string): Promise<LoadedFrame> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '700px';
  const loaded = new Promise<void>((resolve, reject) => {
    frame.addEventListener('load', () => resolve(), { once: true });
    frame.addEventListener('error', () => reject(new Error(`${url} did not load`)), { once: true });
  });
  frame.src = url;
  document.body.append(frame);
  await loaded;
  return { frame, window: frame.contentWindow as Window & typeof globalThis, document: frame.contentDocument! };
}

/**
 * Waits for the page's `<llm-stream-chat>` to be defined (its script may still be loading) and
 * rendered (a framework may mount it after the load event).
 */
export async function chatElementIn(page: LoadedFrame): Promise<ChatElement> {
  await page.window.customElements.whenDefined('llm-stream-chat');
  const find = () => page.document.querySelector('llm-stream-chat') as ChatElement | null;
  await waitUntil(() => find() !== null, 'no <llm-stream-chat> appeared on the page');
  const element = find()!;
  await element.updateComplete;
  return element;
}

/**
 * Types `text` into the element's composer and presses its send button, as a user would (real
 * key presses, a real click at the button's centre), and resolves with the `llm-chat-done` event
 * of the answer.
 */
export async function askThroughUi(_page: LoadedFrame, element: ChatElement, text: string): Promise<CustomEvent> {
  const root = element.shadowRoot!;
  const input = root.querySelector<HTMLTextAreaElement>('[part~="input"]');
  if (!input) throw new Error('no input part in the composer');
  await clickControl(input);
  await typeText(text);
  await element.updateComplete;
  if (input.value !== text) throw new Error(`typing into the composer gave ${JSON.stringify(input.value)}`);
  const done = new Promise<CustomEvent>((resolve) =>
    element.addEventListener('llm-chat-done', (event) => resolve(event as CustomEvent), { once: true }),
  );
  const send = root.querySelector<HTMLButtonElement>('[part~="send-button"]');
  if (!send) throw new Error('no send-button part in the composer');
  await clickControl(send);
  return done;
}

/** The rendered content of the last assistant message. */
export function lastAnswer(element: ChatElement): Element {
  const answers = element.shadowRoot!.querySelectorAll('[part~="assistant-message"] [part~="content"]');
  const last = answers[answers.length - 1];
  if (!last) throw new Error('no assistant message rendered');
  return last;
}
