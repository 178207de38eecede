/**
 * Main-thread time that the frame callbacks of all elements on a page may spend in one frame
 * before the rest wait for the next frame. A frame is 16.7 ms at 60 Hz; this leaves the browser
 * room for style, layout and paint. One callback always runs per frame, so every element makes
 * progress however slow one render is.
 */
export const FRAME_BUDGET_MS = 10;

/** The frame being run: its timestamp, when our first callback in it started, how many ran. */
let frame = { timestamp: Number.NaN, start: 0, ran: 0 };

/**
 * Runs `work` in an animation frame, but leaves it to the next frame when other callbacks
 * scheduled here have already used this frame's budget. Twenty elements streaming at once would
 * otherwise all render in the same frame: one task of 20 Markdown renders and 20 layouts, well
 * past the 50 ms a long task is. Spread over frames, each task stays near the budget and each
 * element still updates every few frames.
 *
 * The measure includes the host updates a callback triggers: Lit updates run in the microtask
 * checkpoint that follows each animation-frame callback, before the next one starts. A deferred
 * callback asks again from inside the frame, so it runs first in the next one.
 *
 * Returns a function that cancels the callback, wherever it is.
 */
export function requestBudgetedFrame(work: () => void): () => void {
  let handle = 0;
  const callback = (timestamp: number) => {
    const now = performance.now();
    if (timestamp !== frame.timestamp) frame = { timestamp, start: now, ran: 0 };
    if (frame.ran > 0 && now - frame.start >= FRAME_BUDGET_MS) {
      handle = requestAnimationFrame(callback);
      return;
    }
    frame.ran++;
    work();
  };
  handle = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(handle);
}

/** Shortest time between two text updates of one element: 30 per second. */
export const MIN_TEXT_INTERVAL_MS = 33;
/** Longest: 10 per second, for a render that costs a lot (a huge open block on a slow device). */
export const MAX_TEXT_INTERVAL_MS = 100;
/** The share of the main thread that one element's text updates aim to stay under. */
const TEXT_SHARE = 0.2;

/**
 * The pace of text updates of one streaming element, for a human reader: text appears at most
 * 30 times a second (a reader sees no difference between 30 and 60 updates of running text; the
 * page's main thread does), and less often when each update is costly, so that updates take at
 * most about a fifth of the main thread: the interval is five times the measured cost of an
 * update (its render, and the layout the scroll anchor reads), between 33 and 100 ms. At
 * 100 tokens/s (about 400 characters/s) an update adds 13 to 40 characters: less than a line.
 * The caller shows the last bytes of an answer at once, without waiting for the pace.
 */
export class TextCadence {
  /** A smoothed cost of one update, in ms. */
  private cost = 0;
  private lastAt = Number.NEGATIVE_INFINITY;

  /** The time between two updates now. */
  get intervalMs(): number {
    return Math.min(MAX_TEXT_INTERVAL_MS, Math.max(MIN_TEXT_INTERVAL_MS, this.cost / TEXT_SHARE));
  }

  /** How long to wait, from `now`, before the next update may run. */
  delay(now: number): number {
    return Math.max(0, this.lastAt + this.intervalMs - now);
  }

  /** An update started at `start` and its work ended at `end`. */
  measured(start: number, end: number): void {
    this.lastAt = start;
    const cost = end - start;
    // Rises at once on a costly update (a stall is seen on the next one), falls back slowly.
    this.cost = cost > this.cost ? cost : this.cost * 0.8 + cost * 0.2;
  }

  /** Starts over (a new answer): the first text shows at once. */
  reset(): void {
    this.cost = 0;
    this.lastAt = Number.NEGATIVE_INFINITY;
  }
}

/**
 * Runs `work` in a budgeted animation frame (see `requestBudgetedFrame`) no sooner than `delayMs`
 * from now. A timer waits out the delay (less half a frame, since the frame comes after it), so
 * no frame is asked for while there is nothing to show. Returns a function that cancels it.
 */
export function requestFrameAfter(delayMs: number, work: () => void): () => void {
  if (delayMs <= 8) return requestBudgetedFrame(work);
  let cancelFrame: (() => void) | undefined;
  const timer = setTimeout(() => (cancelFrame = requestBudgetedFrame(work)), delayMs - 8);
  return () => {
    clearTimeout(timer);
    cancelFrame?.();
  };
}

/**
 * Resolves in a new task. A MessageChannel message, not `setTimeout(0)`: browsers throttle
 * timers in background tabs to once a second or less, but not messages.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
