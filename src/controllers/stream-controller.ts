import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { streamChat, type StreamChatOptions, type StreamTiming } from '../core/chat-stream.js';
import { ChatStreamError, isInterruption } from '../core/errors.js';
import { MessageAssembler, type AssembledMessage } from '../core/message-assembler.js';
import type { ChatRequest } from '../core/request.js';
import { TextCadence, nextTask, requestFrameAfter } from './scheduling.js';

/**
 * What a finished run reports, with the answer as it ended (`answer`: its content and parts):
 * - `done`: complete (`truncated` when the model's token limit cut it off);
 * - `stopped`: the user stopped it; never an error;
 * - `interrupted`: the connection dropped (or went silent, or closed early) after some of the
 *   answer and could not be resumed; what it holds is an exact prefix of the answer;
 * - `error`: everything else, with what was received before it.
 */
export type StreamOutcome = OutcomeKind & { answer: AssembledMessage };

type OutcomeKind =
  | { kind: 'done'; finishReason?: string; truncated: boolean; timing: StreamTiming }
  | { kind: 'stopped' }
  | { kind: 'interrupted'; error: ChatStreamError }
  | { kind: 'error'; error: ChatStreamError };

/** The hooks one run calls. */
export interface StreamRunCallbacks {
  /**
   * The answer grew. Called at most once per animation frame, not once per token, and at a pace
   * for a human reader (see `TextCadence`): at most 30 times a second, less when updates are
   * costly; the rest is passed at once just before `onEnd`. `delta` is the content added since
   * the previous call (undefined in the rare case that content changed other than at its end), so
   * that a consumer that only needs the new text never reads `answer.content`: the full text is a
   * rope of every token, and reading it (a slice, a comparison) copies all of it, a cost that
   * grows with the answer, every frame.
   */
  onUpdate(answer: AssembledMessage, delta: string | undefined): void;
  /** The connection dropped and is being resumed (`attempt` from 1), or was resumed (undefined). */
  onReconnecting?(attempt: number | undefined): void;
  /** The run ended, whatever the reason. Called exactly once, unless a newer run replaced it. */
  onEnd(outcome: StreamOutcome): void;
}

/** Options of one run: those of the core's `streamChat`, less the signal the controller owns. */
export type StreamRunOptions = Omit<StreamChatOptions, 'signal'>;

/**
 * Owns the network side of one answer at a time: the core's `streamChat` (fetch, formats,
 * resuming), its AbortController, and coalescing text into at most one host update per frame. A
 * run id guards against a stale run writing over a newer one (the `@lit/task` pattern).
 * Removing the host aborts; moving it does not (see `hostDisconnected`).
 */
