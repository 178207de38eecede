import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { StreamController, type StreamOutcome } from './controllers/stream-controller.js';
import { ChatStreamError } from './core/errors.js';
import { createMessage, type ChatMessage } from './core/messages.js';
import { buildChatRequest } from './core/request.js';
import { createChatEvent } from './events.js';
import { styles } from './llm-stream-chat.styles.js';
import { markdown, type Highlighter } from './markdown/markdown-directive.js';
import { markdownStyles } from './markdown/markdown.styles.js';

/**
 * A complete streaming chat UI for any LLM backend: point `endpoint` at a URL that answers a
 * POSTed conversation with Server-Sent Events, and the answer renders as Markdown while it streams.
 *
 * @summary Streaming LLM chat as one custom element.
 * @tag llm-stream-chat
 *
 * @fires llm-chat-send - The user sends a message. Cancelable. `detail`: `{ text, messages }`.
 * @fires llm-chat-done - An answer finished. `detail`: `{ message }`.
 * @fires llm-chat-error - A request or stream failed. `detail`: `{ reason, message, status?, chatMessage }`.
 * @fires llm-chat-stop - An answer was stopped; its partial text is kept. `detail`: `{ message }`.
 *
 * @slot header - Content above the conversation (a title, a logo).
 * @slot empty - Shown while the conversation is empty.
 *
 * @csspart log - The scrolling conversation.
 * @csspart message - Every message bubble.
 * @csspart user-message - A message the user wrote.
 * @csspart assistant-message - A message the model wrote.
 * @csspart content - The rendered text of a message.
 * @csspart error - The error text under a failed message.
 * @csspart retry-button - Asks again for a failed or interrupted answer.
 * @csspart composer - The form at the bottom.
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @csspart stop-button - The stop button shown while an answer streams.
 *
 * @cssprop --llm-chat-background - Background of the whole element.
 * @cssprop --llm-chat-text - Text colour.
 * @cssprop --llm-chat-accent - Colour of buttons and the focus ring.
 * @cssprop --llm-chat-accent-text - Text colour on accent buttons.
 * @cssprop --llm-chat-user-background - Background of the user's bubbles.
 * @cssprop --llm-chat-user-text - Text colour of the user's bubbles.
 * @cssprop --llm-chat-assistant-background - Background of the model's bubbles.
 * @cssprop --llm-chat-assistant-text - Text colour of the model's bubbles.
 * @cssprop --llm-chat-code-background - Background of code blocks.
 * @cssprop --llm-chat-border - Colour of borders.
 * @cssprop --llm-chat-error - Colour of error text.
 * @cssprop --llm-chat-focus-ring - Colour of the keyboard focus ring.
 * @cssprop --llm-chat-font-family - Font family.
 * @cssprop --llm-chat-font-size - Base font size.
 * @cssprop --llm-chat-radius - Corner radius.
 * @cssprop --llm-chat-spacing - Padding and gaps.
 * @cssprop --llm-chat-height - Height of the element.
 * @cssprop --llm-chat-max-width - Maximum width of the element.
 */
export class LlmStreamChat extends LitElement {
  static override styles = [styles, markdownStyles];

  static override properties: PropertyDeclarations = {
    endpoint: { type: String },
    messages: { attribute: false },
    draft: { state: true },
    images: { converter: { fromAttribute: (value: string | null) => value !== 'off' && value !== 'false' } },
    highlight: { attribute: false },
  };

  /** URL that answers a POSTed `{ messages }` with a `text/event-stream`. */
  declare endpoint: string;

  /**
   * The conversation: `{ id, role, content, status }` objects. Read it to save a conversation,
   * set it to restore one. Treat it as immutable: assign a new array to change it.
   */
  declare messages: ChatMessage[];

  /** Show images from https URLs in answers (default). `images="off"` shows their alt text instead. */
  declare images: boolean;

  /** Highlights each code block once it is complete: `(code, language) => html`, sanitized. */
  declare highlight: Highlighter | undefined;

  /** What the user has typed but not sent. */
  declare private draft: string;

  private readonly stream = new StreamController(this);

  constructor() {
    super();
    this.endpoint = '';
    this.messages = [];
    this.draft = '';
    this.images = true;
    this.highlight = undefined;
  }

  /** Whether an answer is being waited for or streamed. */
  get streaming(): boolean {
    return this.stream.active;
  }

  /**
   * Sends `text` as the user and streams the answer. Returns false, sending nothing, when the
   * text is blank or an answer is still streaming.
   */
  send(text: string): boolean {
    if (text.trim() === '' || this.stream.active) return false;
    const question = createMessage('user', text);
    const answer = createMessage('assistant', '', 'waiting');
    const history = [...this.messages, question];
    this.messages = [...history, answer];
    this.streamAnswer(answer.id, history);
    return true;
  }

