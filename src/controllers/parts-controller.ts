import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatMessage } from '../core/messages.js';
import { createChatEvent } from '../events.js';
import type { PartShape } from '../parts/shapes.js';

/**
 * What the parts of answers need beyond their data: how long each reasoning part took (timed
 * from when it was first shown streaming to when it was first shown done; not kept across
 * reloads), and the custom renderers that threw, reported as `llm-chat-error` (reason `render`)
 * once per part, after the render that caught them rather than during it.
 */
export class PartsController implements ReactiveController {
  private readonly started = new Map<string, number>();
  private readonly seconds = new Map<string, number>();
  private readonly reported = new Set<string>();
  private pending: { message: ChatMessage; part: PartShape; error: unknown }[] = [];

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly messages: () => readonly ChatMessage[],
  ) {
    host.addController(this);
  }

  /** Seconds the reasoning part `index` of message `id` took, once done; starts its clock while it streams. */
  reasoningSeconds(id: string, index: number, streaming: boolean): number | undefined {
    const key = `${id}:${index}`;
    const done = this.seconds.get(key);
    if (done !== undefined) return done;
    const start = this.started.get(key);
    if (streaming) {
      if (start === undefined) this.started.set(key, performance.now());
      return undefined;
    }
    if (start === undefined) return undefined; // restored, or never seen streaming
    const seconds = Math.max(1, Math.round((performance.now() - start) / 1000));
    this.seconds.set(key, seconds);
    this.started.delete(key);
    return seconds;
  }

  /** A custom renderer threw for part `index` of message `id`: report it after this render. */
  renderError(id: string, index: number, part: PartShape, error: unknown): void {
    const key = `${id}:${index}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const message = this.messages().find((m) => m.id === id);
    if (message) this.pending.push({ message, part, error });
  }

  hostUpdated(): void {
    if (this.pending.length === 0) return;
    const pending = this.pending;
    this.pending = [];
    for (const { message, part, error } of pending) {
      const why = error instanceof Error ? error.message : String(error);
      this.host.dispatchEvent(
        createChatEvent('llm-chat-error', {
          reason: 'render',
          message: `The renderer for "${part.type}" failed, so the part shows its default view: ${why}`,
          chatMessage: message,
        }),
      );
    }
  }
}
