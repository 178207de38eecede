import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { samePolicy, type ImagePolicy } from '../core/markdown/image-policy.js';
import { defaultStrings } from '../i18n.js';
import type { Highlighter } from './code-blocks.js';
import { MarkdownView, viewImagePolicy, type MarkdownStrings } from './markdown-view.js';

/** Options of `markdown(text, options)`. */
export interface MarkdownDirectiveOptions {
  /** The text is complete: freeze every block. Default true (a message that is not streaming). */
  final?: boolean;
  /** Which images load; default: each waits for a click (see `MarkdownViewOptions.images`). */
  images?: ImagePolicy | boolean;
  /** The texts rendered answers show; default English. */
  strings?: MarkdownStrings;
  /** Highlights code blocks once they are complete; see {@link Highlighter}. */
  highlight?: Highlighter;
  /**
   * The text added since the previous render, when the caller knows it (a streaming answer): the
   * view then does not read the whole text to find it. Ignored unless the lengths agree.
   */
  added?: string;
}

/**
 * `<div ${markdown(text, { final })}>`: keeps one {@link MarkdownView} per element, so a
 * message's DOM is updated in place as its text grows instead of being re-created by Lit.
 * Changing `images` or `highlight` renders the message again from scratch.
 */
class MarkdownDirective extends Directive {
  private view?: MarkdownView;

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('markdown() must be used as an element directive.');
  }

  render(_text: string, _options?: MarkdownDirectiveOptions) {
    return noChange;
  }

  override update(part: ElementPart, [text, options = {}]: [string, MarkdownDirectiveOptions?]) {
    const element = part.element as HTMLElement;
    // The last guard: whatever the view throws, the message shows its text and the rest of the
    // element (other messages, the composer) renders on. Lit would otherwise abandon the update,
    // and a restored transcript would leave the shadow root empty on every load.
    try {
      const view = this.view;
      const images = viewImagePolicy(options.images);
      if (
        view &&
        samePolicy(viewImagePolicy(view.options.images), images) &&
        view.options.highlight === options.highlight &&
        view.options.strings === options.strings
      ) {
        view.update(text, options.final ?? true, options.added);
        return noChange;
      }
      view?.disconnect();
      this.view = undefined;
      element.replaceChildren();
      this.view = new MarkdownView(element, { images, highlight: options.highlight, strings: options.strings });
      this.view.update(text, options.final ?? true, options.added);
    } catch (error) {
      console.error('llm-stream-chat: a message could not be rendered; it is shown as plain text.', error);
      this.view?.disconnect();
      this.view = undefined;
      const block = document.createElement('div');
      block.className = 'md-block md-guarded';
      const plain = document.createElement('p');
      plain.textContent = text;
      const note = document.createElement('p');
      note.className = 'md-guard-notice';
      note.textContent = (options.strings ?? defaultStrings).unrenderedBlock;
      block.append(plain, note);
      element.replaceChildren(block);
    }
    return noChange;
  }
}

export const markdown = directive(MarkdownDirective);
export type { Highlighter };
