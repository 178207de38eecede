import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Writes `text` to the clipboard; resolves to whether it worked (no permission, an insecure
 * context). The one clipboard path: message copy and code-block copy both come here.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Copies text to the clipboard and remembers, for a moment, what was copied last, so a
 * "Copy" button can say "Copied". The timer is cleared when the host is removed.
 */
export class ClipboardController implements ReactiveController {
  /** The id given with the last successful copy, for `resetMs` after it. */
  copiedId: string | undefined;
  private timer?: ReturnType<typeof setTimeout>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly resetMs = 2000,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.copiedId = undefined;
  }

  /** Writes `text` to the clipboard; resolves to whether it worked (permissions, insecure origins). */
  async copy(id: string, text: string): Promise<boolean> {
    if (!(await copyText(text))) return false;
    this.copiedId = id;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.copiedId = undefined;
      this.host.requestUpdate();
    }, this.resetMs);
    this.host.requestUpdate();
    return true;
  }
}
