import type { ImagePolicy } from '../core/markdown/image-policy.js';
import { html, nothing, type TemplateResult } from 'lit';
import type { LlmChatStrings } from '../i18n.js';
import { markdown, type Highlighter } from '../markdown/markdown-directive.js';
import { filePart } from './files.js';
import { reasoningPart } from './reasoning.js';
import { customPart, type PartRenderers } from './renderers.js';
import { isDataPart, isToolPart, type FilePartShape, type PartShape, type ReasoningPartShape } from './shapes.js';
import { sourcesList, type SourcePart } from './sources.js';
import { toolCallPart } from './tool-call.js';

/** What rendering a message's parts needs from the element. */
export interface MessagePartsContext {
  strings: LlmChatStrings;
  messageId: string;
  /** The answer is waiting or streaming. */
  busy: boolean;
  images: ImagePolicy;
  highlight: Highlighter | undefined;
  renderers: PartRenderers | undefined;
  /** The text added to the answer since the last render, for the last text part. */
  added: string | undefined;
  /** Seconds the reasoning part at `index` took, once it is done (recorded while it streamed). */
  reasoningSeconds(index: number, streaming: boolean): number | undefined;
  /** A custom renderer threw for the part at `index`. */
  renderError(index: number, part: PartShape, error: unknown): void;
}

/** Whether a message needs the parts view: it has a part that is not text. */
export function hasRichParts(parts: readonly PartShape[] | undefined): parts is readonly PartShape[] {
  return !!parts && parts.some((part) => part.type !== 'text' && part.type !== 'step-start');
}

/**
 * An answer's parts in their order: reasoning, tool calls, text, files, and data parts that have
 * a renderer; its sources gathered, numbered, under it. Each text part has its own incremental
 * Markdown view; only the last one can still grow.
 */
export function messageParts(parts: readonly PartShape[], context: MessagePartsContext): TemplateResult {
  const { strings, busy } = context;
  const lastIndex = parts.length - 1;
  let lastText = -1;
  parts.forEach((part, index) => {
    if (part.type === 'text') lastText = index;
  });
  const sources = parts.filter((part): part is PartShape & SourcePart => part.type === 'source-url' || part.type === 'source-document');
  const textAfter = (index: number) => parts.some((part, i) => i > index && part.type === 'text' && part['text'] !== '');
  const custom = (part: PartShape, index: number) =>
    customPart(part, context.renderers, { messageId: context.messageId, streaming: busy, images: context.images }, (error) =>
      context.renderError(index, part, error),
    );
  return html`${parts.map((part, index) => {
      if (part.type === 'text') {
        const text = typeof part['text'] === 'string' ? part['text'] : '';
        const growing = busy && index === lastText && index === lastIndex;
        return html`<div class="content" part="content" dir="auto" ${markdown(text, {
          final: !growing,
          images: context.images,
          highlight: context.highlight,
          added: index === lastText ? context.added : undefined,
        })}></div>`;
      }
      if (part.type === 'reasoning') {
        const reasoning = part as unknown as ReasoningPartShape;
        const streaming = busy && (reasoning.state === 'streaming' || (reasoning.state === undefined && index === lastIndex));
        return reasoningPart(reasoning, {
          strings,
          streaming,
          open: busy && !textAfter(index),
          seconds: context.reasoningSeconds(index, streaming),
          images: context.images,
          highlight: context.highlight,
        });
      }
      if (isToolPart(part)) return custom(part, index) ?? toolCallPart(part, strings, busy);
      if (isDataPart(part)) return custom(part, index) ?? nothing;
      if (part.type === 'file') return filePart(part as unknown as FilePartShape, strings, context.images);
      return nothing; // step-start, sources (below), and types this version does not know
    })}${sourcesList(sources, strings)}`;
}
