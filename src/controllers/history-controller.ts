import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { HistoryWriter, defaultHistoryStorage, loadHistory, type HistoryStorage } from '../core/history-storage.js';
import type { ChatMessage } from '../core/messages.js';

export interface HistoryOptions {
  /** The storage key; nothing is stored while it is empty. */
  key: () => string | null | undefined;
  /** The conversation to save. */
  messages: () => readonly ChatMessage[];
  /** Whether an answer is streaming: saves are then spaced out by `throttleMs`. */
  busy: () => boolean;
  /** Where to store; defaults to `localStorage` (looked up when used, never at import). */
  storage?: () => HistoryStorage | undefined;
  /** Minimum time between saves while an answer streams. Default 1000 ms. */
  throttleMs?: number;
}

/**
 * Keeps a host's conversation in Web Storage. Saves at once when the conversation changes while
 * idle, at most once per `throttleMs` while an answer streams, and flushes a pending save when the
 * page is hidden or left and when the host is removed, so a reload mid-answer keeps the partial
 * text. While an answer streams, a save writes only the text added since the previous one (see
 * `HistoryWriter`): serializing a long conversation whole once a second cost milliseconds of
 * main thread each time, growing with the conversation.
 */
export class HistoryController implements ReactiveController {
  private timer?: ReturnType<typeof setTimeout>;
  private dirty = false;
  private writer?: { key: string; storage: HistoryStorage | undefined; writer: HistoryWriter };

  constructor(
    host: ReactiveControllerHost,
    private readonly options: HistoryOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('pagehide', this.flush);
    document.addEventListener('visibilitychange', this.onVisibilityChange);
  }

  hostDisconnected(): void {
    this.flush();
    window.removeEventListener('pagehide', this.flush);
    document.removeEventListener('visibilitychange', this.onVisibilityChange);
  }

  /** The conversation stored under the current key (settled: see `settleMessages`), if any. */
  load(): ChatMessage[] | undefined {
    const key = this.options.key();
    if (!key) return undefined;
    // A save still pending belongs to the previous key; it must not land under this one.
    this.cancel();
    this.dirty = false;
    this.writer = undefined;
    return loadHistory(this.storage(), key);
  }

  /** Notes that the conversation changed: saves now, or soon while an answer streams. */
  changed(): void {
    if (!this.options.key()) return;
    this.dirty = true;
    if (!this.options.busy()) this.flush();
    else this.timer ??= setTimeout(this.flush, this.options.throttleMs ?? 1000);
  }

  /** Writes a pending save now. */
  readonly flush = (): void => {
    this.cancel();
    if (!this.dirty) return;
    this.dirty = false;
    const key = this.options.key();
    if (key) this.writerFor(key).save(this.options.messages());
  };

  /** The writer for `key` and the current storage; a new one (a whole save first) when either changed. */
  private writerFor(key: string): HistoryWriter {
    const storage = this.storage();
    if (this.writer?.key !== key || this.writer.storage !== storage) {
      this.writer = { key, storage, writer: new HistoryWriter(storage, key) };
    }
    return this.writer.writer;
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private storage(): HistoryStorage | undefined {
    return this.options.storage ? this.options.storage() : defaultHistoryStorage();
  }

  private readonly onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') this.flush();
  };
}
