// Display-only repair of the live tail: while a block is still being written, hide or complete
// the syntax that a later chunk would make disappear, so raw `**`, a half link or a table's
// header pipes never flash. Frozen blocks and the final render never go through here.
//
// We evaluated `remend` (Vercel) for the inline part and wrote our own instead: in remend 1.4,
// `text **`, `text *` and `` x ` `` keep the bare marker, `a **b *c` keeps a raw `**`, a
// marker-only line gains a zero-width space and stays visible, and single tildes are escaped so
// `H~2~O` renders differently from the final text. Those are the cases this module is for.

const BLOCK_START = /^[ \t]{0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|#{1,6}(?:[ \t]|$)|>|\|)/;
const FENCE_LINE = /^(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)*)[ \t]*(`{3,}|~{3,})/;
const BREAK_LINE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|(?:\*[ \t]*){3,}|=+[ \t]*)$/;
const CONTAINERS = /^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*/;
const MARKER_ONLY = /^(?:[-*+=#`~_|]+|\d{1,9}[.)]?|\[[ xX]?\]?)[ \t]*$/;
const TABLE_ROW = /^[ \t]*\|/;
const DELIMITER_ROW = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const PARTIAL_DELIMITER = /^[ \t]*[|:\- \t]*$/;

/** Returns the text to display for the live tail `src`. */
export function repairTail(src: string): string {
  const lines = src.split('\n');
  // 1. Fences: inside an open one, only a half-typed closing fence is hidden.
  let fence: string | undefined;
  let afterFence = 0;
  for (let i = 0; i < lines.length; i++) {
    const match = FENCE_LINE.exec(lines[i]!);
    if (!match) continue;
    if (fence === undefined) fence = match[1];
    else if (match[1]![0] === fence[0] && match[1]!.length >= fence.length && /^[`~]+[ \t]*$/.test(lines[i]!.slice(match.index + match[0].length - match[1]!.length))) {
      fence = undefined;
      afterFence = i + 1;
    }
  }
  const last = lines.length - 1;
  if (fence !== undefined) {
    if (/^[ \t>]*[`~]*[ \t]*$/.test(lines[last]!)) lines[last] = '';
    return lines.join('\n');
  }
  // 2. A last line that is only a block marker (`#`, `-`, `1.`, `>`, `=`, a half fence) is hidden.
  if (last >= afterFence) lines[last] = hideMarkerLine(lines[last]!);
  // 3. Tables: a half row is hidden; a header row is held until its delimiter row is complete.
  if (TABLE_ROW.test(lines[last]!)) lines[last] = '';
  if (last >= 1 && PARTIAL_DELIMITER.test(lines[last]!) && TABLE_ROW.test(lines[last - 1]!)) {
    const isHeader = last < 2 || !TABLE_ROW.test(lines[last - 2]!);
    if (isHeader && !DELIMITER_ROW.test(lines[last]!) || isHeader && lines[last] === '') {
      lines[last - 1] = '';
      lines[last] = '';
    }
  }
  // 4. Inline syntax of the last paragraph-like run.
  let start = Math.max(afterFence, 0);
  for (let i = last; i >= afterFence; i--) {
    const line = lines[i]!;
    if (i < last && line.trim() === '') { start = i + 1; break; }
    if (i < last && BREAK_LINE.test(line)) { start = i + 1; break; }
    if (BLOCK_START.test(line) || i === afterFence) { start = i; break; }
  }
  if (TABLE_ROW.test(lines[start] ?? '')) return lines.join('\n');
  const before = lines.slice(0, start).join('\n');
  const run = lines.slice(start).join('\n');
  const prefix = CONTAINERS.exec(run)?.[0] ?? '';
  const fixed = prefix + repairInline(run.slice(prefix.length));
  // Hiding inline syntax may leave a bare marker (`1. <kb` becomes `1.`): hide that too.
  const cut = fixed.lastIndexOf('\n') + 1;
  const shown = fixed.slice(0, cut) + hideMarkerLine(fixed.slice(cut));
  return start > 0 ? `${before}\n${shown}` : shown;
}

function hideMarkerLine(line: string): string {
  const rest = line.replace(CONTAINERS, '');
  return (rest === '' ? line !== '' : MARKER_ONLY.test(rest)) ? '' : line;
}

const PUNCT = /[\p{P}\p{S}]/u;
const SPACE = /\s/;

interface Opener { ch: string; len: number; at: number }

