import type { MarkedExtension, Tokens } from 'marked';

// The math syntax as marked tokenizers: pure (no DOM, no KaTeX), so the pipeline can run it in
// Node and the placeholders are the same in a streamed and a restored message.
//
// Placeholders are what sanitized Markdown may hold anyway: `<code class="language-math">` for
// inline math and `<pre><code class="language-math">` for display math, the same as a ```math
// fence (GitHub's convention), so model HTML that forges one only asks for what `$…$` asks for.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escape = (text: string) => text.replace(/[&<>"]/g, (ch) => ESCAPES[ch]!);

/** A line that opens display math: `$$` or `\[` alone, or a whole `$$ … $$` / `\[ … \]` line. */
const OPENER = /^ {0,3}(?:\$\$|\\\[)[ \t]*$|^ {0,3}\$\$.+?\$\$[ \t]*$|^ {0,3}\\\[.+?\\\][ \t]*$/m;
const ONE_LINE = /^ {0,3}(?:\$\$(.+?)\$\$|\\\[(.+?)\\\])[ \t]*(?:\n|$)/;
const MULTI_LINE = /^ {0,3}(\$\$|\\\[)[ \t]*(?:\n|$)/;
/**
 * Inline: `\(…\)`, `$$…$$`, or `$…$` as Pandoc reads it: no space just inside the dollars and
 * no digit just after the closing one, so "$5 and $10" stays text. No line breaks inside.
 */
const INLINE =
  /^(?:\\\(((?:\\[^\n]|[^\\\n])+?)\\\)|\$\$((?:\\[^\n]|[^\\\n$])+?)\$\$|\$(?![\s$])((?:\\[^\n]|[^\\\n$])+?)(?<!\s)\$(?!\d))/;

interface MathToken extends Tokens.Generic {
  tex: string;
  /** A display block whose closing delimiter has not arrived (yet, or ever). */
  open?: boolean;
}

/**
 * Display math runs to its closing delimiter on a line of its own, or, like an unclosed code
 * fence, to the end of the text: a blank line inside a formula must not split it, or a block
 * frozen while it streams would differ from the one-shot render. Unclosed, it shows as code.
 */
function displayBlock(src: string): MathToken | undefined {
  const line = ONE_LINE.exec(src);
  if (line) return { type: 'mathBlock', raw: line[0], tex: (line[1] ?? line[2]!).trim() };
  const open = MULTI_LINE.exec(src);
  if (!open) return undefined;
  const close = open[1] === '$$' ? /^ {0,3}\$\$[ \t]*$/m : /^ {0,3}\\\][ \t]*$/m;
  const rest = src.slice(open[0].length);
  const end = close.exec(rest);
  if (!end) return { type: 'mathBlock', raw: src, tex: rest.replace(/\n$/, ''), open: true };
  const after = end.index + end[0].length + (rest[end.index + end[0].length] === '\n' ? 1 : 0);
  return {
    type: 'mathBlock',
    raw: src.slice(0, open[0].length + after),
    tex: rest.slice(0, end.index).replace(/\n$/, ''),
  };
}

/** The marked extension for `$…$`, `$$…$$`, `\(…\)` and `\[…\]`. */
export const mathSyntax: MarkedExtension = {
  extensions: [
    {
      name: 'mathBlock',
      level: 'block',
      start(src) {
        const index = src.search(OPENER);
        return index < 0 ? undefined : index;
      },
      tokenizer: displayBlock,
      renderer(token) {
        const { tex, open } = token as MathToken;
        return open
          ? `<pre><code>${escape(tex)}</code></pre>\n`
          : `<pre><code class="language-math">${escape(tex)}</code></pre>\n`;
      },
    },
    {
      name: 'math',
      level: 'inline',
      start(src) {
        const index = src.search(/\\\(|(?<!\\)\$/);
        return index < 0 ? undefined : index;
      },
      tokenizer(src) {
        const match = INLINE.exec(src);
        if (match) return { type: 'math', raw: match[0], tex: (match[1] ?? match[2] ?? match[3]!).trim() };
        return undefined;
      },
      renderer(token) {
        return `<code class="language-math">${escape((token as MathToken).tex)}</code>`;
      },
    },
  ],
};
