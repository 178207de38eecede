/**
 * URL checks for the links and images the parts renderers create themselves (source chips, file
 * links): Lit binds attributes as they are, so an unchecked `javascript:` URL from a model or a
 * tool would run when clicked.
 */

/** Raster images only: an SVG or HTML `data:` URL can carry script. */
const SAFE_DATA_IMAGE = /^data:image\/(?:png|gif|jpe?g|webp|avif)[;,]/i;
/** Data URLs that a download link may carry: anything a browser would not render as a document. */
const UNSAFE_DATA_TYPE = /^data:[^,;]*(?:html|xml|script|svg)/i;

function parse(url: unknown): URL | undefined {
  if (typeof url !== 'string' || url.trim() === '') return undefined;
  try {
    return new URL(url.trim());
  } catch {
    return undefined;
  }
}

/** The URL when it is `http:` or `https:` (a link to open), else undefined. */
export function webUrl(url: unknown): string | undefined {
  const parsed = parse(url);
  return parsed && (parsed.protocol === 'https:' || parsed.protocol === 'http:') ? parsed.href : undefined;
}

/** The URL when a download link may point at it: http(s), or a `data:` URL of a harmless type. */
export function downloadUrl(url: unknown): string | undefined {
  const web = webUrl(url);
  if (web) return web;
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'data:') return undefined;
  const text = (url as string).trim();
  return UNSAFE_DATA_TYPE.test(text) || !/^data:[^,]*,/i.test(text) ? undefined : text;
}

/** Whether an image may load from this URL: https, or a raster `data:` image. */
export function imageUrl(url: unknown): string | undefined {
  const parsed = parse(url);
  if (!parsed) return undefined;
  if (parsed.protocol === 'https:') return parsed.href;
  return parsed.protocol === 'data:' && SAFE_DATA_IMAGE.test((url as string).trim()) ? (url as string).trim() : undefined;
}

/** The host a link goes to, without `www.`, for a source with no title. */
export function hostOf(url: string): string {
  const parsed = parse(url);
  return parsed ? parsed.hostname.replace(/^www\./, '') : url;
}
