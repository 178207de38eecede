import type { MarkdownPlugin, PluginContext, PluginStrings } from '../core/markdown/plugins.js';
import { sanitizeToFragment } from './sanitizer.js';

/**
 * Runs the plugins' DOM step for one message: on every sanitized fragment before it is shown,
 * and again on the shown content once work a plugin started (a library or a language loading, a
 * diagram rendering) settles. A plugin that throws leaves its placeholders as they are.
 */
export class PluginRunner {
  private readonly waiting = new Set<Promise<unknown>>();
  private readonly seen = new WeakSet<Promise<unknown>>();
  private readonly context: PluginContext;

  constructor(
    private readonly plugins: readonly MarkdownPlugin[],
    private readonly container: HTMLElement,
    strings: PluginStrings = {},
  ) {
    this.context = {
      trustedFragment: (html) => sanitizeToFragment(html, { keepClasses: true }),
      host: container,
      strings,
    };
  }

  decorate(root: DocumentFragment | Element): void {
    for (const plugin of this.plugins) {
      try {
        const pending = plugin.decorate?.(root, this.context);
        if (!pending || this.seen.has(pending)) continue;
        this.seen.add(pending);
        const done: Promise<unknown> = pending
          .then(() => this.decorate(this.container))
          .catch(console.error)
          .finally(() => this.waiting.delete(done));
        this.waiting.add(done);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Resolves once no plugin work started for this message is pending. */
  async settled(): Promise<void> {
    while (this.waiting.size > 0) await Promise.allSettled([...this.waiting]);
  }
}
