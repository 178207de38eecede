import type { ServerSentEvent, ServerSentEventInfo } from './sse.js';

/**
 * Remembers which SSE event ids of one answer were applied, across reconnections, so that a
 * server that replays more than asked (from the start, say) never shows a token twice.
 *
 * The rule: an event whose own `id` was already applied is skipped, and so are the id-less events
 * that follow it on that connection (they belong to the replayed stretch); the first new id ends
 * the skipping. Servers should give every event an id; the README says so.
 */
export class EventIdTracker {
  private readonly seen = new Set<string>();
  private skipping = false;
  /** The id to send as `Last-Event-ID`: the parser's committed id, kept across connections. */
  lastEventId = '';

  /**
   * How many distinct ids were seen: the measure of progress across reconnections. Applied text
   * is not, since a server that replays id-less events after every resume would otherwise keep
   * the client reconnecting forever (found by the fuzz suite).
   */
  get distinctIds(): number {
    return this.seen.size;
  }

  /** Whether the stream has carried ids, which makes it resumable. */
  get resumable(): boolean {
    return this.seen.size > 0 || this.lastEventId !== '';
  }

  /** A connection starts: it resumes after `lastEventId`, so nothing is skipped yet. */
  newConnection(): void {
    this.skipping = false;
  }

  /** Whether to apply `event`. */
  accept(event: ServerSentEvent, info: ServerSentEventInfo): boolean {
    if (info.hasOwnId && event.lastEventId !== '') {
      this.skipping = this.seen.has(event.lastEventId);
      this.seen.add(event.lastEventId);
    } else if (info.hasOwnId) {
      this.skipping = false; // an empty id resets: what follows is new
    }
    return !this.skipping;
  }
}
