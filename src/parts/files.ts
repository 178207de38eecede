import type { ImagePolicy } from '../core/markdown/image-policy.js';
import { html, type TemplateResult } from 'lit';
import type { LlmChatStrings } from '../i18n.js';
import { escapeHtml, sanitizedHtml } from './sanitized-html.js';
import type { FilePartShape } from './shapes.js';
import { downloadUrl, imageUrl } from './urls.js';

/**
 * A file the model sent: an image goes through the answers' own sanitizer, so every rule answers'
 * images follow (https or raster data only, no referrer, none at all with `no-images`) applies
 * to it too; any other file, and an image that may not show, is a download link.
 */
export function filePart(part: FilePartShape, strings: LlmChatStrings, images: ImagePolicy): TemplateResult {
  const name = part.filename?.trim() || part.mediaType || 'file';
  const src = !images.off && part.mediaType?.startsWith('image/') ? imageUrl(part.url) : undefined;
  if (src) {
    const alt = part.filename?.trim() || strings.fileImage;
    return html`<div class="file image" part="file" ${sanitizedHtml(`<img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}">`, { images })}></div>`;
  }
  const href = downloadUrl(part.url);
  const label = strings.fileDownload.replace(/\{name\}/g, name);
  return href
    ? html`<div class="file" part="file">
        <a part="file-link" href=${href} download=${part.filename?.trim() || ''} target="_blank" rel="noopener noreferrer" dir="auto"
          >${label}</a
        >
      </div>`
    : html`<div class="file" part="file"><span dir="auto">${name}</span></div>`;
}
