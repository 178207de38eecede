import { html, nothing, svg, type TemplateResult } from 'lit';
import type { ChatMessage, MessageFeedback } from '../core/messages.js';
import { isBusy } from '../core/transcript.js';
import { createChatEvent } from '../events.js';
import type { LlmChatStrings } from '../i18n.js';

/**
 * Message actions: the `feedback` thumbs under answers (with an optional comment box) and the
 * host's own `actions` on answers or user messages. Every event carries the message's id, the
 * same id the bubble shows as `data-message-id`.
 */

/** A host-defined button under messages (the `actions` property). */
export interface MessageAction {
  /** What `llm-chat-action` reports as `action`. */
  id: string;
  /** The button's text (and accessible name). */
  label: string;
  /** A short text or emoji shown before the label (hidden from screen readers). */
  icon?: string;
  /** Which messages get it: `['assistant']` (default), `['user']` or both. */
  roles?: ChatMessage['role'][];
}

export interface MessageActionsHost extends EventTarget {
  requestUpdate(): void;
  readonly updateComplete: Promise<boolean>;
}

export interface MessageActionsOptions {
  /** Writes a message's feedback; returns the updated message. */
  annotate: (id: string, patch: Pick<ChatMessage, 'feedback'>) => ChatMessage | undefined;
  announce: (text: string) => void;
  strings: () => LlmChatStrings;
  /** The comment box, once rendered (to focus it). */
  commentBox: () => HTMLTextAreaElement | null | undefined;
}

const thumb = svg`<path fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" d="M7 10v11H3V10h4Zm0 0 4-8a3 3 0 0 1 3 3v4h5.5a2 2 0 0 1 2 2.4l-1.6 8A2 2 0 0 1 17.9 21H7"/>`;

/**
 * The state of the feedback comment box, and the events of both kinds of action. It has no
 * lifecycle of its own, so it does not register with the host.
 */
export class MessageActionsController {
  /** The answer whose comment box is open. */
  commentFor?: string;

  constructor(
    private readonly host: MessageActionsHost,
    private readonly options: MessageActionsOptions,
  ) {}

  /** Rates an answer; the same value again withdraws the rating. */
  async rate(message: ChatMessage, value: MessageFeedback['value'], withComment: boolean): Promise<void> {
    const next = message.feedback?.value === value ? undefined : value;
    const updated = this.options.annotate(message.id, { feedback: next ? { value: next } : undefined });
    if (!updated) return;
    this.commentFor = next && withComment ? message.id : undefined;
    this.host.requestUpdate();
    this.host.dispatchEvent(createChatEvent('llm-chat-feedback', { messageId: message.id, value: next, message: updated }));
    if (next) this.options.announce(this.options.strings().feedbackThanks);
    if (this.commentFor) {
      await this.host.updateComplete;
      this.options.commentBox()?.focus();
    }
  }

  /** Sends the comment box's text with the rating it follows. */
  comment(message: ChatMessage, text: string): void {
    const value = message.feedback?.value;
    this.commentFor = undefined;
    this.host.requestUpdate();
    if (!value) return;
    const comment = text.trim();
    const updated = this.options.annotate(message.id, { feedback: comment ? { value, comment } : { value } });
    if (!updated || !comment) return;
    this.host.dispatchEvent(createChatEvent('llm-chat-feedback', { messageId: message.id, value, comment, message: updated }));
    this.options.announce(this.options.strings().feedbackThanks);
  }

  act(action: MessageAction, message: ChatMessage): void {
    this.host.dispatchEvent(createChatEvent('llm-chat-action', { action: action.id, messageId: message.id, message }));
  }
}

export interface MessageActionsView {
  strings: LlmChatStrings;
  feedback: boolean;
  feedbackComment: boolean;
  actions: readonly MessageAction[] | undefined;
  state: MessageActionsController;
}

/** The host's actions that apply to this message. */
function actionsFor(message: ChatMessage, actions: readonly MessageAction[] | undefined): MessageAction[] {
  return (actions ?? []).filter((action) => (action.roles ?? ['assistant']).includes(message.role));
}

/** Whether a message shows any of these buttons (a user message has no action row otherwise). */
export function hasMessageActions(message: ChatMessage, view: MessageActionsView): boolean {
  return actionsFor(message, view.actions).length > 0;
}

/** The thumbs and the host's actions, for the message's row of buttons. */
export function messageActionButtons(message: ChatMessage, view: MessageActionsView): TemplateResult | typeof nothing {
  if (isBusy(message)) return nothing;
  const { strings: t, state } = view;
  const chosen = message.feedback?.value;
  const rateable = view.feedback && message.role === 'assistant' && message.status !== 'error';
  const thumbButton = (value: MessageFeedback['value']) =>
    html`<button
      type="button"
      class="thumb ${value}"
      part="feedback-button feedback-${value}"
      aria-pressed=${chosen === value ? 'true' : 'false'}
      aria-label=${value === 'up' ? t.feedbackUp : t.feedbackDown}
      title=${value === 'up' ? t.feedbackUp : t.feedbackDown}
      @click=${() => void state.rate(message, value, view.feedbackComment)}
    >
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${thumb}</svg>
    </button>`;
  return html`${rateable ? html`${thumbButton('up')}${thumbButton('down')}` : nothing}${actionsFor(message, view.actions).map(
    (action) =>
      html`<button type="button" class="host-action" part="action-button" data-action=${action.id} @click=${() => state.act(action, message)}>
        ${action.icon ? html`<span aria-hidden="true">${action.icon}</span> ` : nothing}${action.label}
      </button>`,
  )}`;
}

/** The optional comment box under an answer just rated (`feedback-comment`). */
export function feedbackCommentForm(message: ChatMessage, view: MessageActionsView): TemplateResult | typeof nothing {
  if (view.state.commentFor !== message.id) return nothing;
  const t = view.strings;
  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const box = (event.currentTarget as HTMLFormElement).querySelector('textarea');
    view.state.comment(message, box?.value ?? '');
  };
  return html`<form class="feedback-form" part="feedback-form" @submit=${onSubmit}>
    <textarea part="feedback-comment" rows="2" aria-label=${t.feedbackCommentLabel} placeholder=${t.feedbackCommentLabel}></textarea>
    <button type="submit" part="feedback-submit">${t.feedbackSubmit}</button>
  </form>`;
}
