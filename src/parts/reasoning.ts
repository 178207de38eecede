import type { ImagePolicy } from '../core/markdown/image-policy.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { LlmChatStrings } from '../i18n.js';
import { markdown, type Highlighter } from '../markdown/markdown-directive.js';
import type { ReasoningPartShape } from './shapes.js';

export interface ReasoningOptions {
  strings: LlmChatStrings;
  /** The model is still writing this reasoning. */
  streaming: boolean;
  /** Show the disclosure open: reasoning streams and no answer text follows it yet. */
  open: boolean;
  /** Seconds the reasoning took, once known (not for a restored answer). */
  seconds: number | undefined;
  images: ImagePolicy;
  highlight: Highlighter | undefined;
}

/** Whether the provider sent the reasoning encrypted only (Anthropic's redacted thinking). */
export function isRedacted(part: ReasoningPartShape): boolean {
  const anthropic = part.providerMetadata?.['anthropic'];
  return part.text === '' && typeof anthropic?.['redactedData'] === 'string';
}

/**
 * The model's reasoning as a disclosure: "Thinking…" and open while it streams, collapsed with
 * "Thought for 12 s" once the answer starts. `open` is bound as a boolean attribute, which Lit
 * sets only when the value changes, so a reader who opens or closes it keeps that choice.
 * Its Markdown goes through the same incremental, sanitized renderer as answers.
 */
export function reasoningPart(part: ReasoningPartShape, options: ReasoningOptions): TemplateResult {
  const { strings, streaming } = options;
  const redacted = isRedacted(part);
  const label = redacted
    ? strings.reasoningRedacted
    : streaming
      ? strings.reasoningStreaming
      : options.seconds !== undefined
        ? strings.reasoningDone.replace(/\{seconds\}/g, String(options.seconds))
        : strings.reasoningLabel;
  return html`<details class="reasoning ${streaming ? 'streaming' : ''}" part="reasoning" ?open=${options.open && !redacted}>
    <summary part="reasoning-summary"><span class="reasoning-label">${label}</span></summary>
    ${redacted
      ? nothing
      : html`<div class="reasoning-text" part="reasoning-text" dir="auto" ${markdown(part.text, {
          final: !streaming,
          images: options.images,
          highlight: options.highlight,
        })}></div>`}
  </details>`;
}
