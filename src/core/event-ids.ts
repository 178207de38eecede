import type { ServerSentEvent, ServerSentEventInfo } from './sse.js';
import type { StreamPart } from './stream-parts.js';

/** On a resumed connection, how much already-shown text must come again to count as a restart. */
const RESTART_PROBE = 32;

/**
 * Keeps one resumable answer consistent across reconnections: which SSE event ids were applied
 * and where their text went, so that what a server replays is never shown twice, and a server
 * that starts the answer over is caught rather than appended.
 *
 * - An event whose own `id` was already applied is a replay: its text, and that of the id-less
 *   events after it, must equal the text shown there, and is skipped. A replay whose text differs
 *   (the ids restarted over a new generation) is a restart.
 * - On a resumed connection, new text that begins as the answer began (its first 32 characters)
 *   is a restart too: a server that ignores `Last-Event-ID` and renumbers its events. That text
 *   is held back until it is known not to be one.
 * A restart ends the answer: the filter returns an `incomplete` error part and `restarted` is set.
 */
export class EventIdTracker {
  /** Where in the answer's text each applied id's text began. */
  private readonly offsets = new Map<string, number>();
  /** The answer's text as applied through this tracker. */
  private shown = '';
  private connections = 0;
  /** While replaying: where in `shown` the replayed text must continue. */
  private cursor: number | undefined;
  /** On a resumed connection: new text not yet known not to restart the answer. */
  private held = '';
  private probing = false;
  /** The server started the answer over: nothing more of it may be applied. */
  restarted = false;
  /** The id to send as `Last-Event-ID`: the parser's committed id, kept across connections. */
  lastEventId = '';

  /**
   * How many distinct ids were seen: the measure of progress across reconnections. Applied text
   * is not, since a server that replays id-less events after every resume would otherwise keep
   * the client reconnecting forever (found by the fuzz suite).
   */
  get distinctIds(): number {
    return this.offsets.size;
  }

  /** Whether the stream has carried ids, without which there is nothing to resume from. */
  get hasIds(): boolean {
    return this.offsets.size > 0 || this.lastEventId !== '';
  }

  /** A connection starts; from the second on it resumes after `lastEventId`. */
  newConnection(): void {
    this.connections++;
    this.cursor = undefined;
    this.held = '';
    // A shorter answer is not probed: its continuation may begin as it did by chance ("#", "##").
    this.probing = this.connections > 1 && this.shown.length >= RESTART_PROBE;
  }

  /** The parts of one event as they are to be applied (see the class comment). */
  filter(parts: StreamPart[], event: ServerSentEvent, info: ServerSentEventInfo): StreamPart[] {
    if (this.restarted) return [];
    if (info.hasOwnId && event.lastEventId !== '') {
      const offset = this.offsets.get(event.lastEventId);
      if (offset !== undefined) this.cursor = offset;
      else {
        this.cursor = undefined;
        this.offsets.set(event.lastEventId, this.shown.length + this.held.length);
      }
    } else if (info.hasOwnId) {
      this.cursor = undefined; // an empty id resets: what follows is new
    }
    const out: StreamPart[] = [];
    for (const part of parts) {
      if (part.type !== 'text') {
        out.push(...this.release(), part);
        continue;
      }
      if (this.cursor !== undefined) {
        if (this.shown.slice(this.cursor, this.cursor + part.text.length) !== part.text) return this.restart();
        this.cursor += part.text.length;
        continue;
      }
      if (this.probing) {
        this.held += part.text;
        if (!this.shown.startsWith(this.held.slice(0, RESTART_PROBE))) out.push(...this.release());
        else if (this.held.length >= RESTART_PROBE) return this.restart();
        continue;
      }
      this.shown += part.text;
      out.push(part);
    }
    return out;
  }

  /** Text held back on a resumed connection, now known to be new (or the connection ended). */
  release(): StreamPart[] {
    this.probing = false;
    if (this.held === '') return [];
    const text = this.held;
    this.held = '';
    this.shown += text;
    return [{ type: 'text', text }];
  }

  private restart(): StreamPart[] {
    this.restarted = true;
    this.held = '';
    return [
      {
        type: 'error',
        reason: 'incomplete',
        message: 'The chat server started the answer over instead of resuming it, so the answer stops here.',
        code: 'restarted',
      },
    ];
  }
}
