import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { MarkdownPlugin, PluginSpec } from '../core/markdown/plugins.js';
import { loadPlugin } from '../plugin-loader.js';


/** Each plugin's CSS, parsed once per page. */
const sheets = new WeakMap<MarkdownPlugin, CSSStyleSheet>();
const NONE: readonly PluginSpec[] = [];

/**
 * Owns the element's active plugins: resolves `plugins` (loading named ones) and adopts each
 * plugin's CSS into the shadow root. `active` changes identity only when the list does, since a
 * new list renders every message again. A plugin that fails to load is left out, with an error
 * in the console; the answers render without it.
 */
export class PluginsController implements ReactiveController {
  active: readonly MarkdownPlugin[] = [];
  private from: readonly PluginSpec[] | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly specs: () => readonly PluginSpec[] | undefined,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    const specs = this.specs() ?? NONE;
    if (specs === this.from) return;
    this.from = specs;
    // Plugin objects apply to this very update; names load first.
    if (!specs.some((spec) => typeof spec === 'string')) return this.use(specs as MarkdownPlugin[]);
    void Promise.all(
      specs.map((spec) =>
        typeof spec === 'string' ? loadPlugin(spec).catch((error: unknown) => console.error(error)) : spec,
      ),
    ).then((plugins) => {
      if (this.from !== specs) return;
      this.use(plugins.filter((plugin): plugin is MarkdownPlugin => !!plugin));
      this.host.requestUpdate();
    });
  }

  private use(plugins: readonly MarkdownPlugin[]): void {
    this.active = plugins;
    const root = this.host.shadowRoot!;
    for (const plugin of plugins) {
      if (!plugin.css) continue;
      let sheet = sheets.get(plugin);
      if (!sheet)
        sheets
          .set(plugin, (sheet = new CSSStyleSheet()))
          .get(plugin)!
          .replaceSync(plugin.css);
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }
}
