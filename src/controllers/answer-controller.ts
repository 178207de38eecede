import type { ReactiveControllerHost } from 'lit';
import { ChatStreamError } from '../core/errors.js';
import type { StreamFormat } from '../core/formats/types.js';
import type { AssembledMessage } from '../core/message-assembler.js';
import { createMessage, type ChatMessage } from '../core/messages.js';
import { requestForAnswer, type ChatRequestConfig } from '../core/request.js';
import { normalizeMessages } from '../core/normalize-messages.js';
import { patchMessage, settleOrphans } from '../core/transcript.js';
import { createChatEvent } from '../events.js';
import { errorText, type LlmChatStrings } from '../i18n.js';
import { StreamController, type StreamOutcome, type StreamRunOptions } from './stream-controller.js';

/**
 * The host this controller renders through. It owns no copy of the conversation: it reads
 * `messages` from the controller and re-renders when asked, with the name of what changed.
 */
export interface AnswerHost extends ReactiveControllerHost, EventTarget {
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void;
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
 * The streaming answer's latest frame: the text it gained in the update that shows it. The
 * Markdown view takes `delta` instead of reading the whole text to find what is new; it checks
 * the lengths, so a frame it did not see (an update it skipped) only costs it that read.
 */
export interface AnswerFrame {
  id: string;
  delta: string;
}

/**
 * The conversation and the lifecycle of one answer at a time, from `send()` or `retry()` to its
 * final status. This controller is the only writer of the conversation (as `@lit/task` owns its
 * value): the host reads `messages` and re-renders when asked. It adds the question and a
 * `waiting` answer, streams into it through a StreamController, replaces it with a patched copy
 * once per frame, and fires `llm-chat-delta`, then one of `llm-chat-done`, `llm-chat-stop` or
 * `llm-chat-error` from the host. A conversation set from outside is a `replace()`: the running
 * answer is abandoned (its stream stopped, no event) and answers left busy become `interrupted`.
 *
 * It has no host lifecycle of its own, so it does not register with the host: the
 * StreamController it composes does, and owns aborting the request when the host is removed.
 */
export class AnswerController {
  /** The answer whose dropped stream is being resumed, if any (its bubble says so). */
  reconnectingId?: string;
  /** The streaming answer's text added in the latest update (see {@link AnswerFrame}). */
  frame?: AnswerFrame;

  private readonly stream: StreamController;
  private conversation: ChatMessage[] = [];
  /** The answer this controller asked for and that has not settled yet. */
  private pendingId?: string;

  constructor(
    private readonly host: AnswerHost,
    private readonly options: AnswerOptions,
  ) {
    this.stream = new StreamController(host);
  }

  /** The conversation. A new array on every change; never mutated. */
  get messages(): ChatMessage[] {
    return this.conversation;
  }

  /** Whether an answer is being waited for or streamed. */
  get streaming(): boolean {
    return this.stream.active;
  }

  /** Whether an answer asked for here has not settled yet. */
  get pending(): boolean {
    return this.pendingId !== undefined;
  }

  /**
   * Replaces the conversation (a restore, a clear, an assignment of `messages`): the running
   * answer, if any, is abandoned without an event, and every answer still `waiting` or
   * `streaming` becomes `interrupted`, since no stream will finish it. Malformed entries are
   * normalized or dropped, with one console warning that names the problems (see
   * `normalizeMessages`). The same array again changes nothing.
   */
  replace(messages: ChatMessage[]): void {
    if (messages === this.conversation) return;
    this.abandon();
    const normalized = normalizeMessages(messages);
    if (normalized.problems.length > 0) {
      console.warn(`<llm-stream-chat>: messages were not all well-formed: ${normalized.problems.join('; ')}.`);
    }
    this.write(settleOrphans(normalized.messages, undefined));
  }

  /** Sends `text` as the user and streams the answer; false, sending nothing, if blank or busy. */
  send(text: string): boolean {
    if (text.trim() === '' || this.stream.active) return false;
    const question = createMessage('user', text);
    this.ask([...this.conversation, question]);
    return true;
  }

  /** Replaces the last answer with a fresh one for the same conversation; false if there is none or busy. */
  retry(): boolean {
    if (this.stream.active) return false;
    const messages = this.conversation;
    const last = messages[messages.length - 1];
    if (!last || last.role !== 'assistant') return false;
    this.ask(messages.slice(0, -1));
    return true;
  }

  /**
   * Sets what the user added to a message (its `feedback`) without touching its answer: a
   * streaming answer goes on. Returns the updated message, or undefined when the id is unknown.
   */
  annotate(id: string, patch: Pick<ChatMessage, 'feedback'>): ChatMessage | undefined {
    return this.patch(id, patch);
  }

