import type { ReactiveControllerHost } from 'lit';
import { ChatStreamError } from '../core/errors.js';
import type { StreamFormat } from '../core/formats/types.js';
import { createMessage, type ChatMessage } from '../core/messages.js';
import { requestForAnswer, type ChatRequestConfig } from '../core/request.js';
import { isBusy, patchMessage, settleOrphans } from '../core/transcript.js';
import { createChatEvent } from '../events.js';
import { errorText, type LlmChatStrings } from '../i18n.js';
import { StreamController, type StreamOutcome, type StreamRunOptions } from './stream-controller.js';

/** The host's conversation, which this controller replaces (never mutates) on every change. */
export interface AnswerHost extends ReactiveControllerHost, EventTarget {
  messages: ChatMessage[];
}

/** The element's settings an answer is asked for with: the request, and how its stream is read. */
export interface AnswerSettings extends ChatRequestConfig {
  format: StreamFormat;
  maxRetries: number;
  idleTimeout: number;
  retryDelay: number;
}

export interface AnswerOptions {
  /** Read when an answer starts; a change mid-answer applies to the next one. */
  settings: () => AnswerSettings;
  /** The UI texts: a failed answer shows its error in them. */
  strings: () => LlmChatStrings;
  /** A new answer is about to be shown (the view should follow it). */
  started?: () => void;
  /** The answer this controller asked for has ended and the conversation shows it. */
  settled?: (message: ChatMessage) => void;
}

/**
 * The lifecycle of one answer at a time, from `send()` or `retry()` to its final status: adds
 * the question and a `waiting` answer to the host's `messages`, streams into it through a
 * StreamController, patches it once per frame, and fires `llm-chat-delta`, then one of
 * `llm-chat-done`, `llm-chat-stop` or `llm-chat-error` from the host. The host reports every
 * change of `messages` (`messagesChanged()`), whoever made it, so that an answer code removed
 * is stopped and an answer no stream will finish is settled.
 *
 * It has no host lifecycle of its own, so it does not register with the host: the
 * StreamController it composes does, and owns aborting the request when the host is removed.
 */
export class AnswerController {
  /** The answer whose dropped stream is being resumed, if any (its bubble says so). */
  reconnectingId?: string;

  private readonly stream: StreamController;
  /** The answer this controller asked for and that has not settled yet. */
  private pendingId?: string;
  /** The pending answer's text that `llm-chat-delta` has not reported yet, and whether it fired this frame. */
  private unsentDelta = '';
  private deltaFrame = 0;
  /** The streaming answer's text added since the host last rendered (see `renderDelta`). */
  private unrendered?: { id: string; delta: string };

  constructor(
    private readonly host: AnswerHost,
    private readonly options: AnswerOptions,
  ) {
    this.stream = new StreamController(host);
  }

  /** Whether an answer is being waited for or streamed. */
  get streaming(): boolean {
    return this.stream.active;
  }

  /** Whether an answer asked for here has not settled yet (its stream may already be over). */
  get pending(): boolean {
    return this.pendingId !== undefined;
  }

  /** Sends `text` as the user and streams the answer; false, sending nothing, if blank or busy. */
  send(text: string): boolean {
    if (text.trim() === '' || this.stream.active) return false;
    const question = createMessage('user', text);
    this.ask([...this.host.messages, question]);
    return true;
  }

