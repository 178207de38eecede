import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import type { Highlighter } from './code-blocks.js';
import { MarkdownView, type MarkdownViewOptions } from './markdown-view.js';

/** Options of `markdown(text, options)`. */
export interface MarkdownDirectiveOptions {
  /** The text is complete: freeze every block. Default true (a message that is not streaming). */
  final?: boolean;
  /** Show images (https only). Default true. */
  images?: boolean;
  /** Highlights code blocks once they are complete; see {@link Highlighter}. */
  highlight?: Highlighter;
  /** Markdown plugins; see `MarkdownPlugin`. A new array renders the message again. */
  plugins?: MarkdownViewOptions['plugins'];
  /** Texts of the table tools and plugins. */
  strings?: MarkdownViewOptions['strings'];
  /**
   * The text added since the previous render, when the caller knows it (a streaming answer): the
   * view then does not read the whole text to find it. Ignored unless the lengths agree.
   */
  added?: string;
}

/**
 * `<div ${markdown(text, { final })}>`: keeps one {@link MarkdownView} per element, so a
 * message's DOM is updated in place as its text grows instead of being re-created by Lit.
 * Changing `images`, `highlight`, `plugins` or `strings` renders the message again from scratch.
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
    const images = options.images !== false;
    const same = (key: 'highlight' | 'plugins' | 'strings') => this.view!.options[key] === options[key];
    if (this.view && (this.view.options.images !== false) === images && same('highlight') && same('plugins') && same('strings')) {
      this.view.update(text, options.final ?? true, options.added);
      return noChange;
    }
    this.view?.disconnect();
    const element = part.element as HTMLElement;
    element.replaceChildren();
    this.view = new MarkdownView(element, { images, highlight: options.highlight, plugins: options.plugins, strings: options.strings });
    this.view.update(text, options.final ?? true, options.added);
    return noChange;
  }
}

export const markdown = directive(MarkdownDirective);
export type { Highlighter };
