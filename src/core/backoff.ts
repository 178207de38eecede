/** Timing helpers for reconnecting: backoff with jitter, `Retry-After`, abortable waits. */

/** What reconnection waits are made of. */
export interface BackoffOptions {
  /** The first delay, in ms; a stream's `retry:` field replaces it. */
  base: number;
  /** The longest delay, in ms. */
  max: number;
  /** A number in [0, 1); Math.random by default (tests pass a seeded one). */
  random?: () => number;
}

/**
 * The delay before attempt `attempt` (0-based): exponential from `base`, capped at `max`, with
 * "equal jitter" (between half and all of it) so that many clients dropped together by one
 * server restart do not come back in the same millisecond.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.max, options.base * 2 ** Math.min(attempt, 30));
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * A `Retry-After` header in ms: delta-seconds or an HTTP date. Undefined when absent or invalid.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`, or rejects with the abort reason as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Knows whether the device is online and waits until it is. */
export interface OnlineStatus {
  isOnline(): boolean;
  /** Resolves at the next `online` event; rejects when `signal` aborts. */
  waitUntilOnline(signal?: AbortSignal): Promise<void>;
}

/**
 * The browser's `navigator.onLine` and `online` event. Where there is neither (Node), the device
 * counts as always online. Read at call time, never at import time.
 */
export const browserOnlineStatus: OnlineStatus = {
  isOnline: () => (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine !== false,
  waitUntilOnline(signal?: AbortSignal): Promise<void> {
    const target = globalThis as Partial<Pick<EventTarget, 'addEventListener' | 'removeEventListener'>>;
    if (typeof target.addEventListener !== 'function') return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const done = () => {
        target.removeEventListener!('online', done);
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        target.removeEventListener!('online', done);
        reject(signal!.reason);
      };
      target.addEventListener!('online', done);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};
