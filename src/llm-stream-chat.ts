import { LitElement, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { AnswerController } from './controllers/answer-controller.js';
import { ClipboardController } from './controllers/clipboard-controller.js';
import { ComposerController } from './controllers/composer-controller.js';
import { PartsController } from './controllers/parts-controller.js';
import { HistoryController } from './controllers/history-controller.js';
import { PluginsController } from './controllers/plugins-controller.js';
import type { PluginSpec } from './core/markdown/plugins.js';
import { ScrollAnchorController } from './controllers/scroll-anchor-controller.js';
import type { StreamFormat } from './core/formats/types.js';
import { imagePolicy, type ImagePolicy } from './core/markdown/image-policy.js';
import type { ChatMessage } from './core/messages.js';
import type { PrepareRequest } from './core/request.js';
import { isBusy } from './core/transcript.js';
import { createChatEvent } from './events.js';
import { resolveStrings, type LlmChatStringOverrides, type LlmChatStrings } from './i18n.js';
import { styles } from './llm-stream-chat.styles.js';
import {
  composer,
  hasSlottedContent,
  jumpButton,
  messageFooter,
  typingIndicator,
} from './llm-stream-chat.templates.js';
import { MessageActionsController, feedbackCommentForm, hasMessageActions, messageActionButtons, type MessageAction } from './features/message-actions.js';
import { markdown, type Highlighter } from './markdown/markdown-directive.js';
import { featureStyles } from './features/features.styles.js';
import { markdownStyles } from './markdown/markdown.styles.js';
import { hasRichParts, messageParts } from './parts/message-parts.js';
import { partsStyles } from './parts/parts.styles.js';
import type { PartRenderers } from './parts/renderers.js';
import type { PartShape } from './parts/shapes.js';

/**
 * A complete streaming chat UI for any LLM backend: point `endpoint` at a URL that answers a
 * POSTed conversation with Server-Sent Events, and the answer renders as Markdown while it streams.
 *
 * @summary Streaming LLM chat as one custom element.
 * @tag llm-stream-chat
 *
 * @fires llm-chat-send - The user sends a message from the composer (not fired by `send()`). Cancelable: `preventDefault()` keeps the text in the input. `detail`: `{ text, messages }`.
 * @fires llm-chat-delta - Answer text arrived; at most once per animation frame, and with the rest just before the end (the deltas add up to the answer). `detail`: `{ message, delta }`.
 * @fires llm-chat-done - An answer finished. `detail`: `{ message, timing }` (`timing`: `timeToFirstByte`, `timeToFirstText`, `duration` in ms, `charactersPerSecond`, `reconnects`).
 * @fires llm-chat-error - A request or stream failed, or a custom part renderer threw (reason `render`: the part shows its default view). `detail`: `{ reason, message, status?, chatMessage, detail?, received? }`; `message` is the sentence the bubble shows, `detail` the technical cause (what a `prepareRequest` hook threw, reason `configuration`), `received` the first bytes the server sent (at most 1 KB) when no text could be read (reason `empty`).
 * @fires llm-chat-stop - An answer was stopped; its partial text is kept. `detail`: `{ message }`.
 * @fires llm-chat-feedback - The user rated an answer, withdrew the rating (`value` undefined) or sent the comment. `detail`: `{ messageId, value, comment?, message }`; `message.feedback` holds it.
 * @fires llm-chat-action - The user pressed one of the `actions`. `detail`: `{ action, messageId, message }`.
 *
 * @slot header - Content above the conversation (a title, a logo).
 * @slot empty - Shown while the conversation is empty (default: the `emptyState` string).
 *
 * @csspart header - The box around the `header` slot (hidden when nothing is slotted).
 * @csspart log - The scrolling conversation.
 * @csspart empty - The box around the `empty` slot.
 * @csspart message - Every message bubble; its `data-message-id` attribute is the message's `id`.
 * @csspart user-message - A message the user wrote.
 * @csspart assistant-message - A message the model wrote.
 * @csspart content - The rendered text of a message (one per text part of an answer with parts).
 * @csspart reasoning - The disclosure holding the model's reasoning.
 * @csspart reasoning-summary - Its summary: "Thinking…", then "Thought for 12 s".
 * @csspart reasoning-text - The reasoning's rendered Markdown.
 * @csspart tool-call - A tool call's card.
 * @csspart tool-call-running - A tool call's card while its input streams or the tool runs.
 * @csspart tool-call-done - A tool call's card once its output arrived.
 * @csspart tool-call-failed - A tool call's card when the tool failed.
 * @csspart tool-call-called - A tool call's card when the answer ended with the call and no output.
 * @csspart tool-header - The card's first line: icon, name and state.
 * @csspart tool-name - The tool's name.
 * @csspart tool-state - The tool call's state: running, done, failed or called.
 * @csspart tool-input - The tool's input, as indented JSON.
 * @csspart tool-output - The disclosure holding the tool's output.
 * @csspart tool-output-summary - Its summary ("Output").
 * @csspart tool-error - A failed tool's error text.
 * @csspart sources - The numbered list of an answer's sources.
 * @csspart source - One source chip.
 * @csspart source-link - A source's link.
 * @csspart source-number - A source's number.
 * @csspart file - A file the model sent (an image, or a download link).
 * @csspart file-link - A file's download link.
 * @csspart custom-part - The box around a custom renderer's output.
 * @csspart typing-indicator - The dots shown while waiting for the first token.
 * @csspart notice - The note in an answer's bubble: reconnecting, stopped, interrupted, or cut off by the length limit.
 * @csspart error - The error text under a failed answer.
 * @csspart actions - The row of buttons under an answer.
 * @csspart copy-button - Copies a message (its Markdown source).
 * @csspart code-copy-button - Copies the code of a code block.
 * @csspart image-placeholder - An image in an answer not loaded yet: its alt text and host; pressing it loads the image.
 * @csspart table-tools - The group of buttons above a table in an answer.
 * @csspart table-button - A table tool: copy as Markdown, copy as CSV, download CSV.
 * @csspart retry-button - Asks again for a failed or interrupted answer.
 * @csspart regenerate-button - Asks again for the last answer.
 * @csspart feedback-button - The thumbs-up and thumbs-down buttons under answers (`aria-pressed` shows the choice).
 * @csspart feedback-up - The thumbs-up button.
 * @csspart feedback-down - The thumbs-down button.
 * @csspart feedback-form - The optional comment box's form, shown after a rating with `feedback-comment`.
 * @csspart feedback-comment - The comment text area.
 * @csspart feedback-submit - The button that sends the comment.
 * @csspart action-button - A button of the `actions` property.
 * @csspart jump-button - "Jump to latest": scrolls down and follows the stream again.
 * @csspart new-content-indicator - The dot on the jump button when content arrived below the view.
 * @csspart composer - The form at the bottom.
 * @csspart input - The text area.
 * @csspart send-button - The send button.
 * @csspart stop-button - The stop button shown while an answer streams (the same element as the send button).
 *
 * @cssprop --llm-chat-background - Background of the whole element.
 * @cssprop --llm-chat-text - Text colour.
 * @cssprop --llm-chat-muted-text - Colour of secondary text: notices, placeholder, action buttons.
 * @cssprop --llm-chat-accent - Colour of the send button, links and the new-content dot.
 * @cssprop --llm-chat-accent-text - Text colour on accent buttons.
 * @cssprop --llm-chat-user-background - Background of the user's bubbles.
 * @cssprop --llm-chat-user-text - Text colour of the user's bubbles.
 * @cssprop --llm-chat-assistant-background - Background of the model's bubbles.
 * @cssprop --llm-chat-assistant-text - Text colour of the model's bubbles.
 * @cssprop --llm-chat-code-background - Background of code.
 * @cssprop --llm-chat-code-text - Text colour of code.
 * @cssprop --llm-chat-code-font-family - Font family of code.
 * @cssprop --llm-chat-input-background - Background of the text area.
 * @cssprop --llm-chat-border - Colour of borders.
 * @cssprop --llm-chat-error - Colour of error text.
 * @cssprop --llm-chat-focus-ring - Colour of the keyboard focus ring.
 * @cssprop --llm-chat-font-family - Font family.
 * @cssprop --llm-chat-font-size - Base font size.
 * @cssprop --llm-chat-radius - Corner radius.
 * @cssprop --llm-chat-spacing - Padding and gaps.
 * @cssprop --llm-chat-height - Height of the element.
 * @cssprop --llm-chat-max-width - Maximum width of the element.
 * @cssprop --llm-chat-input-max-height - Height the text area grows to before it scrolls.
 * @cssprop --llm-chat-reasoning-text - Text colour of reasoning (default: the muted text colour).
 * @cssprop --llm-chat-reasoning-border - The line beside reasoning.
 * @cssprop --llm-chat-tool-background - Background of a tool call's card.
 * @cssprop --llm-chat-tool-border - Border of a tool call's card.
 * @cssprop --llm-chat-tool-done - Colour of a finished tool call's state.
 * @cssprop --llm-chat-source-background - Background of a source chip.
 * @cssprop --llm-chat-source-border - Border of a source chip.
 */
export class LlmStreamChat extends LitElement {
  static override styles = [styles, markdownStyles, partsStyles, featureStyles];

  static override properties: PropertyDeclarations = {
    endpoint: { type: String },
    format: { type: String },
    model: { type: String },
    method: { type: String },
    maxRetries: { type: Number, attribute: 'max-retries' },
    idleTimeout: { type: Number, attribute: 'idle-timeout' },
    retryDelay: { type: Number, attribute: 'retry-delay' },
    credentials: { type: String },
    headers: { attribute: false },
    prepareRequest: { attribute: false },
    messages: { attribute: false, noAccessor: true },
    strings: { attribute: false },
    storageKey: { type: String, attribute: 'storage-key' },
    announcement: { state: true },
    hasHeader: { state: true },
    noImages: { type: Boolean, attribute: 'no-images' },
    imageOrigins: { attribute: 'image-origins' },
    highlight: { attribute: false },
    plugins: { converter: { fromAttribute: (value: string | null) => value?.split(/\s+/).filter(Boolean) ?? [] } },
    feedback: { type: Boolean },
    feedbackComment: { type: Boolean, attribute: 'feedback-comment' },
    actions: { attribute: false },
    renderers: { attribute: false },
  };

  /** URL that answers a POSTed `{ messages, requestId }` with a stream (see `format`). */
  declare endpoint: string;

  /** Wire format: `auto` (default: by Content-Type and first events), `sse`, `openai`, `openai-responses`, `anthropic`, `gemini`, `ai-sdk`, `ndjson` or `text`. */
  declare format: StreamFormat;

  /** With a model, the body is `{ model, messages, stream: true }`, for OpenAI-compatible servers. */
  declare model: string;

  /** `POST` (default), or `GET` to send the message in query parameters, like EventSource. */
  declare method: string;

  /** How many times to reconnect a dropped resumable stream, or retry a 408/429/502/503/504 (default 3). */
  declare maxRetries: number;

  /** Milliseconds without a byte after which the connection counts as dropped (default 45 000). */
  declare idleTimeout: number;

  /** First reconnection delay in ms before a stream's `retry:` field says otherwise (default 1000). */
  declare retryDelay: number;

  /** The fetch `credentials` mode: `same-origin` (default), `include` (cookies cross-origin) or `omit`. */
  declare credentials: RequestCredentials | undefined;

  /** Extra request headers, such as `{ Authorization: 'Bearer …' }`. */
  declare headers: Record<string, string>;

  /** A hook that reshapes each request (URL, method, headers, body) for any backend; may be async. */
  declare prepareRequest: PrepareRequest | undefined;

  /**
   * No images in answers at all: their alt text only, nothing to click. Read as HTML reads a
   * boolean attribute: any string (`""`, `"false"` too) or `true` is on; `false`, `null`,
   * `undefined` and `0` are off (the default).
   */
  declare noImages: boolean;

  /**
   * Origins whose https images in answers load at once, such as
   * `"https://images.example https://cdn.example"` (spaces or commas) or an array of them; `"*"`
   * or `true` for every https origin. By default (and for any value that is not an https origin,
   * such as `"off"`) none does: each image is a placeholder showing its alt text and host that
   * loads when the reader presses it. An image URL is a request the model chooses, which a prompt
   * injection can fill with data from the conversation.
   */
  declare imageOrigins: string | readonly string[] | boolean | null | undefined;

  /** Highlights each code block once it is complete: `(code, language) => html`, sanitized. */
  declare highlight: Highlighter | undefined;

  /**
   * Markdown plugins: plugin objects (`import { math } from 'llm-stream-chat/plugins/math'`), or
   * names of first-party plugins to load from beside the element's script (`plugins="math
   * highlight diagrams"`: the script-tag build). Each loads only when listed. See docs/plugins.md.
   */
  declare plugins: PluginSpec[];

  /**
   * Custom rendering of tool and data parts, by part type: `tool-<toolName>` or `data-<name>` to
   * `(part, { messageId, streaming }) => template | node | htmlString | null`. HTML strings are
   * sanitized; `null` keeps the default; a renderer that throws shows the default and fires
   * `llm-chat-error` (reason `render`). Data parts show only through a renderer.
   */
  declare renderers: PartRenderers | undefined;

  /** Thumbs up and down under answers; a rating fires `llm-chat-feedback` and is kept in the message's `feedback`. */
  declare feedback: boolean;

  /** With `feedback`, a rating opens an optional comment box; its text comes in a second `llm-chat-feedback`. */
  declare feedbackComment: boolean;

  /** Buttons of the host's own under messages: `{ id, label, icon?, roles? }` (answers by default); each fires `llm-chat-action`. */
  declare actions: MessageAction[] | undefined;

  /** Replaces any of the UI's texts (for a translation, say): see `LlmChatStrings` for the keys. */
  declare strings: LlmChatStringOverrides | undefined;

  /**
   * When set, the conversation is kept in `localStorage` under this key and restored from it,
   * so it survives reloads. An answer that was streaming comes back `interrupted`.
   */
  declare storageKey: string;

  /** The text of the polite status region. */
  declare private announcement: string;
  declare private hasHeader: boolean;

  private readonly answer = new AnswerController(this, {
    settings: () => this,
    strings: () => this.t,
    started: () => this.anchor.pin(),
    settled: (message) => this.announceOutcome(message),
  });
  private readonly anchor = new ScrollAnchorController(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.log'),
    content: () => this.renderRoot.querySelector('.transcript'),
  });
  private readonly composer = new ComposerController(this, {
    input: () => this.renderRoot?.querySelector('textarea'),
    streaming: () => this.answer.streaming,
    submit: (text) => this.submitFromComposer(text),
    stop: () => this.stop(),
  });
  private readonly clipboard = new ClipboardController(this);
  private readonly messageActions = new MessageActionsController(this, {
    annotate: (id, patch) => this.answer.annotate(id, patch),
    announce: (text) => this.announce(text),
    strings: () => this.t,
    commentBox: () => this.renderRoot.querySelector<HTMLTextAreaElement>('[part~="feedback-comment"]'),
  });
  private readonly parts = new PartsController(this, () => this.messages);
  private readonly history = new HistoryController(this, {
    key: () => this.storageKey,
    messages: () => this.messages,
    busy: () => this.answer.pending,
  });

  private readonly pluginList = new PluginsController(this, () => this.plugins);

  private resolved?: { from: LlmChatStringOverrides | undefined; strings: LlmChatStrings };
  private policy?: { noImages: unknown; imageOrigins: unknown; policy: ImagePolicy };

  constructor() {
    super();
    this.endpoint = '';
    this.format = 'auto';
    this.model = '';
    this.method = 'POST';
    this.maxRetries = 3;
    this.idleTimeout = 45_000;
    this.retryDelay = 1000;
    this.credentials = undefined;
    this.headers = {};
    this.prepareRequest = undefined;
    this.strings = undefined;
    this.storageKey = '';
    this.announcement = '';
    this.hasHeader = false;
    this.noImages = false;
    this.imageOrigins = '';
    this.highlight = undefined;
    this.plugins = [];
    this.renderers = undefined;
    this.feedback = false;
    this.feedbackComment = false;
    this.actions = undefined;
  }

  /**
   * The conversation: `{ id, role, content, status }` objects. Read it to save a conversation,
   * set it to restore one (it renders at once; an answer left `waiting` or `streaming` shows as
   * `interrupted`). Setting it replaces the conversation: an answer still streaming is stopped,
   * without an event. Treat it as immutable: assign a new array to change it.
   */
  get messages(): ChatMessage[] {
    return this.answer.messages;
  }

  set messages(messages: ChatMessage[]) {
    this.answer.replace(messages);
  }

  /** Whether an answer is being waited for or streamed. */
  get streaming(): boolean {
    return this.answer.streaming;
  }

  /**
   * Sends `text` as the user and streams the answer (no `llm-chat-send` event: that is for the
   * user's own sends). Returns false, sending nothing, when the text is blank or an answer is
   * still streaming.
   */
  send(text: string): boolean {
    return this.answer.send(text);
  }

  /**
   * Asks again for the last answer (failed, interrupted, stopped or complete): it is replaced by
   * a fresh one streamed for the same conversation. Returns false when there is nothing to retry
   * or an answer is still streaming.
   */
  retry(): boolean {
    return this.answer.retry();
  }

  /** Stops the answer being streamed; its partial text is kept and it is marked `stopped`. */
  stop(): void {
    this.answer.stop();
  }

  /** Empties the conversation (and its stored copy), stopping an answer that is streaming. No event fires. */
  clear(): void {
    this.answer.replace([]);
    this.anchor.pin();
  }

  /** Copies a message's text (its Markdown source) to the clipboard. Resolves to whether it worked. */
  async copyMessage(id: string): Promise<boolean> {
    const message = this.messages.find((m) => m.id === id);
    if (!message) return false;
    const copied = await this.clipboard.copy(id, message.content);
    this.announce(copied ? this.t.copied : this.t.copyFailed);
    return copied;
  }

  /** Focuses the text area. */
  override focus(options?: FocusOptions): void {
    this.composer.focus(options);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('storageKey') && this.storageKey) {
      const stored = this.history.load();
      if (stored) this.answer.replace(stored);
    }
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('messages')) this.history.changed();
  }

  /** An answer this element asked for has settled: says politely how it ended. */
  private announceOutcome(message: ChatMessage): void {
    const t = this.t;
    const { status } = message;
    if (status === 'error') this.announce(message.error || t.errorFallback);
    else
      this.announce(
        status === 'stopped' ? t.answerStopped : status === 'interrupted' ? t.answerInterrupted : t.answerComplete,
      );
  }

  /** Says `text` through the polite status region (again, even when it is the same text). */
  private announce(text: string): void {
    this.announcement = this.announcement === text ? `${text}\u00a0` : text;
  }

  /** The image policy, read once per change of either setting. */
  private get imagePolicy(): ImagePolicy {
    const { noImages, imageOrigins } = this;
    if (this.policy?.noImages !== noImages || this.policy.imageOrigins !== imageOrigins) {
      this.policy = { noImages, imageOrigins, policy: imagePolicy(noImages, imageOrigins) };
    }
    return this.policy.policy;
  }

  private get t(): LlmChatStrings {
    if (this.resolved?.from !== this.strings || !this.resolved) {
      this.resolved = { from: this.strings, strings: resolveStrings(this.strings) };
    }
    return this.resolved.strings;
  }

  /** The user sends from the composer: `llm-chat-send` first, which may cancel it. */
  private submitFromComposer(text: string): boolean {
    const event = createChatEvent('llm-chat-send', { text, messages: this.messages }, { cancelable: true });
    return this.dispatchEvent(event) && this.send(text);
  }

  private readonly onHeaderSlotChange = (event: Event): void => {
    this.hasHeader = hasSlottedContent(event.target as HTMLSlotElement);
  };

  private readonly onJump = (): void => {
    this.anchor.pin();
    this.composer.focus();
  };

  protected override render(): TemplateResult {
    const t = this.t;
    return html`
      <div class="header" part="header" ?hidden=${!this.hasHeader}>
        <slot name="header" @slotchange=${this.onHeaderSlotChange}></slot>
      </div>
      <div class="viewport">
        <div class="log" part="log" role="log" aria-live="off" aria-label=${t.logLabel} tabindex="0">
          <div class="transcript">
            ${
              this.messages.length === 0
                ? html`<div class="empty" part="empty"><slot name="empty">${t.emptyState}</slot></div>`
                : repeat(
                    this.messages,
                    (message) => message.id,
                    (message) => this.renderMessage(message),
                  )
            }
          </div>
        </div>
        ${jumpButton(t, this.anchor, this.onJump)}
      </div>
      <div class="visually-hidden" role="status">${this.announcement}</div>
      ${composer(t, this.composer, this.answer.streaming)}
    `;
  }

  /** An answer: its parts in order when it has more than text, else its text as Markdown. */
  private renderAnswer(message: ChatMessage): TemplateResult {
    const parts = (message as ChatMessage & { parts?: PartShape[] }).parts;
    const { id } = message;
    const options = {
      images: this.imagePolicy,
      highlight: this.highlight,
      plugins: this.pluginList.active,
      strings: this.t,
      added: this.answer.frame?.id === id ? this.answer.frame.delta : undefined,
    };
    if (!hasRichParts(parts)) {
      return html`<div class="content" part="content" dir="auto" ${markdown(message.content, { final: !isBusy(message), ...options })}></div>`;
    }
    return messageParts(parts, {
      ...options,
      messageId: id,
      busy: isBusy(message),
      renderers: this.renderers,
      reasoningSeconds: (index, streaming) => this.parts.reasoningSeconds(id, index, streaming),
      renderError: (index, part, error) => this.parts.renderError(id, index, part, error),
    });
  }

  private renderMessage(message: ChatMessage): TemplateResult {
    const isUser = message.role === 'user';
    const t = this.t;
    const view = { strings: t, feedback: this.feedback, feedbackComment: this.feedbackComment, actions: this.actions, state: this.messageActions };
    return html`
      <article
        class="message ${message.role} ${message.status}"
        part="message ${message.role}-message"
        data-message-id=${message.id}
        data-status=${message.status}
        aria-label=${isUser ? t.userLabel : t.assistantLabel}
        aria-busy=${isBusy(message) ? 'true' : 'false'}
      >
        ${isUser
          ? html`<div class="content" part="content" dir="auto">${message.content}</div>`
          : this.renderAnswer(message)}
        ${this.answer.reconnectingId === message.id && isBusy(message)
          ? html`<p class="notice" part="notice">${t.reconnecting}</p>`
          : nothing}
        ${message.status === 'waiting' ? typingIndicator(t) : nothing}
        ${messageFooter(message, {
          strings: t,
          isLast: this.messages[this.messages.length - 1] === message,
          copied: this.clipboard.copiedId === message.id,
          streaming: this.answer.streaming,
          onCopy: () => void this.copyMessage(message.id),
          onRetry: () => {
            this.retry();
            this.composer.focus();
          },
          extra: messageActionButtons(message, view),
        })}
        ${isUser && hasMessageActions(message, view) ? html`<div class="actions" part="actions">${messageActionButtons(message, view)}</div>` : nothing}
        ${feedbackCommentForm(message, view)}
      </article>
    `;
  }
}
