import type { Token, Tokens } from 'marked';
import { tagBalance } from './html-balance.js';
import {
  escapeHtml,
  hasGuard,
  lexBlocks,
  lexMarkdown,
  renderTokens,
  walkTokens,
  type LinkDefinitions,
  type MarkdownRenderOptions,
} from './marked-setup.js';
import { feedFence, fencePartialText, openFence, type OpenFence } from './open-fence.js';
import { repairTail } from './tail-repair.js';

/** A top-level block (or a few, when raw HTML spans them) that later text can no longer change. */
export interface FrozenBlock {
  readonly id: number;
  /** The block's HTML as marked renders it: not yet sanitized. */
  readonly html: string;
  /**
   * The block could not be rendered as Markdown (it nested past `MAX_DEPTH`, held too many
   * emphasis markers, or marked threw): `html` is its source as escaped plain text, and the
   * view adds a notice. The rest of the answer renders as usual.
   */
  readonly guarded?: boolean;
}

/** What to show after the frozen blocks while the message is still streaming. */
export type LiveView =
  | { readonly kind: 'html'; readonly html: string; readonly guarded?: boolean }
  /**
   * An open fenced code block, never re-lexed: `lines` (complete lines) only grows, by `added`
   * since the previous update of the same `fence`; `partial` is the last line as shown. Reading
   * `lines` costs its length: appliers append `added` instead.
   */
  | {
      readonly kind: 'code';
      readonly fence: number;
      readonly lang: string;
      readonly lines: string;
      readonly added: string;
      readonly partial: string;
    }
  /**
   * A list (often long) as the whole tail: its empty shell (`<ul>\n</ul>\n`) and each item as
   * a one-item list, so that items whose HTML did not change are not sanitized again.
   */
  | { readonly kind: 'list'; readonly shell: string; readonly items: readonly string[] };

/** The result of one update: apply it in order. */
export interface MarkdownUpdate {
  /** Blocks frozen by this update, in order, after every block frozen before. */
  readonly frozen: readonly FrozenBlock[];
  /** Earlier frozen blocks whose HTML changed because a link reference definition arrived. */
  readonly changed: readonly FrozenBlock[];
  /** The live tail after the frozen blocks; null when there is none (always, once finished). */
  readonly live: LiveView | null;
}

interface Group {
  id: number;
  raw: string;
  html: string;
  guarded: boolean;
  /** Every `[label]` it holds, normalized: a definition of one arriving later may change it. */
  labels: ReadonlySet<string> | undefined;
}

const NONE: readonly FrozenBlock[] = [];

/** Markdown source shown as it is: escaped, in a paragraph (the view keeps its line breaks). */
function plainHtml(raw: string): string {
  return `<p>${escapeHtml(raw.replace(/\n+$/, ''))}</p>\n`;
}

/** Renders tokens, or reports that they must be shown as plain text. */
function renderGuarded(tokens: Token[], options: MarkdownRenderOptions): string | undefined {
  if (hasGuard(tokens)) return undefined;
  try {
    return renderTokens(tokens, options);
  } catch {
    return undefined;
  }
}

const BRACKETED = /\[((?:\\[\s\S]|[^\\[\]])*)\]/g;

/**
 * The text of every innermost `[…]` in `raw`, normalized as marked normalizes link labels (case
 * folded, whitespace collapsed): the only labels whose definitions can change this block.
 */
function bracketLabels(raw: string): ReadonlySet<string> | undefined {
  if (!raw.includes('[')) return undefined;
  const labels = new Set<string>();
  for (const match of raw.matchAll(BRACKETED)) {
    labels.add(match[1]!.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase().toLowerCase());
  }
  return labels.size > 0 ? labels : undefined;
}

/**
 * The pure incremental Markdown pipeline for one message. Feed it text as it streams; it keeps
 * only the open tail, lexes nothing but that tail, and freezes a top-level block once the next
 * block has a complete first line (its type can then no longer change). Blank lines belong to
 * the block before them. `finish()` freezes the rest; the concatenated HTML of all blocks is then
 * exactly what marked renders for the whole text at once, however the text was chunked.
 */
export class MarkdownPipeline {
  private tail = '';
  private pendingCR = false;
  private readonly links: LinkDefinitions = Object.create(null);
  private readonly groups: Group[] = [];
  /** The frozen groups that name each `[label]`: those a late definition of it may change. */
  private readonly byLabel = new Map<string, Group[]>();
  private fence: OpenFence | undefined;
  private live: LiveView | null = null;
  private finished = false;
  private nextId = 0;
  /** Counts the open fences seen, so an applier knows when a new one starts. */
  private fences = 0;

  constructor(private readonly options: MarkdownRenderOptions = {}) {}

  /** Renders a whole text at once: the one-shot render the streamed result must equal. */
  static render(text: string, options: MarkdownRenderOptions = {}): FrozenBlock[] {
    return [...new MarkdownPipeline(options).finish(text).frozen];
  }

