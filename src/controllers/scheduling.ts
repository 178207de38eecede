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
