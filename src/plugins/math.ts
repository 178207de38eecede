import type { KatexOptions } from 'katex';
import type { MarkdownPlugin } from '../core/markdown/plugins.js';
import { mathSyntax } from './math-syntax.js';

/** Options of {@link math}. */
export interface MathOptions {
  /** KaTeX macros, such as `{ '\\RR': '\\mathbb{R}' }`. */
  macros?: Record<string, string>;
}

type Katex = typeof import('katex').default;

/** Rendered formulas by source, shared by every message: a formula renders once per page. */
const MAX_CACHED = 500;

/**
 * Math with KaTeX: `$…$` and `\(…\)` inline, `$$…$$`, `\[…\]` and ```` ```math ```` fences as
 * display math. KaTeX loads with the first formula. A formula renders once it is closed; while
 * it streams (and if it does not parse) it shows as its source in code style, never as an error.
 *
 * Output is MathML only: every current browser draws it natively (no fonts or CSS to load into
 * the shadow root) and screen readers read it. KaTeX runs with `trust: false` (no `\href`,
 * `\url`, `\htmlClass`, `\includegraphics`…) and limits on size and macro expansion.
 */
export function math(options: MathOptions = {}): MarkdownPlugin {
  let katex: Katex | undefined;
  let loading: Promise<unknown> | undefined;
  const cache = new Map<string, Element | null>();
  const settings: KatexOptions = {
    output: 'mathml',
    throwOnError: true,
    trust: false,
    strict: 'ignore',
    maxSize: 50,
    maxExpand: 500,
    macros: { ...options.macros },
  };

  function render(tex: string, display: boolean): Element | null {
    const key = `${display ? 'D' : 'I'}${tex}`;
    let node = cache.get(key);
    if (node === undefined) {
      const host = document.createElement(display ? 'div' : 'span');
      host.className = display ? 'math math-display' : 'math';
      try {
        // Builds DOM nodes itself (no HTML parsing): trusted code turning model text into MathML.
        // A copy of the macros, since \gdef in one formula would otherwise define them for all.
        katex!.render(tex, host, { ...settings, displayMode: display, macros: { ...settings.macros } });
        node = host;
      } catch {
        node = null; // Not valid TeX (yet): the source stays shown as code.
      }
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
      cache.set(key, node);
    }
    return node;
  }

  return {
    name: 'math',
    markdown: mathSyntax,
    decorate(root) {
      const codes = root.querySelectorAll('code.language-math');
      if (codes.length === 0) return;
      if (!katex) return (loading ??= import('katex').then((module) => (katex = module.default)));
      for (const code of codes) {
        const pre = code.parentElement?.tagName === 'PRE' ? code.parentElement : null;
        const node = render(code.textContent ?? '', !!pre);
        if (!node) continue;
        // A shown block's <pre> may already sit in its copy-button wrapper.
        const target = pre ? (pre.parentElement?.classList.contains('code-block') ? pre.parentElement : pre) : code;
        target.replaceWith(node.cloneNode(true));
      }
    },
    css: `.math-display{display:block;overflow-x:auto;overflow-y:hidden;margin:.75em 0;padding:.25em 0}
.math-display math{font-size:1.15em}.math math{font-size:1.05em}`,
  };
}

export default math;