  /** Every frozen block so far, in order. */
  get blocks(): readonly FrozenBlock[] {
    return this.groups.map((group) => this.block(group));
  }

  /** The HTML of every frozen block so far, concatenated. */
  get html(): string {
    return this.groups.map((group) => group.html).join('');
  }

  get done(): boolean {
    return this.finished;
  }

  /** Adds streamed text. Call it at most once per frame: each call may lex the open tail. */
  push(delta: string): MarkdownUpdate {
    if (this.finished) throw new Error('MarkdownPipeline: push() after finish().');
    const text = this.normalize(delta, false);
    if (text === '') return { frozen: NONE, changed: NONE, live: this.live };
    this.tail += text;
    if (this.fence) {
      if (!feedFence(this.fence, text)) {
        this.live = this.codeView(this.fence);
        return { frozen: NONE, changed: NONE, live: this.live };
      }
      this.fence = undefined; // closed: lex the whole block once, below
    }
    // Without a new line end no block can newly qualify to freeze this frame (it may next
    // frame, which is as safe): only the live view needs rendering, one lex instead of two.
    if (!text.includes('\n') && this.live !== null && this.live.kind !== 'code') {
      const repaired = repairTail(this.tail);
      this.live = repaired === '' ? null : this.liveView(lexMarkdown(repaired, this.links, this.options));
      return { frozen: NONE, changed: NONE, live: this.live };
    }
    return this.process(false);
  }

  /** Adds the last text (if any) and freezes everything. */
  finish(delta = ''): MarkdownUpdate {
    if (this.finished) throw new Error('MarkdownPipeline: finish() called twice.');
    this.tail += this.normalize(delta, true);
    this.fence = undefined;
    return this.process(true);
  }

  /** CRLF and CR become LF, as marked does; a CR at the end of a chunk may be half a CRLF. */
  private normalize(delta: string, final: boolean): string {
    let text = this.pendingCR ? `\r${delta}` : delta;
    this.pendingCR = !final && text.endsWith('\r');
    if (this.pendingCR) text = text.slice(0, -1);
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }

  /**
   * The guard around everything marked does: whatever throws (a limit this module does not know
   * of), the tail is shown as plain text, frozen as one block when the text is complete.
   */
  private process(final: boolean): MarkdownUpdate {
    const tail = this.tail;
    try {
      return this.processTail(final);
    } catch {
      this.tail = tail;
      this.fence = undefined;
      if (!final) {
        this.live = { kind: 'html', html: plainHtml(tail), guarded: true };
        return { frozen: NONE, changed: NONE, live: this.live };
      }
      this.finished = true;
      this.tail = '';
      this.live = null;
      if (tail.trim() === '') return { frozen: NONE, changed: NONE, live: null };
      const group: Group = { id: this.nextId++, raw: tail, html: plainHtml(tail), guarded: true, labels: undefined };
      this.groups.push(group);
      return { frozen: [this.block(group)], changed: NONE, live: null };
    }
  }

  private block(group: Group): FrozenBlock {
    return group.guarded ? { id: group.id, html: group.html, guarded: true } : { id: group.id, html: group.html };
  }

  private processTail(final: boolean): MarkdownUpdate {
    const tail = this.tail;
    const lexed = lexBlocks(tail, this.links, this.options);
    const tokens = lexed.tokens;
    // Cut by the cumulative raw length: marked may rewrite `raw` at the end of its input only.
    const starts: number[] = [];
    let offset = 0;
    for (const token of tokens) {
      starts.push(offset);
      offset += token.raw.length;
    }
    const freezeCount = final ? tokens.length : this.freezableCount(tokens, starts, tail);

    // Group blocks until their raw HTML tags balance; a group ends before the next block.
    const ends: number[] = [];
    let balance = 0;
    let seenBlock = false;
    for (let i = 0; i < freezeCount; i++) {
      const token = tokens[i]!;
      if (token.type === 'space') continue;
      if (seenBlock && balance === 0) ends.push(i);
      balance = tagBalance(token, balance);
      seenBlock = true;
    }
    if (seenBlock && (final || balance === 0)) ends.push(freezeCount);

    let from = 0;
    const fresh: { tokens: Token[]; raw: string }[] = [];
    for (const end of ends) {
      const rawEnd = end < tokens.length ? starts[end]! : tail.length;
      fresh.push({ tokens: tokens.slice(from, end), raw: tail.slice(starts[from]!, rawEnd) });
      from = end;
    }
    const cut = final || from >= tokens.length ? tail.length : starts[from]!;
    const liveTokens = tokens.slice(from);
    this.tail = tail.slice(cut);
    const repaired = final ? '' : this.repairedTail(liveTokens);
    // Inline tokens are needed to render frozen blocks, or the live tail when it is unrepaired.
    if (fresh.length > 0 || repaired === this.tail) lexed.inline();

    const frozen = this.freeze(fresh, liveTokens);
    this.live = final ? null : this.renderLive(liveTokens, repaired);
    if (final) {
      this.finished = true;
      this.tail = '';
    }
    return { ...frozen, live: this.live };
  }

