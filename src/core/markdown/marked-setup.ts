import { Lexer, Marked, Parser, type MarkedOptions, type Token, type TokensList } from 'marked';

/** A link reference definition as marked stores it, keyed by its normalized label. */
export type LinkDefinitions = Record<string, { href: string; title: string }>;

/** What the Markdown renders; every choice here also binds the one-shot render. */
export interface MarkdownRenderOptions {
  /**
   * Render `![alt](https://…)` as an image. Off, or for a URL that is not https, the alt text is
   * shown instead. (The sanitizer enforces the same rule on raw HTML `<img>`.)
   */
  images?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** True for an absolute https URL: the only kind an image may load from. */
export function isHttpsUrl(url: string): boolean {
  return /^https:\/\//i.test(url.trim());
}

function createOptions(images: boolean): MarkedOptions {
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
  return instance.defaults;
}

const OPTIONS = { on: createOptions(true), off: createOptions(false) };

function optionsFor(render: MarkdownRenderOptions): MarkedOptions {
  return render.images === false ? OPTIONS.off : OPTIONS.on;
}

/**
 * How deep blocks (quotes, list items) and inline spans (emphasis, link text) may nest. marked
 * lexes nesting by recursion: about 2,500 levels of `>` overflow the stack. Past this depth the
 * rest is one plain-text token marked `guard`, and the pipeline shows the block as plain text.
 */
export const MAX_DEPTH = 100;
/**
 * Emphasis delimiter runs one inline span may hold: marked's delimiter matching is quadratic in
 * them (`**a` × 50,000 took 5 s). An answer needs a few hundred at most.
 */
export const MAX_DELIMITERS = 2000;

/** A token that stands for text past a limit: rendered escaped, never lexed further. */
function guardToken(src: string, block: boolean): Token {
  const text = { type: 'text', raw: src, text: src, escaped: false, guard: true } as Token;
  return block ? ({ type: 'paragraph', raw: src, text: src, tokens: [text], guard: true } as Token) : text;
}

function delimiterRuns(src: string, limit: number): boolean {
  let runs = 0;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    // * _ ~
    if ((c === 42 || c === 95 || c === 126) && src.charCodeAt(i - 1) !== c && ++runs > limit) return true;
  }
  return false;
}

type BlockTokens = (src: string, tokens?: Token[], lastParagraphClipped?: boolean) => Token[];
type InlineTokens = (src: string, tokens?: Token[]) => Token[];

/** A lexer whose recursion stops at {@link MAX_DEPTH} and whose inline spans stop at {@link MAX_DELIMITERS}. */
function guardedLexer(options: MarkedOptions, links: LinkDefinitions): Lexer {
  const lexer = new Lexer(options);
  // Own properties: marked finds reference links with Object.keys (a prototype would hide them).
  Object.assign(lexer.tokens.links, links);
  const blockTokens = lexer.blockTokens.bind(lexer) as BlockTokens;
  const inlineTokens = lexer.inlineTokens.bind(lexer) as InlineTokens;
  let blockDepth = 0;
  let inlineDepth = 0;
  (lexer as unknown as { blockTokens: BlockTokens }).blockTokens = (src, tokens = [], clipped) => {
    if (blockDepth >= MAX_DEPTH) {
      tokens.push(guardToken(src, true));
      return tokens;
    }
    blockDepth++;
    try {
      return blockTokens(src, tokens, clipped);
    } finally {
      blockDepth--;
    }
  };
  (lexer as unknown as { inlineTokens: InlineTokens }).inlineTokens = (src, tokens = []) => {
    if (inlineDepth >= MAX_DEPTH || delimiterRuns(src, MAX_DELIMITERS)) {
      tokens.push(guardToken(src, false));
      return tokens;
    }
    inlineDepth++;
    try {
      return inlineTokens(src, tokens);
    } finally {
      inlineDepth--;
    }
  };
  return lexer;
}

/** Whether lexing went past a limit somewhere in `tokens` (see {@link MAX_DEPTH}). */
export function hasGuard(tokens: readonly Token[]): boolean {
  let found = false;
  walkTokens(tokens, (token) => {
    if ((token as { guard?: boolean }).guard) found = true;
  });
  return found;
}

/**
 * Lexes `src` (block and inline) knowing the link definitions found so far. A fresh lexer each
 * time: marked keeps per-run state (links, the inline queue) on it.
 */
export function lexMarkdown(src: string, links: LinkDefinitions, render: MarkdownRenderOptions): TokensList {
  return guardedLexer(optionsFor(render), links).lex(src);
}

/**
 * Lexes the blocks of `src` only; `inline()` then lexes their inline content (as `lex` does).
 * Deciding which blocks freeze needs no inline tokens, so a frame that freezes nothing and
 * shows a repaired tail skips the inline pass of the raw tail altogether.
 */
export function lexBlocks(src: string, links: LinkDefinitions, render: MarkdownRenderOptions): { tokens: TokensList; inline(): void } {
  const lexer = guardedLexer(optionsFor(render), links);
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
