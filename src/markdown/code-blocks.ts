import type { ImagePolicy } from '../core/markdown/image-policy.js';
import { copyText } from '../controllers/clipboard-controller.js';
import { sanitizeToFragment } from './sanitizer.js';

/**
 * Plugs in a syntax highlighter. Called once per code block, when its block is complete (never
 * per frame while it streams), with the code's text and the language from the fence's info
 * string ('' when none). Return HTML for the inside of the `<code>` element, or nothing to leave
 * the block plain. The HTML goes through the same sanitizer as the model's output, except that
 * its classes are kept (ids and `style` are not): use a class-based theme.
 */
export type Highlighter = (code: string, language: string) => string | null | undefined | void;

/** The texts of a code block's copy button (from the element's `strings`). */
export interface CodeBlockStrings {
  /** The button's visible text. */
  copy: string;
  /** Its text once the code is copied. */
  copied: string;
  /** Its accessible name. */
  copyCode: string;
}

/** What each copy button copies: the code's text as the block was rendered, before highlighting. */
const COPY_TEXT = new WeakMap<Element, string>();
const RESET_MS = 2000;

/** The language of a `<code class="language-x">`, or ''. */
export function languageOf(code: Element): string {
  return /(?:^|\s)language-(\S+)/.exec(code.className)?.[1] ?? '';
}

/**
 * The code of a `<pre>` that is what a reader sees: a `<pre>` holding one `<code>` and nothing
 * but text inside it (what marked writes for a code block). Model HTML with elements in its
 * `<pre>` (a `<span hidden>`, a `<details>`, a popover) gets no copy button at all: its
 * `textContent` would copy text the reader cannot see.
 */
function plainCode(pre: Element): Element | undefined {
  const code = pre.firstElementChild;
  if (!code || code.localName !== 'code' || pre.childElementCount !== 1) return undefined;
  // Token spans are allowed only from the highlight plugin (`hljs`, a class the sanitizer never
  // lets model output keep): what they show is the code's own text.
  if (code.childElementCount !== 0 && !code.classList.contains('hljs')) return undefined;
  for (const node of pre.childNodes) if (node !== code && node.textContent!.trim() !== '') return undefined;
  return code;
}

/**
 * Finishes the code blocks of a frozen block: runs the highlighter, wraps each plain code block
 * with a copy button (a native button: focusable, Enter and Space work) and makes every `<pre>` a
 * keyboard focusable horizontal scroller.
 */
export function decorateCodeBlocks(
  block: Element,
  highlight: Highlighter | undefined,
  images: ImagePolicy | undefined,
  strings: CodeBlockStrings,
): void {
  for (const pre of block.querySelectorAll('pre')) {
    if (pre.parentElement?.classList.contains('code-block')) continue;
    pre.tabIndex = 0;
    const code = plainCode(pre);
    if (!code) continue;
    const text = code.textContent ?? '';
    if (highlight) {
      try {
        const html = highlight(text, languageOf(code));
        if (typeof html === 'string') code.replaceChildren(sanitizeToFragment(html, { images, keepClasses: true }));
      } catch (error) {
        // A failing highlighter must not break the answer: the block stays plain.
        console.error('llm-stream-chat: the highlight function threw; the code block is left plain.', error);
      }
    }
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'code-copy-button';
    button.setAttribute('part', 'code-copy-button');
    button.setAttribute('aria-label', strings.copyCode);
    button.textContent = strings.copy;
    COPY_TEXT.set(button, text);
    pre.replaceWith(wrapper);
    wrapper.append(pre, button);
  }
}

/** Copies the code of a code block's copy button, and says so on the button for a moment. */
export async function copyCode(button: Element, strings: CodeBlockStrings): Promise<boolean> {
  const text = COPY_TEXT.get(button);
  if (text === undefined || !(await copyText(text))) return false;
  button.textContent = strings.copied;
  button.setAttribute('aria-label', strings.copied);
  setTimeout(() => {
    button.textContent = strings.copy;
    button.setAttribute('aria-label', strings.copyCode);
  }, RESET_MS);
  return true;
}