  /**
   * Asks again for the last answer (failed, interrupted, stopped or complete): it is replaced by
   * a fresh one streamed for the same conversation. Returns false when there is nothing to retry
   * or an answer is still streaming.
   */
  retry(): boolean {
    if (this.stream.active) return false;
    const last = this.messages[this.messages.length - 1];
    if (!last || last.role !== 'assistant') return false;
    const history = this.messages.slice(0, -1);
    const answer = createMessage('assistant', '', 'waiting');
    this.messages = [...history, answer];
    this.streamAnswer(answer.id, history);
    return true;
  }

  /** Stops the answer being streamed; its partial text is kept and it is marked `stopped`. */
  stop(): void {
    this.stream.stop();
  }

  private streamAnswer(answerId: string, history: ChatMessage[]): void {
    if (!this.endpoint) {
      this.finish(answerId, {
        kind: 'error',
        text: '',
        error: new ChatStreamError('configuration', 'No endpoint is set: give <llm-stream-chat> an endpoint attribute.'),
      });
      return;
    }
    this.stream.start(buildChatRequest(this.endpoint, history), {
      onText: (text) => this.patchMessage(answerId, { content: text, status: text === '' ? 'waiting' : 'streaming' }),
      onEnd: (outcome) => this.finish(answerId, outcome),
    });
  }

  private finish(answerId: string, outcome: StreamOutcome): void {
    switch (outcome.kind) {
      case 'done': {
        const message = this.patchMessage(answerId, {
          content: outcome.text,
          status: 'complete',
          finishReason: outcome.finishReason,
        });
        if (message) this.dispatchEvent(createChatEvent('llm-chat-done', { message }));
        break;
      }
      case 'stopped': {
        const message = this.patchMessage(answerId, { content: outcome.text, status: 'stopped' });
        if (message) this.dispatchEvent(createChatEvent('llm-chat-stop', { message }));
        break;
      }
      case 'error': {
        const { error } = outcome;
        const message = this.patchMessage(answerId, { content: outcome.text, status: 'error', error: error.message });
        if (message) {
          this.dispatchEvent(
            createChatEvent('llm-chat-error', {
              reason: error.reason,
              message: error.message,
              status: error.status,
              chatMessage: message,
            }),
          );
        }
        break;
      }
    }
  }

  /** Replaces one message with a patched copy; returns the new message. */
  private patchMessage(id: string, patch: Partial<ChatMessage>): ChatMessage | undefined {
    let updated: ChatMessage | undefined;
    this.messages = this.messages.map((message) => {
      if (message.id !== id) return message;
      updated = { ...message, ...patch };
      return updated;
    });
    return updated;
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    if (this.stream.active) {
      this.stop();
      return;
    }
    const text = this.draft;
    if (text.trim() === '') return;
    const proceed = this.dispatchEvent(
      createChatEvent('llm-chat-send', { text, messages: this.messages }, { cancelable: true }),
    );
    if (!proceed) return;
    if (this.send(text)) this.draft = '';
  }

  private onInput(event: Event): void {
    this.draft = (event.target as HTMLTextAreaElement).value;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    } else if (event.key === 'Escape' && this.stream.active) {
      event.preventDefault();
      this.stop();
    }
  }

  protected override render(): TemplateResult {
    const active = this.stream.active;
    return html`
      <slot name="header"></slot>
      <div class="log" part="log" role="log" aria-live="off" aria-label="Conversation" tabindex="0">
        ${this.messages.length === 0
          ? html`<slot name="empty"></slot>`
          : repeat(this.messages, (message) => message.id, (message) => this.renderMessage(message))}
      </div>
      <form class="composer" part="composer" @submit=${this.onSubmit}>
        <textarea
          part="input"
          rows="1"
          aria-label="Message"
          placeholder="Send a message"
          .value=${this.draft}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        ></textarea>
        ${active
          ? html`<button part="stop-button" type="submit" class="stop">Stop</button>`
          : html`<button part="send-button" type="submit" class="send" ?disabled=${this.draft.trim() === ''}>
              Send
            </button>`}
      </form>
    `;
  }

  private isRetryable(message: ChatMessage): boolean {
    const isLast = this.messages[this.messages.length - 1] === message;
    return isLast && (message.status === 'error' || message.status === 'interrupted');
  }

  private renderMessage(message: ChatMessage): TemplateResult {
    const isUser = message.role === 'user';
    return html`
      <div
        class="message ${message.role} ${message.status}"
        part="message ${message.role}-message"
        data-status=${message.status}
        aria-busy=${message.status === 'streaming' || message.status === 'waiting' ? 'true' : 'false'}
      >
        ${isUser
          ? html`<div class="content" part="content" dir="auto">${message.content}</div>`
          : html`<div class="content" part="content" dir="auto" ${markdown(message.content, {
              final: message.status !== 'streaming' && message.status !== 'waiting',
              images: this.images,
              highlight: this.highlight,
            })}></div>`}
        ${message.status === 'error' && message.error
          ? html`<div class="error" part="error">${message.error}</div>`
          : nothing}
        ${this.isRetryable(message)
          ? html`<button type="button" class="retry" part="retry-button" @click=${() => this.retry()}>Retry</button>`
          : nothing}
      </div>
    `;
  }
}
