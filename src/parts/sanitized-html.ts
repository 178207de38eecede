import type { ImagePolicy } from '../core/markdown/image-policy.js';
import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';
import { sanitizeToFragment } from '../markdown/sanitizer.js';

/**
 * `<div ${sanitizedHtml(html, { images })}>`: the element's children become `html` sanitized by
 * the same rules as answers (one DOMPurify instance, safe links, https images), and only when the
 * string changed. For HTML from custom renderers and for the model's image files.
 */
class SanitizedHtmlDirective extends Directive {
  private last?: string;
  private lastImages?: ImagePolicy;

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('sanitizedHtml() must be used as an element directive.');
  }

  render(_html: string, _options?: { images?: ImagePolicy }) {
    return noChange;
  }

  override update(part: ElementPart, [html, options = {}]: [string, { images?: ImagePolicy }?]) {
    const images = options.images;
    if (html === this.last && images === this.lastImages) return noChange;
    this.last = html;
    this.lastImages = images;
    part.element.replaceChildren(sanitizeToFragment(html, { images }));
    return noChange;
  }
}

export const sanitizedHtml = directive(SanitizedHtmlDirective);

/** Escapes text for an HTML attribute value or text node. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