  /** Stops the streaming answer: it ends `stopped`, with its partial text, and `llm-chat-stop` fires. */
  stop(): void {
    this.stream.stop();
  }

  /** Forgets the pending answer and stops its stream: its end, when it comes, changes nothing. */
  private abandon(): void {
    this.pendingId = undefined;
    this.frame = undefined;
    this.setReconnecting(undefined);
    this.stream.cancel();
  }

  /** Asks for a new answer to `history` (which ends with the user's message). */
  private ask(history: ChatMessage[]): void {
    const answer = createMessage('assistant', '', 'waiting');
    this.pendingId = answer.id;
    this.frame = { id: answer.id, delta: '' };
    this.options.started?.();
    this.write([...history, answer]);
    this.streamAnswer(answer.id, history);
  }

  private streamAnswer(answerId: string, history: ChatMessage[]): void {
    const settings = this.options.settings();
    if (!settings.endpoint) {
      this.finish(answerId, {
        kind: 'error',
        answer: { content: '', parts: [] },
        error: new ChatStreamError(
          'configuration',
          'No endpoint is set: give <llm-stream-chat> an endpoint attribute.',
        ),
      });
      return;
    }
    this.stream.start(
      requestForAnswer(settings, history),
      {
        onUpdate: (answer, delta) => this.show(answerId, answer, delta),
        onReconnecting: (attempt) => {
          if (answerId === this.pendingId) this.setReconnecting(attempt ? answerId : undefined);
        },
        onEnd: (outcome) => this.finish(answerId, outcome),
      },
      streamOptions(settings),
    );
  }

  /** The run ended: the answer takes its final status, its event fires, and it is settled. */
  private finish(answerId: string, outcome: StreamOutcome): void {
    if (answerId !== this.pendingId) return;
    this.setReconnecting(undefined);
    this.pendingId = undefined;
    let message: ChatMessage | undefined;
    switch (outcome.kind) {
      case 'done': {
        message = this.patch(answerId, {
          ...answerFields(outcome.answer),
          status: 'complete',
          finishReason: outcome.finishReason,
          truncated: outcome.truncated || undefined,
        });
        if (message) this.host.dispatchEvent(createChatEvent('llm-chat-done', { message, timing: outcome.timing }));
        break;
      }
      case 'stopped': {
        message = this.patch(answerId, { ...answerFields(outcome.answer), status: 'stopped' });
        if (message) this.host.dispatchEvent(createChatEvent('llm-chat-stop', { message }));
        break;
      }
      case 'interrupted':
      case 'error': {
        const { error } = outcome;
        const text = errorText(this.options.strings(), error);
        message = this.patch(answerId, { ...answerFields(outcome.answer), status: outcome.kind, error: text });
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
    if (message) this.options.settled?.(message);
  }

  /**
   * The stream's per-frame answer (the StreamController calls this at most once per frame, and
   * once more with the rest just before the end): shows it and fires `llm-chat-delta` when text
   * was added. Only `delta` is read: `answer.content` is the whole text, and reading it costs its
   * length per frame.
   */
  private show(answerId: string, answer: AssembledMessage, delta: string | undefined): void {
    if (answerId !== this.pendingId) return;
    const status = answer.parts.length === 0 ? 'waiting' : 'streaming';
    const message = this.patch(answerId, { ...answerFields(answer), status });
    this.frame = delta === undefined ? undefined : { id: answerId, delta };
    if (message && delta !== '')
      this.host.dispatchEvent(createChatEvent('llm-chat-delta', { message, delta: delta ?? '' }));
  }

  /** Replaces one message with a patched copy; returns the new message. */
  private patch(id: string, patch: Partial<ChatMessage>): ChatMessage | undefined {
    const { messages, updated } = patchMessage(this.conversation, id, patch);
    if (updated) this.write(messages);
    return updated;
  }

  /** The one place the conversation changes: the host re-renders and sees `messages` changed. */
  private write(messages: ChatMessage[]): void {
    const old = this.conversation;
    this.conversation = messages;
    this.host.requestUpdate('messages', old);
  }

  private setReconnecting(id: string | undefined): void {
    if (id === this.reconnectingId) return;
    this.reconnectingId = id;
    this.host.requestUpdate();
  }
}

/** The fields of a message that its stream fills. */
function answerFields(answer: AssembledMessage): Pick<ChatMessage, 'content' | 'parts' | 'metadata'> {
  return answer.metadata === undefined
    ? { content: answer.content, parts: answer.parts }
    : { content: answer.content, parts: answer.parts, metadata: answer.metadata };
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
