import type { Token } from 'marked';
import { walkTokens } from './marked-setup.js';

// Raw HTML that opens a tag in one block and closes it in a later one (`<div>` … blank line …
// `</div>`) must be sanitized as one piece, or the HTML parser closes the tag early in the
// streamed render but not in a one-shot render. Blocks are therefore grouped until the raw
// tags they hold balance.

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?(\/?)>/g;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/** Open minus closed non-void tags in the raw HTML of `token` (never below zero). */
export function tagBalance(token: Token, start = 0): number {
  let balance = start;
  walkTokens([token], (t) => {
    if (t.type !== 'html') return;
    const text = (t as { text: string }).text.replace(COMMENT, '');
    for (const match of text.matchAll(TAG)) {
      const [, closing, name, selfClosing] = match;
      if (VOID.has(name!.toLowerCase()) || selfClosing) continue;
      balance = closing ? Math.max(0, balance - 1) : balance + 1;
    }
  });
  return balance;
}

/** Whether any raw HTML is in the token. */
export function hasRawHtml(token: Token): boolean {
  let found = false;
  walkTokens([token], (t) => {
    if (t.type === 'html') found = true;
  });
  return found;
}
