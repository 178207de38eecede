// A long fenced code block is one Markdown block until its closing fence arrives: re-lexing it
// on every frame would make a 30 KB code block cost O(n²). While the live tail is exactly one
// open fence, the pipeline feeds it new text line by line instead and shows its code as text.

/** The state of an open fenced code block. */
export interface OpenFence {
  readonly char: '`' | '~';
  readonly length: number;
  /** Indentation of the opening fence, removed from each code line (as CommonMark says). */
  readonly indent: number;
  /** The first word of the info string, as the language. */
  readonly lang: string;
  /** Complete code lines so far, each ending in `\n`. Grows by appending only. */
  code: string;
  /** The complete lines the last feed added to `code`. */
  added: string;
  /** The incomplete last line. */
  partial: string;
}

const OPENING = /^( {0,3})(`{3,}(?=[^`\n]*\n)|~{3,})([^\n]*)\n/;

/**
 * If `src` starts with a fenced code block whose opening line is complete and that is not
 * closed anywhere in `src`, returns its state; otherwise undefined.
 */
export function openFence(src: string): OpenFence | undefined {
  const match = OPENING.exec(src);
  if (!match) return undefined;
  const fence: OpenFence = {
    char: match[2]![0] as '`' | '~',
    length: match[2]!.length,
    indent: match[1]!.length,
    lang: (match[3]!.trim().match(/^\S*/)?.[0] ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1'),
    code: '',
    added: '',
    partial: '',
  };
  return feedFence(fence, src.slice(match[0].length)) ? undefined : fence;
}

function isClosing(fence: OpenFence, line: string): boolean {
  const match = /^ {0,3}(`+|~+) *$/.exec(line);
  return !!match && match[1]![0] === fence.char && match[1]!.length >= fence.length;
}

function stripIndent(fence: OpenFence, line: string): string {
  let n = 0;
  while (n < fence.indent && line.charCodeAt(n) === 32) n++;
  return line.slice(n);
}

/** Feeds new text into the fence; returns true when a closing fence line is complete in it. */
export function feedFence(fence: OpenFence, text: string): boolean {
  const lines = (fence.partial + text).split('\n');
  fence.partial = lines.pop()!;
  fence.added = '';
  let code = '';
  for (const line of lines) {
    if (isClosing(fence, line)) return true;
    code += stripIndent(fence, line) + '\n';
  }
  fence.code += code;
  fence.added = code;
  return false;
}

/**
 * The incomplete last line as shown: hidden while it may still become the closing fence (then
 * showing it would flash a ``` that is about to vanish).
 */
export function fencePartialText(fence: OpenFence): string {
  const mayClose = new RegExp(`^ {0,3}\\${fence.char}* *$`).test(fence.partial);
  return mayClose ? '' : stripIndent(fence, fence.partial);
}