/** A character where inline syntax may start (see the branches of `repairInline`). */
const PLAIN = /[\\`<[!*_~]/g;

/**
 * For every `[` in `s`, the index of the `]` closing it (nested pairs counted, escapes and code
 * spans skipped), or -1: one pass over the tail. Scanning ahead from each `[` instead cost the
 * tail's length per unmatched `[`, so a paragraph of `[` kept the main thread busy with 1.7 s
 * tasks.
 */
function closingBrackets(s: string): Int32Array {
  const close = new Int32Array(s.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '`') i = skipCode(s, i) - 1;
    else if (c === '[') open.push(i);
    else if (c === ']' && open.length > 0) close[open.pop()!] = i;
  }
  return close;
}

/** Index after the code span starting at `i`, or after its backtick run if it never closes. */
function skipCode(s: string, i: number): number {
  let run = 1;
  while (s[i + run] === '`') run++;
  const fence = '`'.repeat(run);
  let from = i + run;
  for (;;) {
    const close = s.indexOf(fence, from);
    if (close === -1) return i + run;
    let end = close + run;
    while (s[end] === '`') end++;
    if (end - close === run) return end;
    from = end;
  }
}

/** Where the link or image destination after `]` at `close` ends; -1 if it is still open. */
function destinationEnd(s: string, close: number): number {
  const next = s[close + 1];
  if (next === '(') {
    let depth = 0;
    for (let i = close + 2; i < s.length; i++) {
      if (s[i] === '\\') i++;
      else if (s[i] === '(') depth++;
      else if (s[i] === ')' && depth-- === 0) return i + 1;
    }
    return -1;
  }
  if (next === '[') {
    const end = s.indexOf(']', close + 2);
    return end === -1 ? -1 : end + 1;
  }
  return close + 1 === s.length ? -1 : close + 1;
}

/** Hides incomplete inline syntax at the end of `s` and closes open emphasis. */
export function repairInline(s: string): string {
  // Trailing partial entity, escape or `!` (which may become `![`).
  s = s.replace(/(?:&#?[a-zA-Z0-9]{0,31}|\\|!)$/, '');
  let out = '';
  const stack: Opener[] = [];
  let stopAt = s.length;
  let brackets: Int32Array | undefined;
  for (let i = 0; i < stopAt; ) {
    const c = s[i]!;
    if (c === '\\') { out += s.slice(i, i + 2); i += 2; continue; }
    if (c === '`') {
      const end = skipCode(s, i);
      let run = 1;
      while (s[i + run] === '`') run++;
      if (end === i + run && s.indexOf('`'.repeat(run), i + run) === -1) {
        // An open code span: show it closed, or hide the bare backticks.
        const code = s.slice(i + run, stopAt);
        if (code.trim() !== '') out += s.slice(i, stopAt) + '`'.repeat(run);
        stopAt = i;
        break;
      }
      out += s.slice(i, end);
      i = end;
      continue;
    }
    if (c === '<') {
      const tag = /^<[^<>\n]*>/.exec(s.slice(i, i + 2048));
      if (tag) { out += tag[0]; i += tag[0].length; continue; }
      if (/^<[A-Za-z/!?][^<>\n]*$|^<$/.test(s.slice(i))) break;
      out += c; i++; continue;
    }
    if (c === '[' || (c === '!' && s[i + 1] === '[')) {
      const open = c === '!' ? i + 1 : i;
      brackets ??= closingBrackets(s);
      const close = brackets[open]!;
      const end = close === -1 ? -1 : destinationEnd(s, close);
      if (close !== -1 && end !== -1 && !(open === 0 && s[close + 1] === ':')) {
        const complete = s[close + 1] === '(' || s[close + 1] === '[';
        // A complete link or image is copied whole; `[x] y` is plain text and scanned on.
        if (complete) { out += s.slice(i, end); i = end; continue; }
        out += c; i++; continue;
      }
      if (c === '!' || (open === 0 && close !== -1 && s[close + 1] === ':')) break; // half image or definition
      // A link still being written: show its text only, and stop where its destination begins.
      if (close !== -1) stopAt = close;
      i = open + 1;
      continue;
    }
    if (c === '*' || c === '_' || c === '~') {
      let run = 1;
      while (s[i + run] === c) run++;
      const prev = i === 0 ? ' ' : s[i - 1]!;
      const next = i + run >= stopAt ? ' ' : s[i + run]!;
      const left = !SPACE.test(next) && (!PUNCT.test(next) || SPACE.test(prev) || PUNCT.test(prev));
      const right = !SPACE.test(prev) && (!PUNCT.test(prev) || SPACE.test(next) || PUNCT.test(next));
      const canOpen = c === '_' ? left && (!right || PUNCT.test(prev)) : left;
      const canClose = c === '_' ? right && (!left || PUNCT.test(next)) : right;
      const usable = c !== '~' || run <= 2;
      let remaining = run;
      if (usable && canClose) {
        while (remaining > 0) {
          let top = stack.length - 1;
          while (top >= 0 && stack[top]!.ch !== c) top--;
          if (top === -1) break;
          const opener = stack[top]!;
          stack.length = top + 1;
          const used = Math.min(opener.len, remaining);
          opener.len -= used;
          remaining -= used;
          if (opener.len === 0) stack.pop();
        }
      }
      if (i + run >= stopAt && remaining > 0) { stopAt = i; break; } // a bare trailing marker
      out += s.slice(i, i + run);
      if (usable && canOpen && remaining > 0) stack.push({ ch: c, len: remaining, at: out.length - remaining });
      i += run;
      continue;
    }
    // Plain text up to the next character that may start syntax, copied in one piece.
    PLAIN.lastIndex = i + 1;
    const next = PLAIN.exec(s)?.index ?? s.length;
    const end = Math.min(next, stopAt);
    out += s.slice(i, end);
    i = end;
  }
  // Close what is still open, innermost first; an opener with nothing after it is dropped.
  // The closers are collected apart: trimming a string grown by each closer copied it each time.
  out = out.trimEnd();
  let closers = '';
  while (stack.length > 0) {
    const opener = stack.pop()!;
    if (closers === '' && opener.at + opener.len >= out.length) {
      out = out.slice(0, opener.at).trimEnd();
      continue;
    }
    closers += opener.ch.repeat(opener.len);
  }
  out += closers;
  return out;
}
