import type { ImagePolicy } from '../core/markdown/image-policy.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { PartShape } from './shapes.js';
import { sanitizedHtml } from './sanitized-html.js';

/** What a custom renderer gets besides its part. */
export interface PartRendererContext {
  /** The id of the message the part belongs to. */
  messageId: string;
  /** The answer is still streaming (the part may still change). */
  streaming: boolean;
}

/**
 * Renders one tool part (`tool-<name>`, `dynamic-tool`) or data part (`data-<name>`) in place of
 * the default: return a Lit template, a DOM node, or a string of HTML (sanitized like answers).
 * Return `null` or `undefined` to keep the default rendering.
 */
export type PartRenderer = (part: PartShape, context: PartRendererContext) => unknown;

/**
 * The `renderers` property: keys are part types as the AI SDK names them, `tool-<toolName>` (also
 * for a dynamic tool) or `data-<name>`; for example `{ 'tool-getWeather': (part) => html`…` }`.
 */
export type PartRenderers = Record<string, PartRenderer>;

/** The key a part's renderer is registered under. */
export function rendererKey(part: PartShape): string {
  return part.type === 'dynamic-tool' && typeof part['toolName'] === 'string' ? `tool-${part['toolName']}` : part.type;
}

/**
 * The custom rendering of a part, `undefined` when there is none (no renderer, or it returned
 * nothing) or when it threw: `onError` is told and the caller shows the default.
 */
export function customPart(
  part: PartShape,
  renderers: PartRenderers | undefined,
  context: PartRendererContext & { images: ImagePolicy },
  onError: (error: unknown) => void,
): TemplateResult | undefined {
  const renderer = renderers?.[rendererKey(part)];
  if (typeof renderer !== 'function') return undefined;
  let result: unknown;
  try {
    result = renderer(part, { messageId: context.messageId, streaming: context.streaming });
  } catch (error) {
    onError(error);
    return undefined;
  }
  if (result === null || result === undefined || result === nothing) return undefined;
  if (typeof result === 'string') {
    return html`<div class="custom-part" part="custom-part" ${sanitizedHtml(result, { images: context.images })}></div>`;
  }
  return html`<div class="custom-part" part="custom-part">${result}</div>`;
}
