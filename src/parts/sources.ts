import { html, nothing, type TemplateResult } from 'lit';
import type { LlmChatStrings } from '../i18n.js';
import type { SourceDocumentPartShape, SourceUrlPartShape } from './shapes.js';
import { hostOf, webUrl } from './urls.js';

export type SourcePart = SourceUrlPartShape | SourceDocumentPartShape;

/**
 * The sources of an answer, numbered in the order they came, under the answer: each a chip with
 * its title (or the link's host), opening in a new tab without a referrer. A URL that is not
 * http(s) gets no link, only its text; a document source has no link.
 */
export function sourcesList(sources: readonly SourcePart[], strings: LlmChatStrings): TemplateResult | typeof nothing {
  if (sources.length === 0) return nothing;
  return html`<nav class="sources" part="sources" aria-label=${strings.sourcesLabel}>
    <ol>
      ${sources.map((source, index) => {
        const number = html`<span class="source-number" part="source-number">${index + 1}</span>`;
        if (source.type === 'source-url') {
          const href = webUrl(source.url);
          const label = source.title?.trim() || hostOf(source.url);
          return href
            ? html`<li class="source" part="source">
                <a part="source-link" href=${href} target="_blank" rel="noopener noreferrer" title=${href}
                  >${number}<span class="source-title" dir="auto">${label}</span></a
                >
              </li>`
            : html`<li class="source" part="source">${number}<span class="source-title" dir="auto">${label}</span></li>`;
        }
        const label = source.title?.trim() || source.filename || source.mediaType || '';
        return html`<li class="source document" part="source">${number}<span class="source-title" dir="auto">${label}</span></li>`;
      })}
    </ol>
  </nav>`;
}
