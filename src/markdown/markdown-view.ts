import { marked } from 'marked';
import { sanitizeToFragment } from './sanitizer.js';

/**
 * Renders Markdown text into one container. Every HTML string passes DOMPurify before it
 * touches the DOM.
 *
 * This first version re-renders the whole text on each update (at most once per frame, as the
 * stream controller coalesces); the incremental block pipeline replaces it.
 */
export class MarkdownView {
  private text: string | undefined;

  constructor(private readonly container: HTMLElement) {}

  update(text: string): void {
    if (text === this.text) return;
    this.text = text;
    const html = marked.parse(text, { async: false, gfm: true });
    this.container.replaceChildren(sanitizeToFragment(html));
  }
}
