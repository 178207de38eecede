import type { MarkdownPlugin } from '../core/markdown/plugins.js';

type Mermaid = typeof import('mermaid').default;

const MAX_CACHED = 50;
let counter = 0;

/** Light text means a dark background, whatever set it (`color-scheme`, the page's theme). */
function isDark(element: Element): boolean {
  const [r = 0, g = 0, b = 0] = (getComputedStyle(element).color.match(/[\d.]+/g) ?? []).map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 128;
}

/** The SVG's own title and description (Mermaid's `accTitle` / `accDescr`), if any. */
function accessibleText(svg: string): string {
  const parts = [/<title[^>]*>([^<]*)<\/title>/.exec(svg)?.[1], /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)?.[1]];
  return parts.filter(Boolean).join('. ');
}

/**
 * Mermaid diagrams for ```` ```mermaid ```` fences. Mermaid loads with the first diagram; a
 * diagram renders once its fence closes (while it streams, and if it does not parse, its source
 * shows as code).
 *
 * Sandboxed twice: Mermaid runs with `securityLevel: 'strict'` (its own sanitizing, no `click`
 * callbacks), and the SVG it returns is shown as an `<img>` (a `data:` URL), where a browser
 * runs no script, follows no link and loads nothing, whatever the model wrote. Pages with a
 * Content-Security-Policy need `img-src data:`.
 */
export function mermaid(): MarkdownPlugin {
  let library: Promise<Mermaid> | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const cache = new Map<string, Promise<unknown> | Element | null>();

  function render(source: string, dark: boolean, label: string): Promise<unknown> {
    library ??= import('mermaid').then((module) => module.default);
    // One diagram at a time: Mermaid's configuration is global.
    const key = `${dark ? 'D' : 'L'}${source}`;
    const done = (queue = queue.then(async () => {
      const api = await library!;
      api.initialize({
        startOnLoad: false,
        securityLevel: 'strict',
        theme: dark ? 'dark' : 'default',
        htmlLabels: false,
        maxTextSize: 50_000,
      });
      let node: Element | null = null;
      if (await api.parse(source, { suppressErrors: true })) {
        try {
          const { svg } = await api.render(`llm-chat-mermaid-${++counter}`, source);
          const box = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(svg);
          const figure = document.createElement('figure');
          figure.className = 'diagram';
          const img = document.createElement('img');
          img.alt = [label, accessibleText(svg)].filter(Boolean).join(': ');
          if (box) {
            img.width = Math.round(Number(box[1]));
            img.height = Math.round(Number(box[2]));
          }
          img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
          figure.append(img);
          node = figure;
        } catch {
          node = null; // Parsed but would not render: keep the source.
        }
      }
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(key, node);
    }));
    cache.set(key, done);
    return done;
  }

  return {
    name: 'mermaid',
    decorate(root, context) {
      const codes = root.querySelectorAll('pre > code.language-mermaid');
      if (codes.length === 0) return;
      const dark = isDark(context.host);
      const waits: Promise<unknown>[] = [];
      for (const code of codes) {
        const source = code.textContent ?? '';
        const cached = cache.get(`${dark ? 'D' : 'L'}${source}`);
        if (cached === null) continue;
        if (cached === undefined || cached instanceof Promise) {
          waits.push(cached ?? render(source, dark, context.strings.diagram ?? 'Diagram'));
          continue;
        }
        const pre = code.parentElement!;
        // A shown block's <pre> may already sit in its copy-button wrapper.
        (pre.parentElement?.classList.contains('code-block') ? pre.parentElement : pre).replaceWith(
          cached.cloneNode(true),
        );
      }
      // One promise when one thing is pending, so a frame that finds the same work adds no waiter.
      return waits.length > 1 ? Promise.all(waits) : waits[0];
    },
    css: `.diagram{margin:.75em 0;overflow-x:auto}.diagram img{display:block;max-width:100%;height:auto}`,
  };
}

export default mermaid;
