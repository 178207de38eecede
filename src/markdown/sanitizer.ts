import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

/** Links may point only here; everything else (javascript:, vbscript:, data:, …) is dropped. */
const SAFE_URL = /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;

const CONFIG: Config = {
  ALLOWED_URI_REGEXP: SAFE_URL,
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'base', 'meta', 'link'],
  FORBID_ATTR: ['style'],
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
