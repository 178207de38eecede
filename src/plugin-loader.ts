import type { MarkdownPlugin } from './core/markdown/plugins.js';

// Where this module was loaded from: a module's own URL, or for the IIFE build (a classic
// script, where the bundler empties `import.meta`) its <script> element's, read while it runs.
const base =
  (typeof document !== 'undefined' && (document.currentScript as HTMLScriptElement | null)?.src) || import.meta.url;

/**
 * Loads a first-party plugin by name from the `plugins/` folder beside this module: in the
 * script-tag build that is `dist/browser/plugins/`, on the same CDN path as the element; from
 * npm without a bundler, `dist/plugins/` (which imports the libraries by their bare names, so
 * it needs an import map). With a bundler, import the plugin instead: a bundler cannot follow
 * this computed URL.
 */
export async function loadPlugin(name: string): Promise<MarkdownPlugin> {
  if (!/^[a-z-]+$/.test(name)) throw Error(name);
  return (
    (await import(/* @vite-ignore */ new URL(`plugins/${name}.js`, base).href)) as { default: () => MarkdownPlugin }
  ).default();
}
