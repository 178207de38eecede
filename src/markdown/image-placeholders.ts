import { PENDING_SRC } from './sanitizer.js';

/** The texts of an image placeholder (from the element's `strings`). */
export interface ImagePlaceholderStrings {
  /** The placeholder's action, after the alt text: `{host}` is filled in. */
  loadImage: string;
  /** Shown for an image without alt text. */
  image: string;
}

/** Each placeholder's image, without `src` until the reader asks for it. */
const PENDING = new WeakMap<Element, { img: HTMLImageElement; src: string }>();

/**
 * Replaces every image the sanitizer held back (`data-llm-src`, set only by its own hook) with a
 * button showing the alt text and the host the image would come from: the reader decides whether
 * that request is made. URLs in `loaded` (clicked before, in this message) load at once.
 */
export function decorateImages(block: ParentNode, strings: ImagePlaceholderStrings, loaded: ReadonlySet<string>): void {
  for (const img of block.querySelectorAll<HTMLImageElement>(`img[${PENDING_SRC}]`)) {
    const src = img.getAttribute(PENDING_SRC)!;
    img.removeAttribute(PENDING_SRC);
    if (loaded.has(src)) {
      img.setAttribute('src', src);
      continue;
    }
    const host = new URL(src).host;
    const alt = img.getAttribute('alt')?.trim() || strings.image;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'image-placeholder';
    button.setAttribute('part', 'image-placeholder');
    // The whole URL on hover: what the click would request. (Also tells two placeholders of one
    // host apart when the live tail is morphed.)
    button.title = src;
    const label = document.createElement('span');
    label.className = 'image-alt';
    label.textContent = alt;
    const origin = document.createElement('span');
    origin.className = 'image-host';
    origin.textContent = strings.loadImage.replace('{host}', host);
    // Visible text only (no aria-label): the accessible name is what a sighted reader sees.
    button.append(label, ' ', origin);
    PENDING.set(button, { img, src });
    img.replaceWith(button);
  }
}

/** Loads the image of a placeholder the reader pressed; returns its URL (undefined if not one). */
export function loadImage(button: Element): string | undefined {
  const pending = PENDING.get(button);
  if (!pending) return undefined;
  pending.img.setAttribute('src', pending.src);
  button.replaceWith(pending.img);
  return pending.src;
}
