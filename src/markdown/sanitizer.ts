import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

/** Links may point only here; everything else (javascript:, vbscript:, data:, …) is dropped. */
const SAFE_URL = /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

/**
 * DOMPurify lets any `data:` URL through on img, video, audio, source, track and SVG image,
 * whatever ALLOWED_URI_REGEXP says (`data:text/html` included); we keep raster images only.
 */
const SAFE_DATA_URL = /^data:image\/(?:png|gif|jpe?g|webp|avif)[;,]/i;
const DATA_URL_ATTRIBUTES = ['src', 'href', 'xlink:href'];

const CONFIG: Config = {
  ALLOWED_URI_REGEXP: SAFE_URL,
  // `dialog`: an open dialog is absolutely positioned by the UA and escapes the message box;
  // `slot`: it would project the host page's own light-DOM children into an answer.
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'base', 'meta', 'link', 'dialog', 'slot'],
  // `part`/`exportparts`/`slot` would let model output pick up the page's ::part() rules.
  FORBID_ATTR: ['style', 'part', 'exportparts', 'slot'],
};

let purifier: Purifier | undefined;

/**
 * A private DOMPurify instance (its hooks never touch the page's global one), created on first
 * use so that importing this module needs no DOM.
 */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.addHook('afterSanitizeAttributes', (node) => {
    // Removal only, which needs no re-check.
    for (const name of DATA_URL_ATTRIBUTES) {
      const value = node.getAttribute(name)?.replace(/[\u0000-\u0020]/g, '');
      if (value && /^data:/i.test(value) && !SAFE_DATA_URL.test(value)) node.removeAttribute(name);
    }
    // Constant values only: hooks run after the checks, so nothing here is re-validated.
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
  return purifier;
}

/** Sanitizes HTML into a fragment ready to insert: never a string to re-parse through innerHTML. */
export function sanitizeToFragment(html: string): DocumentFragment {
  return getPurifier().sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
}