  /** Replaces the last answer with a fresh one for the same conversation; false if there is none or busy. */
  retry(): boolean {
    if (this.stream.active) return false;
    const { messages } = this.host;
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'assistant') return false;
    this.ask(messages.slice(0, -1));
    return true;
  }

  /** Stops the streaming answer: it ends `stopped`, with its partial text, and `llm-chat-stop` fires. */
  stop(): void {
    this.stream.stop();
  }

  /**
   * Forgets the pending answer and stops its stream, because the conversation is being replaced
   * (cleared, restored): the stream's end then finds no message to patch, so no event fires.
   */
  abandon(): void {
    this.pendingId = undefined;
    this.unrendered = undefined;
    this.stream.stop();
  }

  /**
   * Keeps the conversation consistent whoever set it (call it before each render in which
   * `messages` changed): an answer no stream of ours will finish is settled as `interrupted`; a
   * streaming answer removed by code is stopped; the pending answer is reported once it has
   * ended (its status final and its stream over, so a status set while the stream still runs,
   * during a reconnection say, is not taken for the end).
   */
  messagesChanged(): void {
    const pending = this.pendingId;
    const answer = pending === undefined ? undefined : this.host.messages.find((m) => m.id === pending);
    if (pending !== undefined && !answer) {
      this.abandon();
    } else if (answer && !isBusy(answer) && !this.stream.active) {
      this.pendingId = undefined;
      this.options.settled?.(answer);
    }
    const settled = settleOrphans(this.host.messages, this.pendingId);
    if (settled !== this.host.messages) this.host.messages = settled;
  }

  /**
   * The text added to message `id` since the host last rendered, if it is the answer streaming
   * here: a hint for the Markdown view, which then need not read the full text to find what is
   * new (see `MarkdownView.update`). Undefined for every other message.
   */
  renderDelta(id: string): string | undefined {
    return this.unrendered?.id === id ? this.unrendered.delta : undefined;
  }

  /** The host has rendered: the text shown so far is no longer new (call it from `updated`). */
  rendered(): void {
    if (this.unrendered) this.unrendered.delta = '';
  }

  /** Asks for a new answer to `history` (which ends with the user's message). */
  private ask(history: ChatMessage[]): void {
    const answer = createMessage('assistant', '', 'waiting');
    this.pendingId = answer.id;
    this.unsentDelta = '';
    this.unrendered = { id: answer.id, delta: '' };
    this.options.started?.();
    this.host.messages = [...history, answer];
    this.streamAnswer(answer.id, history);
  }

  private streamAnswer(answerId: string, history: ChatMessage[]): void {
    const settings = this.options.settings();
    if (!settings.endpoint) {
      this.finish(answerId, {
        kind: 'error',
        text: '',
        error: new ChatStreamError('configuration', 'No endpoint is set: give <llm-stream-chat> an endpoint attribute.'),
      });
      return;
    }
    this.stream.start(
      requestForAnswer(settings, history),
      {
        onText: (text, delta) => this.showText(answerId, text, delta),
        onReconnecting: (attempt) => this.setReconnecting(attempt ? answerId : undefined),
        onEnd: (outcome) => this.finish(answerId, outcome),
      },
      streamOptions(settings),
    );
  }

  private finish(answerId: string, outcome: StreamOutcome): void {
    this.setReconnecting(undefined);
    switch (outcome.kind) {
      case 'done': {
        const message = this.patch(answerId, {
          content: outcome.text,
          status: 'complete',
          finishReason: outcome.finishReason,
          truncated: outcome.truncated || undefined,
        });
        if (message) this.host.dispatchEvent(createChatEvent('llm-chat-done', { message, timing: outcome.timing }));
        break;
      }
      case 'stopped': {
        const message = this.patch(answerId, { content: outcome.text, status: 'stopped' });
        if (message) this.host.dispatchEvent(createChatEvent('llm-chat-stop', { message }));
        break;
      }
      case 'interrupted':
      case 'error': {
        const { error } = outcome;
        const text = errorText(this.options.strings(), error);
        const message = this.patch(answerId, { content: outcome.text, status: outcome.kind, error: text });
        if (message) {
          this.host.dispatchEvent(
            createChatEvent('llm-chat-error', {
              reason: error.reason,
              message: text,
              status: error.status,
              chatMessage: message,
              ...(error.detail !== undefined ? { detail: error.detail } : {}),
              ...(error.received !== undefined ? { received: error.received } : {}),
            }),
          );
        }
        break;
      }
    }
  }

  /**
   * The stream's per-frame text: shows it and fires `llm-chat-delta`, at most once per frame.
   * Only `delta` is read: `text` is the whole answer, and reading it costs its length per frame.
   */
  private showText(answerId: string, text: string, delta: string): void {
    const message = this.patch(answerId, { content: text, status: text === '' ? 'waiting' : 'streaming' });
    if (this.unrendered?.id === answerId) this.unrendered.delta += delta;
    this.unsentDelta += delta;
    if (!message || this.unsentDelta === '' || this.deltaFrame !== 0) return;
    const unsent = this.unsentDelta;
    this.unsentDelta = '';
    this.deltaFrame = requestAnimationFrame(() => (this.deltaFrame = 0));
    this.host.dispatchEvent(createChatEvent('llm-chat-delta', { message, delta: unsent }));
  }

  /** Replaces one message with a patched copy; returns the new message. */
  private patch(id: string, patch: Partial<ChatMessage>): ChatMessage | undefined {
    const { messages, updated } = patchMessage(this.host.messages, id, patch);
    this.host.messages = messages;
    return updated;
  }

  private setReconnecting(id: string | undefined): void {
    if (id === this.reconnectingId) return;
    this.reconnectingId = id;
    this.host.requestUpdate();
  }
}

/** How the stream controller reads and resumes answers, from the element's attributes. */
function streamOptions(settings: AnswerSettings): StreamRunOptions {
  return {
    format: settings.format || 'auto',
    maxRetries: settings.maxRetries,
    idleTimeout: settings.idleTimeout,
    retryDelay: settings.retryDelay,
  };
}