  /**
   * How many leading tokens may freeze: all before the last non-space token whose first line
   * is complete; and a fenced code block followed by another block is complete too.
   */
  private freezableCount(tokens: Token[], starts: number[], tail: string): number {
    const lastNewline = tail.lastIndexOf('\n');
    let count = 0;
    for (let j = tokens.length - 1; j > 0; j--) {
      if (tokens[j]!.type !== 'space' && starts[j]! <= lastNewline) {
        count = j;
        break;
      }
    }
    for (let k = count; k < tokens.length; k++) {
      const token = tokens[k]!;
      if (token.type !== 'code' || (token as { codeBlockStyle?: string }).codeBlockStyle === 'indented') continue;
      const next = tokens.findIndex((t, i) => i > k && t.type !== 'space');
      if (next === -1) break;
      count = next;
    }
    return count;
  }

  private freeze(fresh: { tokens: Token[]; raw: string }[], liveTokens: Token[]): Pick<MarkdownUpdate, 'frozen' | 'changed'> {
    if (fresh.length === 0) return { frozen: NONE, changed: NONE };
    // Definitions in the newly frozen blocks now hold (the first definition of a label wins).
    const added: string[] = [];
    for (const group of fresh) {
      walkTokens(group.tokens, (token) => {
        if (token.type !== 'def' || token.tag in this.links) return;
        this.links[token.tag] = { href: token.href, title: token.title };
        added.push(token.tag);
      });
    }
    // The tail was lexed knowing the definitions still live in it, which may yet change: then
    // the frozen blocks are lexed again with the frozen definitions only.
    let liveDefinitions = false;
    walkTokens(liveTokens, (token) => {
      if (token.type === 'def' && !(token.tag in this.links)) liveDefinitions = true;
    });
    const frozen: FrozenBlock[] = [];
    for (const group of fresh) {
      const tokens = liveDefinitions ? lexMarkdown(group.raw, this.links, this.options) : group.tokens;
      const html = renderGuarded(tokens, this.options);
      const entry: Group = {
        id: this.nextId++,
        raw: group.raw,
        html: html ?? plainHtml(group.raw),
        guarded: html === undefined,
        labels: html === undefined ? undefined : bracketLabels(group.raw),
      };
      this.groups.push(entry);
      for (const label of entry.labels ?? []) {
        const named = this.byLabel.get(label);
        if (named) named.push(entry);
        else this.byLabel.set(label, [entry]);
      }
      frozen.push(this.block(entry));
    }
    // Earlier blocks that name a label defined just now: only those, found through the index
    // (resolving definitions per block made 10,000 definitions cost 10,000 × 10,000 lookups).
    const changed: FrozenBlock[] = [];
    const seen = new Set<Group>(fresh.length > 0 ? this.groups.slice(-fresh.length) : []);
    for (const tag of added) {
      for (const group of this.byLabel.get(tag) ?? []) {
        if (seen.has(group)) continue;
        seen.add(group);
        const html = renderGuarded(lexMarkdown(group.raw, this.links, this.options), this.options);
        if (html === undefined || html === group.html) continue;
        group.html = html;
        changed.push({ id: group.id, html });
      }
    }
    return { frozen, changed };
  }

  private codeView(fence: OpenFence): LiveView {
    return { kind: 'code', fence: this.fences, lang: fence.lang, lines: fence.code, added: fence.added, partial: fencePartialText(fence) };
  }

  /** The live tail as displayed: repaired, or '' when it is empty or an open fence. */
  private repairedTail(liveTokens: Token[]): string {
    const blocks = liveTokens.filter((token) => token.type !== 'space');
    if (blocks.length === 0) return '';
    if (blocks.length === 1 && blocks[0]!.type === 'code') {
      this.fence = openFence(this.tail);
      if (this.fence) {
        this.fences++;
        return '';
      }
    }
    return repairTail(this.tail);
  }

  private renderLive(liveTokens: Token[], repaired: string): LiveView | null {
    if (this.fence) return this.codeView(this.fence);
    if (repaired === '') return null;
    return this.liveView(repaired === this.tail ? liveTokens : lexMarkdown(repaired, this.links, this.options));
  }

  /** The view of live tokens: one HTML string, or a long list item by item. */
  private liveView(tokens: Token[]): LiveView {
    if (hasGuard(tokens)) return { kind: 'html', html: plainHtml(this.tail), guarded: true };
    const blocks = tokens.filter((token) => token.type !== 'space');
    if (blocks.length === 1 && blocks[0]!.type === 'list' && (blocks[0] as Tokens.List).items.length > 1) {
      const list = blocks[0] as Tokens.List;
      return {
        kind: 'list',
        shell: renderTokens([{ ...list, items: [] }], this.options),
        items: list.items.map((item) => renderTokens([{ ...list, items: [item] }], this.options)),
      };
    }
    const html = renderGuarded(tokens, this.options);
    return html === undefined ? { kind: 'html', html: plainHtml(this.tail), guarded: true } : { kind: 'html', html };
  }
}