export class StreamController implements ReactiveController {
  private abortController?: AbortController;
  private runId = 0;
  /** Cancels the pending text flush, if one is scheduled. */
  private cancelFlush?: () => void;
  /** Whether the host is out of the document (a removal, or the first half of a move). */
  private disconnected = false;
  private readonly cadence = new TextCadence();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetchImpl: () => typeof fetch = () => globalThis.fetch.bind(globalThis),
  ) {
    host.addController(this);
  }

  /** Whether a run is in progress. */
  get active(): boolean {
    return this.abortController !== undefined;
  }

  hostConnected(): void {
    this.disconnected = false;
  }

  /**
   * Aborts only if the host is still out of the document a microtask later. Moving a node
   * (`append`, `insertBefore` or `replaceChildren` of an element already in the page, as
   * frameworks do to reorder a list or re-parent) disconnects and reconnects it within one
   * task, and must not kill the answer streaming into it. A removal is seen for what it is as
   * soon as the code that removed the host has returned.
   */
  hostDisconnected(): void {
    this.disconnected = true;
    queueMicrotask(() => {
      if (this.disconnected) this.stop();
    });
  }

  /** Aborts the current run, if any; it ends with a `stopped` outcome. */
  stop(): void {
    this.abortController?.abort();
  }

  /**
   * Aborts the current run, if any, and forgets it: no callback of it is called again, and
   * `active` is false at once (its owner has replaced what it was streaming into).
   */
  cancel(): void {
    const abortController = this.abortController;
    if (!abortController) return;
    this.runId++;
    this.cancelFrame();
    this.abortController = undefined;
    abortController.abort();
  }

  /**
   * Starts a run, aborting any run still going. `request` may be a function returning a promise
   * (a `prepareRequest` hook); it is called once.
   */
  start(
    request: ChatRequest | (() => Promise<ChatRequest>),
    callbacks: StreamRunCallbacks,
    options: StreamRunOptions = {},
  ): void {
    this.stop();
    const runId = ++this.runId;
    const abortController = new AbortController();
    this.abortController = abortController;
    void this.run(runId, request, callbacks, { fetch: this.fetchImpl(), ...options, signal: abortController.signal });
  }

  private async run(
    runId: number,
    request: ChatRequest | (() => Promise<ChatRequest>),
    callbacks: StreamRunCallbacks,
    options: StreamChatOptions & { signal: AbortSignal },
  ): Promise<void> {
    const assembler = new MessageAssembler();
    /** Whether the answer changed since `onUpdate` last saw it. */
    let unflushed = false;
    this.cadence.reset();
    const flush = () => {
      unflushed = false;
      const delta = assembler.takeDelta();
      callbacks.onUpdate(assembler.snapshot(), delta);
    };
    /** A paced flush: its cost (the host update it causes included) sets the pace of the next. */
    const pacedFlush = () => {
      const start = performance.now();
      flush();
      void this.host.updateComplete.then(() => {
        if (isCurrent()) this.cadence.measured(start, performance.now());
      });
    };
    const isCurrent = () => runId === this.runId;
    const end = (outcome: OutcomeKind) => {
      if (!isCurrent()) return;
      this.cancelFrame();
      this.abortController = undefined;
      // The rest of the answer comes before the end, even in the frame of the last flush.
      if (unflushed) flush();
      assembler.end(outcome.kind === 'done');
      callbacks.onEnd({ ...outcome, answer: assembler.snapshot() });
    };
    try {
      // The request starts in a task of its own: the send's render (the reader's message) is one
      // task and the network set-up (body, fetch, CORS) another, so a page that sends to twenty
      // elements at once runs twenty short tasks instead of one long one.
      await nextTask();
      if (options.signal.aborted) {
        end({ kind: 'stopped' });
        return;
      }
      for await (const update of streamChat(request, options)) {
        if (!isCurrent()) return;
        switch (update.type) {
          case 'text':
          case 'chunk':
            if (update.type === 'text') assembler.appendText(update.text);
            else assembler.apply(update.chunk);
            unflushed = true;
            this.scheduleText(pacedFlush);
            break;
          case 'reconnecting':
            callbacks.onReconnecting?.(update.attempt);
            break;
          case 'reconnected':
            callbacks.onReconnecting?.(undefined);
            break;
          case 'done':
            end({
              kind: 'done',
              finishReason: update.finishReason ?? assembler.finishReason,
              truncated: update.truncated,
              timing: update.timing,
            });
            return;
        }
      }
      throw new ChatStreamError('incomplete', 'The answer stopped before it was complete.');
    } catch (error) {
      // A user's abort is never an error, whatever the read rejected with.
      if (options.signal.aborted) {
        end({ kind: 'stopped' });
        return;
      }
      const failure =
        error instanceof ChatStreamError
          ? error
          : new ChatStreamError('network', 'The connection to the chat server was lost.', undefined, { cause: error });
      const received = assembler.snapshot().parts.length > 0;
      end(
        received && isInterruption(failure)
          ? { kind: 'interrupted', error: failure }
          : { kind: 'error', error: failure },
      );
    }
  }

  /**
   * At most one flush per animation frame, within the page's frame budget shared by every element
   * (see `requestBudgetedFrame`), and no sooner than the cadence allows (see `TextCadence`). A
   * hidden page gets no frames at all, so a timer backs the frame up: `messages` stays current in
   * a background tab (timers there run about once a second).
   */
  private scheduleText(flush: () => void): void {
    if (this.cancelFlush) return;
    const run = () => {
      this.cancelFrame();
      flush();
    };
    const cancelFrame = requestFrameAfter(this.cadence.delay(performance.now()), run);
    const timer = setTimeout(run, 250);
    this.cancelFlush = () => {
      cancelFrame();
      clearTimeout(timer);
    };
  }

  private cancelFrame(): void {
    this.cancelFlush?.();
    this.cancelFlush = undefined;
  }
}
