import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { MarkdownView } from './markdown-view.js';

/**
 * `<div ${markdown(text)}>`: keeps one {@link MarkdownView} per element, so a message's DOM is
 * updated in place as its text grows instead of being re-created by Lit.
 */
class MarkdownDirective extends Directive {
  private view?: MarkdownView;

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('markdown() must be used as an element directive.');
  }

  render(_text: string) {
    return noChange;
  }

  override update(part: ElementPart, [text]: [string]) {
    this.view ??= new MarkdownView(part.element as HTMLElement);
    this.view.update(text);
    return noChange;
  }
}

export const markdown = directive(MarkdownDirective);
