import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';

/** Links may point only here; everything else (javascript:, vbscript:, data:, …) is dropped. */
const SAFE_URL = /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
const HTTPS = /^https:\/\//i;

// Media and embeds could load any URL (or run code); `input` stays for GFM task lists and is
// forced to a disabled checkbox below.
const FORBID_TAGS = ['style', 'form', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'object', 'embed',
  'base', 'meta', 'link', 'video', 'audio', 'source', 'track', 'picture', 'dialog', 'template'];
// Attributes that load URLs outside the allow-list checks, or restyle the page.
const FORBID_ATTR = ['style', 'srcset', 'background', 'poster', 'ping', 'formaction', 'action'];

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  ALLOWED_URI_REGEXP: SAFE_URL,
  FORBID_TAGS,
  FORBID_ATTR,
  RETURN_DOM_FRAGMENT: true,
};

let purifier: Purifier | undefined;

/**
 * A private DOMPurify instance (its hooks never touch the page's global one), created on first
 * use so that importing this module needs no DOM. One instance means one Trusted Types policy
 * ("dompurify"), so a page's `trusted-types lit-html dompurify` allow-list is enough. The config
 * is set once: parsing it again on every call is most of DOMPurify's fixed cost.
 */
function getPurifier(): Purifier {
  if (purifier) return purifier;
  purifier = DOMPurify(window);
  purifier.setConfig(CONFIG);
  purifier.addHook('uponSanitizeAttribute', (node, data) => {
    // Images load only over https: anything else could leak data to a plain-HTTP host.
    if (node.nodeName === 'IMG' && data.attrName === 'src' && !HTTPS.test(data.attrValue.trim())) data.keepAttr = false;
  });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    // Constant values only: hooks run after the checks, so nothing here is re-validated.
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else if (node.nodeName === 'IMG') {
      node.setAttribute('referrerpolicy', 'no-referrer');
    } else if (node.nodeName === 'INPUT') {
      for (const { name } of [...node.attributes]) if (name !== 'checked') node.removeAttribute(name);
      node.setAttribute('disabled', '');
      node.setAttribute('type', 'checkbox');
    }
  });
  return purifier;
}

/**
 * Sanitizes HTML into a fragment ready to insert: never a string to re-parse through innerHTML.
 * With `images` false, every `<img>` is removed from the sanitized fragment too.
 */
export function sanitizeToFragment(html: string, { images = true }: { images?: boolean } = {}): DocumentFragment {
  const fragment = getPurifier().sanitize(html) as unknown as DocumentFragment;
  if (!images) for (const img of fragment.querySelectorAll('img')) img.remove();
  return fragment;
}
