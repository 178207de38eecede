import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatStreamError } from '../core/errors.js';
import { readTextStream } from '../core/read-text-stream.js';
import type { ChatRequest } from '../core/request.js';

/** What a finished run reports. */
export type StreamOutcome =
  | { kind: 'done'; text: string; finishReason?: string }
  | { kind: 'stopped'; text: string }
  | { kind: 'error'; text: string; error: ChatStreamError };

/** The hooks one run calls; each receives the answer's full text so far. */
export interface StreamRunCallbacks {
  /** Text arrived. Called at most once per animation frame, not once per token. */
  onText(text: string): void;
  /** The run ended, whatever the reason. Called exactly once, unless a newer run replaced it. */
  onEnd(outcome: StreamOutcome): void;
}

/**
 * Owns the network side of one answer at a time: the fetch, its AbortController, reading the
 * stream, and coalescing text into at most one host update per frame. A run id guards against
 * a stale run writing over a newer one (the `@lit/task` pattern). Removing the host aborts.
 */
export class StreamController implements ReactiveController {
  private abortController?: AbortController;
  private runId = 0;
  private frame = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly fetchImpl: () => typeof fetch = () => globalThis.fetch.bind(globalThis),
  ) {
    host.addController(this);
  }

  /** Whether a run is in progress. */
  get active(): boolean {
    return this.abortController !== undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Aborts the current run, if any; it ends with a `stopped` outcome. */
  stop(): void {
    this.abortController?.abort();
  }

  /** Starts a run, aborting any run still going. */
  start(request: ChatRequest, callbacks: StreamRunCallbacks): void {
    this.stop();
    const runId = ++this.runId;
    const abortController = new AbortController();
    this.abortController = abortController;
    void this.run(runId, request, callbacks, abortController.signal);
  }

  private async run(
    runId: number,
    request: ChatRequest,
    callbacks: StreamRunCallbacks,
    signal: AbortSignal,
  ): Promise<void> {
    let text = '';
    const isCurrent = () => runId === this.runId;
    const end = (outcome: StreamOutcome) => {
      if (!isCurrent()) return;
      this.cancelFrame();
      this.abortController = undefined;
      callbacks.onText(text);
      callbacks.onEnd(outcome);
    };
    try {
      const response = await this.open(request, signal);
      for await (const part of readTextStream(response, { signal })) {
        if (!isCurrent()) return;
        if (part.type === 'text') {
          text += part.text;
          this.scheduleText(() => callbacks.onText(text));
        } else if (part.type === 'error') {
          throw new ChatStreamError('provider', part.message);
        } else {
          end({ kind: 'done', text, finishReason: part.finishReason });
          return;
        }
      }
      end({ kind: 'done', text });
    } catch (error) {
      if (signal.aborted) end({ kind: 'stopped', text });
      else end({ kind: 'error', text, error: toChatError(error) });
    }
  }

  private async open(request: ChatRequest, signal: AbortSignal): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchImpl()(request.url, { ...request.init, signal });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new ChatStreamError('network', 'Could not reach the chat server. Check your connection and try again.', undefined, {
        cause: error,
      });
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      throw new ChatStreamError('http', `The chat server answered with an error (HTTP ${response.status}).`, response.status);
    }
    return response;
  }

  private scheduleText(flush: () => void): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      flush();
    });
  }

  private cancelFrame(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }
}

function toChatError(error: unknown): ChatStreamError {
  if (error instanceof ChatStreamError) return error;
  return new ChatStreamError('network', 'The connection to the chat server was lost before the answer finished.', undefined, {
    cause: error,
  });
}
