import { Lexer, Marked, Parser, type MarkedOptions, type Token, type TokensList } from 'marked';
import type { MarkdownPlugin } from './plugins.js';

/** A link reference definition as marked stores it, keyed by its normalized label. */
export type LinkDefinitions = Record<string, { href: string; title: string }>;

/** What the Markdown renders; every choice here also binds the one-shot render. */
export interface MarkdownRenderOptions {
  /**
   * Render `![alt](https://…)` as an image. Off, or for a URL that is not https, the alt text is
   * shown instead. (The sanitizer enforces the same rule on raw HTML `<img>`.)
   */
  images?: boolean;
  /** Plugins whose marked extensions take part in every lex and render (see `MarkdownPlugin`). */
  plugins?: readonly MarkdownPlugin[];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** True for an absolute https URL: the only kind an image may load from. */
export function isHttpsUrl(url: string): boolean {
  return /^https:\/\//i.test(url.trim());
}

function createOptions(images: boolean, plugins: readonly MarkdownPlugin[] = []): MarkedOptions {
  const instance = new Marked({
    gfm: true,
    breaks: false,
    renderer: {
      image(token) {
        // `false` hands the token to marked's own renderer.
        if (images && isHttpsUrl(token.href)) return false;
        return escapeHtml(token.text);
      },
    },
  });
  for (const plugin of plugins) if (plugin.markdown) instance.use(plugin.markdown);
  return instance.defaults;
}

type OptionPair = { on: MarkedOptions; off: MarkedOptions };
const OPTIONS: OptionPair = { on: createOptions(true), off: createOptions(false) };
/** One marked setup per plugin list (compared by identity: a new array is a new setup). */
const withPlugins = new WeakMap<readonly MarkdownPlugin[], OptionPair>();

function optionsFor(render: MarkdownRenderOptions): MarkedOptions {
  let pair = OPTIONS;
  const plugins = render.plugins;
  if (plugins?.length) {
    pair = withPlugins.get(plugins) ?? { on: createOptions(true, plugins), off: createOptions(false, plugins) };
    withPlugins.set(plugins, pair);
  }
  return render.images === false ? pair.off : pair.on;
}

/**
 * Lexes `src` (block and inline) knowing the link definitions found so far. A fresh lexer each
 * time: marked keeps per-run state (links, the inline queue) on it.
 */
export function lexMarkdown(src: string, links: LinkDefinitions, render: MarkdownRenderOptions): TokensList {
  const lexer = new Lexer(optionsFor(render));
  Object.assign(lexer.tokens.links, links);
  return lexer.lex(src);
}

/**
 * Lexes the blocks of `src` only; `inline()` then lexes their inline content (as `lex` does).
 * Deciding which blocks freeze needs no inline tokens, so a frame that freezes nothing and
 * shows a repaired tail skips the inline pass of the raw tail altogether.
 */
export function lexBlocks(src: string, links: LinkDefinitions, render: MarkdownRenderOptions): { tokens: TokensList; inline(): void } {
  const lexer = new Lexer(optionsFor(render));
  Object.assign(lexer.tokens.links, links);
  const tokens = lexer.blockTokens(src, lexer.tokens) as TokensList;
  return {
    tokens,
    inline() {
      for (const next of lexer.inlineQueue) {
        lexer.state.inRawBlock = false;
        lexer.inlineTokens(next.src, next.tokens);
      }
      lexer.inlineQueue = [];
    },
  };
}

export function renderTokens(tokens: Token[], render: MarkdownRenderOptions): string {
  return new Parser(optionsFor(render)).parse(tokens);
}

/** The reference: what marked renders for the whole text in one go, with the same options. */
export function renderWhole(src: string, render: MarkdownRenderOptions = {}): string {
  return renderTokens(lexMarkdown(src, {}, render), render);
}

/** Calls `visit` on every token, depth first (children, list items, table cells). */
export function walkTokens(tokens: readonly Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const t = token as Token & { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
    if (t.tokens) walkTokens(t.tokens, visit);
    if (t.items) walkTokens(t.items, visit);
    if (t.header) for (const cell of t.header) walkTokens(cell.tokens, visit);
    if (t.rows) for (const row of t.rows) for (const cell of row) walkTokens(cell.tokens, visit);
  }
}
