import { sanitizeToFragment } from './sanitizer.js';

/**
 * Plugs in a syntax highlighter. Called once per code block, when its block is complete (never
 * per frame while it streams), with the code's text and the language from the fence's info
 * string ('' when none). Return HTML for the inside of the `<code>` element, or nothing to leave
 * the block plain. The HTML goes through the same sanitizer as the model's output, except that
 * its classes are kept (ids and `style` are not): use a class-based theme.
 */
export type Highlighter = (code: string, language: string) => string | null | undefined | void;

const COPY_LABEL = 'Copy code';
const COPIED_LABEL = 'Copied';

/** The language of a `<code class="language-x">`, or ''. */
export function languageOf(code: Element): string {
  return /(?:^|\s)language-(\S+)/.exec(code.className)?.[1] ?? '';
}

/**
 * Finishes the code blocks of a frozen block: runs the highlighter, wraps each `<pre>` with a
 * copy button (a native button: focusable, Enter and Space work) and makes it a keyboard
 * focusable horizontal scroller.
 */
export function decorateCodeBlocks(block: Element, highlight: Highlighter | undefined, images: boolean): void {
  for (const pre of block.querySelectorAll('pre')) {
    if (pre.parentElement?.classList.contains('code-block')) continue;
    const code = pre.querySelector(':scope > code');
    if (highlight && code) {
      try {
        const html = highlight(code.textContent ?? '', languageOf(code));
        if (typeof html === 'string') code.replaceChildren(sanitizeToFragment(html, { images, keepClasses: true }));
      } catch (error) {
        // A failing highlighter must not break the answer: the block stays plain.
        console.error('llm-stream-chat: the highlight function threw; the code block is left plain.', error);
      }
    }
    pre.tabIndex = 0;
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.setAttribute('part', 'copy-button');
    button.setAttribute('aria-label', COPY_LABEL);
    button.textContent = 'Copy';
    pre.replaceWith(wrapper);
    wrapper.append(pre, button);
  }
}

/** Click handler for a container of code blocks (one listener, delegated). */
export async function onCopyClick(event: Event): Promise<void> {
  const button = (event.target as Element | null)?.closest?.('button.copy-button');
  const code = button?.parentElement?.querySelector('pre');
  if (!button || !code) return;
  try {
    await navigator.clipboard.writeText(code.textContent ?? '');
  } catch {
    return; // No clipboard access (permissions, insecure context): leave the label as it was.
  }
  button.textContent = COPIED_LABEL;
  button.setAttribute('aria-label', COPIED_LABEL);
  setTimeout(() => {
    button.textContent = 'Copy';
    button.setAttribute('aria-label', COPY_LABEL);
  }, 2000);
}
