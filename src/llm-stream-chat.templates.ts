import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ComposerController } from './controllers/composer-controller.js';
import type { ChatMessage } from './core/messages.js';
import { isBusy } from './core/transcript.js';
import type { LlmChatStrings } from './i18n.js';

/**
 * Rendering helpers of `<llm-stream-chat>` that hold no state: the element passes in what they
 * show and the handlers they call. The message content itself stays in the element.
 */


/** Whether a slot shows anything: an element or non-blank text. */
export function hasSlottedContent(slot: HTMLSlotElement): boolean {
  return slot.assignedNodes({ flatten: true }).some((node) => node.nodeType === Node.ELEMENT_NODE || !!node.textContent?.trim());
}

/** Three animated dots before the first token (static under `prefers-reduced-motion`). */
export function typingIndicator(strings: LlmChatStrings): TemplateResult {
  return html`<span class="typing" part="typing-indicator" role="img" aria-label=${strings.thinking}
    ><span></span><span></span><span></span
  ></span>`;
}

export interface MessageFooterOptions {
  strings: LlmChatStrings;
  /** Whether this is the last message of the conversation (only it can be retried). */
  isLast: boolean;
  /** Whether this message was just copied. */
  copied: boolean;
  /** Whether an answer is streaming (no new request can start). */
  streaming: boolean;
  onCopy: () => void;
  onRetry: () => void;
  /** More buttons for the row (feedback, the host's actions). */
  extra?: TemplateResult | typeof nothing;
}

/** The notice or error under a message, and its actions (copy, retry or regenerate). */
export function messageFooter(message: ChatMessage, options: MessageFooterOptions): TemplateResult | typeof nothing {
  if (message.role !== 'assistant' || isBusy(message)) return nothing;
  const { strings, isLast, streaming } = options;
  const failed = message.status === 'error' || message.status === 'interrupted';
  const canAskAgain = isLast && !streaming;
  return html`
    ${message.status === 'stopped' ? html`<p class="notice" part="notice">${strings.stopped}</p>` : nothing}
    ${message.status === 'interrupted'
      ? html`<p class="notice" part="notice">${message.error || strings.interrupted}</p>`
      : nothing}
    ${message.truncated ? html`<p class="notice" part="notice">${strings.truncated}</p>` : nothing}
    ${message.status === 'error'
      ? html`<p class="error" part="error">${message.error || strings.errorFallback}</p>`
      : nothing}
    <div class="actions" part="actions">
      ${message.content !== ''
        ? html`<button type="button" class="copy" part="copy-button" @click=${options.onCopy}>
            ${options.copied ? strings.copied : strings.copy}
          </button>`
        : nothing}
      ${canAskAgain && failed
        ? html`<button type="button" class="retry" part="retry-button" @click=${options.onRetry}>${strings.retry}</button>`
        : nothing}
      ${canAskAgain && !failed
        ? html`<button type="button" class="regenerate" part="regenerate-button" @click=${options.onRetry}>
            ${strings.regenerate}
          </button>`
        : nothing}
      ${options.extra ?? nothing}
    </div>
  `;
}

/** "Jump to latest", shown while the view does not follow the stream; a dot marks new content. */
export function jumpButton(
  strings: LlmChatStrings,
  state: { pinned: boolean; hasNewContent: boolean },
  onClick: () => void,
): TemplateResult {
  return html`<button type="button" class="jump" part="jump-button" ?hidden=${state.pinned} @click=${onClick}>
    <span class="arrow" aria-hidden="true"></span>
    <span>${strings.jumpToLatest}</span>
    ${state.hasNewContent
      ? html`<span class="indicator" part="new-content-indicator"
          ><span class="visually-hidden">${strings.newContent}</span></span
        >`
      : nothing}
  </button>`;
}

/**
 * The text area and one button that is "Send" or, while an answer streams, "Stop". It is one
 * element whose part and label change, so a focused button keeps focus when the stream ends;
 * a blank draft makes it `aria-disabled` rather than `disabled` for the same reason.
 */
export function composer(strings: LlmChatStrings, state: ComposerController, streaming: boolean): TemplateResult {
  return html`<form class="composer" part="composer" @submit=${state.onSubmit} @keydown=${state.onKeyDown}>
    <textarea
      part="input"
      rows="1"
      enterkeyhint="send"
      aria-label=${strings.inputLabel}
      placeholder=${strings.placeholder}
      .value=${live(state.draft)}
      @input=${state.onInput}
      @compositionstart=${state.onComposition}
      @compositionend=${state.onComposition}
    ></textarea>
    <button
      type="submit"
      class=${streaming ? 'stop' : 'send'}
      part=${streaming ? 'stop-button' : 'send-button'}
      aria-disabled=${!streaming && state.blank ? 'true' : 'false'}
    >
      ${streaming ? strings.stop : strings.send}
    </button>
  </form>`;
}
