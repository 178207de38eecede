import DOMPurify, { type Config, type DOMPurify as Purifier } from 'dompurify';
import { loadsAtOnce, type ImagePolicy } from '../core/markdown/image-policy.js';

/** Links may point only here; everything else (javascript:, vbscript:, data:, …) is dropped. */
const SAFE_URL = /^(?:https?:|mailto:|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
const HTTPS = /^https:\/\//i;

// Media and embeds could load any URL (or run code); `input` stays for GFM task lists and is
// forced to a disabled checkbox below.
const FORBID_TAGS = ['style', 'form', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'object', 'embed',
  'base', 'meta', 'link', 'video', 'audio', 'source', 'track', 'picture', 'dialog', 'template', 'slot'];
// Attributes that load URLs outside the allow-list checks, or restyle the page; `part`,
// `exportparts` and `slot` would tie model output to the host page (its ::part() rules, its
// light-DOM children). `dialog` (above): an open dialog is positioned by the browser and escapes
// the message box. Both found by the XSS suite. An `id` would share the shadow root with the
// element's own nodes and the other answers, where IDREFs (aria-labelledby, label for) resolve,
// and a `name` groups `<details>` across messages; a fragment link cannot reach into a shadow
// root anyway, so neither does anything an answer needs.
//
// Model output must not pass for the element's own UI or hide what copy would take: colours
// (`bgcolor`, `<font color>`: a table drawn as a user bubble or a sign-in bar), roles and every
// `aria-*` (an `<article aria-label="You">`, a `role="alert"` inside a log that is not live),
// focus order (`tabindex`, `accesskey`, `autofocus`), and attributes that hide content
// (`hidden`, `popover`, `inert`). `aria-*` and `data-*` go by DOMPurify's own switches below:
// no ARIA attribute is harmless enough to keep from a model (docs/security: the allowlist).
const FORBID_ATTR = [
  'style', 'srcset', 'background', 'poster', 'ping', 'formaction', 'action', 'part', 'exportparts', 'slot', 'id', 'name',
  'bgcolor', 'color', 'role', 'tabindex', 'accesskey', 'autofocus', 'contenteditable', 'draggable',
  'hidden', 'popover', 'popovertarget', 'popovertargetaction', 'inert',
];

/** Where an image waiting for the reader's click keeps its URL: set by our hook only (`data-*` is dropped from model output). */
export const PENDING_SRC = 'data-llm-src';

/**
 * The one class model output keeps: marked's `language-*` on a code block's `<code>`, which
 * the highlighter reads. Any other class would pick up the element's own styles (the answer
 * shares its shadow root), so `<div class="message user">` could pass for the user's bubble.
 */
const LANGUAGE_CLASS = /^language-\S+$/;

/**
 * DOMPurify lets any `data:` URL through on img, video, audio, source, track and SVG image,
 * whatever ALLOWED_URI_REGEXP says (`data:text/html` included); we keep raster images only.
 */
const SAFE_DATA_URL = /^data:image\/(?:png|gif|jpe?g|webp|avif)[;,]/i;
const DATA_URL_ATTRIBUTES = ['src', 'href', 'xlink:href'];

const CONFIG: Config = {
  USE_PROFILES: { html: true },
  ALLOWED_URI_REGEXP: SAFE_URL,
  FORBID_TAGS,
  FORBID_ATTR,
  ALLOW_ARIA_ATTR: false,
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

let purifier: Purifier | undefined;
/** Set for the duration of one `sanitizeToFragment` call that keeps classes (sanitizing is synchronous). */
let keepClasses = false;
/** The image policy of the current `sanitizeToFragment` call. */
let policy: ImagePolicy | undefined;

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
    // This hook runs before DOMPurify's own checks, which then validate the narrowed value.
    if (data.attrName === 'class' && !keepClasses) {
      const kept = node.nodeName === 'CODE' ? data.attrValue.split(/\s+/).filter((token) => LANGUAGE_CLASS.test(token)) : [];
      if (kept.length === 0) data.keepAttr = false;
      else data.attrValue = kept.join(' ');
    }
  });
  purifier.addHook('afterSanitizeAttributes', (node) => {
    // Removal only, which needs no re-check.
    for (const name of DATA_URL_ATTRIBUTES) {
      const value = node.getAttribute(name)?.replace(/[\u0000-\u0020]/g, '');
      if (value && /^data:/i.test(value) && !SAFE_DATA_URL.test(value)) node.removeAttribute(name);
    }
    // Constant values only: hooks run after the checks, so nothing here is re-validated.
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    } else if (node.nodeName === 'IMG') {
      node.setAttribute('referrerpolicy', 'no-referrer');
      // Still in DOMPurify's inert document: a URL the policy does not load at once leaves `src`
      // here, before the node can reach a live document (adopting an <img> starts its request).
      // The value moved is the one DOMPurify and the https rule above have just checked.
      const src = node.getAttribute('src');
      if (src !== null && !(policy && loadsAtOnce(src, policy))) {
        node.removeAttribute('src');
        if (policy && !policy.off) node.setAttribute(PENDING_SRC, src);
      }
    } else if (node.nodeName === 'INPUT') {
      for (const { name } of [...node.attributes]) if (name !== 'checked') node.removeAttribute(name);
      node.setAttribute('disabled', '');
      node.setAttribute('type', 'checkbox');
    }
  });
  return purifier;
}

/** Options of {@link sanitizeToFragment}. */
export interface SanitizeOptions {
  /**
   * Which `<img>` load (https only): those `loadsAtOnce` allows keep their `src`; the others
   * keep it in `data-llm-src` for a placeholder that loads on a click; `off` removes every one.
   * Default: none loads (every image waits for a click).
   */
  images?: ImagePolicy;
  /**
   * Keep every class, for a highlighter's output: the page's own code, whose class-based theme
   * needs them. Default false: model output keeps only `language-*` on `<code>`.
   */
  keepClasses?: boolean;
}

/**
 * Sanitizes HTML into a fragment ready to insert: never a string to re-parse through innerHTML.
 * With `images.off`, every `<img>` is removed from the sanitized fragment too.
 */
export function sanitizeToFragment(html: string, { images, keepClasses: keep = false }: SanitizeOptions = {}): DocumentFragment {
  policy = images;
  let fragment: DocumentFragment | null;
  try {
    fragment = sanitize(html, keep);
  } finally {
    policy = undefined;
  }
  if (!fragment) {
    // DOMPurify returns null when the parsed document has no body: HTML that starts with a
    // <frameset> gets one in its place. After a character the parser ignores a frameset, so
    // sanitize again behind one, then take it off: the rest of the HTML is kept.
    policy = images;
    try {
      fragment = sanitize(`x${html}`, keep) ?? document.createDocumentFragment();
    } finally {
      policy = undefined;
    }
    const first = fragment.firstChild;
    if (first instanceof Text) {
      first.deleteData(0, 1);
      if (first.data === '') first.remove();
    }
  }
  if (images?.off) for (const img of fragment.querySelectorAll('img')) img.remove();
  return fragment;
}

function sanitize(html: string, keep: boolean): DocumentFragment | null {
  const purify = getPurifier();
  keepClasses = keep;
  try {
    return purify.sanitize(html) as unknown as DocumentFragment | null;
  } finally {
    keepClasses = false;
  }
}
