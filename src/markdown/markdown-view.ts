import { MarkdownPipeline, type FrozenBlock, type LiveView, type MarkdownUpdate } from '../core/markdown/index.js';
import { CLICK_TO_LOAD, type ImagePolicy } from '../core/markdown/image-policy.js';
import { defaultStrings } from '../i18n.js';
import { copyCode, decorateCodeBlocks, type CodeBlockStrings, type Highlighter } from './code-blocks.js';
import { decorateImages, loadImage, type ImagePlaceholderStrings } from './image-placeholders.js';
import { morphChildren } from './morph.js';
import { sanitizeToFragment } from './sanitizer.js';

/** The texts a rendered answer shows itself (from the element's `strings`). */
export interface MarkdownStrings extends CodeBlockStrings, ImagePlaceholderStrings {
  /** Notice under a block shown as plain text because it could not be rendered. */
  unrenderedBlock: string;
}

/** Options of one message's Markdown rendering. */
export interface MarkdownViewOptions {
  /**
   * Which images load: an {@link ImagePolicy}; default {@link CLICK_TO_LOAD} (every image is a
   * placeholder until clicked). `true` loads every https image at once, `false` shows none.
   */
  images?: ImagePolicy | boolean;
  /** Highlights code blocks once they are complete. */
  highlight?: Highlighter;
  /** The texts of copy buttons, image placeholders and notices; default English. */
  strings?: MarkdownStrings;
}

const ALL_IMAGES: ImagePolicy = Object.freeze({ off: false, origins: '*' });
const NO_IMAGES: ImagePolicy = Object.freeze({ off: true, origins: Object.freeze([]) });

/** The policy of a view option (see {@link MarkdownViewOptions.images}). */
export function viewImagePolicy(images: ImagePolicy | boolean | undefined): ImagePolicy {
  return images === true ? ALL_IMAGES : images === false ? NO_IMAGES : (images ?? CLICK_TO_LOAD);
}

const BLOCK = 'md-block';
const LIVE = 'md-block md-live';
/** Characters before the previous end that must match for new text to count as an append. */
const PROBE = 32;
/** Blocks per `div.md-chunk`. */
const CHUNK = 32;
/** A start or end tag's name in HTML. */
const TAG = /<(\/?)([a-z][^\s/>]*)/gi;
/** Tags that parse the same inside a `<div>` as at the top of a body (see `batchable`). */
const BATCHABLE: ReadonlySet<string> = new Set(
  ('a b blockquote br code del em h1 h2 h3 h4 h5 h6 hr i img input kbd li ol p pre s strong sub sup ' +
    'table tbody td th thead tr ul').split(' '),
);
const VOID: ReadonlySet<string> = new Set(['br', 'hr', 'img', 'input']);

/**
 * Whether a block's HTML parses the same wrapped in a `<div>` beside other blocks as alone. What
 * marked writes always does; raw HTML may not: `<frameset>`, `<textarea>` or a `</div>` of its
 * own change how the wrapper parses, an unclosed `<b>` is re-opened by the parser in the blocks
 * after it, and a `<` in a quoted attribute value hides tags from this check. Those go alone.
 */
function batchable(html: string): boolean {
  if (/=\s*["'][^"']*</.test(html)) return false;
  const open = new Map<string, number>();
  for (const [, end, name] of html.matchAll(TAG)) {
    const tag = name!.toLowerCase();
    if (!BATCHABLE.has(tag)) return false;
    if (!VOID.has(tag)) open.set(tag, (open.get(tag) ?? 0) + (end ? -1 : 1));
  }
  for (const count of open.values()) if (count !== 0) return false;
  return true;
}

/**
 * A copy of `slice` that does not keep its parent alive. V8 makes a substring a view into its
 * parent: a delta kept in the open tail (an open code fence keeps every delta until it closes)
 * would keep a copy of the whole message per frame alive, hundreds of MB for a long answer.
 */
function detach(slice: string): string {
  return slice.length < 16 ? slice : ` ${slice}`.slice(1);
}

/**
 * Applies the Markdown pipeline's updates to one container: one `div.md-block` per frozen block,
 * rendered once and never replaced (only a late link definition re-renders one in place), and
 * one live `div.md-block.md-live` for the tail, morphed rather than rebuilt. Every HTML string
 * is sanitized into a fragment before it touches the DOM.
 */
export class MarkdownView {
  private pipeline: MarkdownPipeline;
  private readonly blocks = new Map<number, HTMLElement>();
  private live: HTMLElement | undefined;
  private liveHtml: string | undefined;
  private liveCode: Text | undefined;
  private livePartial: Text | undefined;
  private liveItems: string[] = [];
  private chunk: HTMLElement | undefined;
  private chunkBlocks = 0;
  private text: string | undefined;
  private length = 0;
  private probe = '';
  private readonly images: ImagePolicy;
  private readonly strings: MarkdownStrings;
  /** Image URLs the reader chose to load in this message: they stay loaded as it re-renders. */
  private readonly loadedImages = new Set<string>();

  constructor(
    private readonly container: HTMLElement,
    readonly options: MarkdownViewOptions = {},
  ) {
    this.images = viewImagePolicy(options.images);
    this.strings = options.strings ?? defaultStrings;
    this.pipeline = new MarkdownPipeline({ images: !this.images.off });
    container.addEventListener('click', this.onClick);
  }

  /** One delegated listener: a code block's copy button, or an image placeholder. */
  private readonly onClick = (event: Event): void => {
    const target = (event.target as Element | null)?.closest?.('button');
    if (!target || !this.container.contains(target)) return;
    if (target.classList.contains('code-copy-button')) void copyCode(target, this.strings);
    else if (target.classList.contains('image-placeholder')) {
      const src = loadImage(target);
      if (src) this.loadedImages.add(src);
    }
  };

  /**
   * Shows `text`, which normally extends the previous text; `final` once it is complete. A text
   * that does not extend the previous one (judged by the 32 characters before the previous end:
   * no earlier character is compared) is rendered from scratch.
   *
   * `added`, when given, is what the caller says `text` gained since the previous call. It is
   * taken without reading `text` at all when the lengths agree: a streamed answer is a rope of
   * every token, and any slice or comparison of it copies the whole answer, a cost that grew
   * to milliseconds per frame for a long one. When the lengths disagree (another update came in
   * between, the text was replaced), the hint is ignored and the text checked as without it.
   */
  update(text: string, final: boolean, added?: string): void {
    // Lit re-renders every message while one streams: for the others this is one identity check.
    if (text === this.text && (final || !this.pipeline.done)) {
      if (final && !this.pipeline.done) this.apply(this.pipeline.finish());
      return;
    }
    let delta: string;
    if (added !== undefined && !this.pipeline.done && text.length === this.length + added.length) {
      delta = detach(added);
    } else {
      // The text only grows while it streams: take the new end without comparing the rest.
      const appended =
        !this.pipeline.done && text.length >= this.length && text.slice(this.length - this.probe.length, this.length) === this.probe;
      if (!appended) this.reset();
      delta = detach(text.slice(this.length));
    }
    this.text = text;
    this.length = text.length;
    // Kept from the deltas alone, so that it never reads the full text either.
    this.probe = delta.length >= PROBE ? delta.slice(-PROBE) : (this.probe + delta).slice(-PROBE);
    if (final) this.apply(this.pipeline.finish(delta));
    else if (delta !== '') this.apply(this.pipeline.push(delta));
  }

  /** Removes the view's listener; the container's children are left as they are. */
  disconnect(): void {
    this.container.removeEventListener('click', this.onClick);
  }

  private reset(): void {
    this.pipeline = new MarkdownPipeline({ images: !this.images.off });
    this.blocks.clear();
    this.live = undefined;
    this.liveHtml = undefined;
    this.liveCode = undefined;
    this.liveItems = [];
    this.text = undefined;
    this.length = 0;
    this.probe = '';
    this.chunk = undefined;
    this.chunkBlocks = 0;
    this.container.replaceChildren();
  }

  /**
   * The chunk the next block goes into. Blocks are grouped by CHUNK into `div.md-chunk`s, each
   * skipped by layout and paint while off screen: with thousands of blocks as direct children,
   * every frame's layout walked them all. The grouping depends only on the block's index, so a
   * streamed message and a one-shot render share it. The live block sits where the next frozen
   * block will, and becomes it in place.
   */
  private chunkFor(): HTMLElement {
    if (!this.chunk || this.chunkBlocks >= CHUNK) {
      this.chunk = document.createElement('div');
      this.chunk.className = 'md-chunk';
      this.chunkBlocks = 0;
      this.container.append(this.chunk);
    }
    return this.chunk;
  }

  private apply(update: MarkdownUpdate): void {
    const changed = this.sanitizeAll(update.changed);
    update.changed.forEach((block, index) => {
      const element = this.blocks.get(block.id);
      if (!element) return;
      morphChildren(element, changed[index] ?? sanitizeToFragment(block.html, { images: this.images }));
      this.decorate(element, block.guarded);
    });
    update.frozen.forEach((block, index) => {
      let element: HTMLElement;
      if (index === 0 && this.live) {
        // The live block becomes the first frozen one: its nodes (and a selection) carry over.
        element = this.live;
        element.className = BLOCK;
        this.live = undefined;
        this.liveHtml = undefined;
        this.liveCode = undefined;
        this.liveItems = [];
      } else {
        element = document.createElement('div');
        element.className = BLOCK;
        this.chunkFor().append(element);
      }
      this.chunkBlocks++;
      // A link definition renders as nothing: no sanitizer call (10,000 of them cost seconds).
      if (block.html !== '' || element.firstChild) morphChildren(element, sanitizeToFragment(block.html, { images: this.images }));
      this.decorate(element, block.guarded);
      this.blocks.set(block.id, element);
    });
    this.showLive(update.live);
  }

  /** What our own code adds to a frozen block once its sanitized HTML is in place. */
  private decorate(element: HTMLElement, guarded: boolean | undefined): void {
    decorateImages(element, this.strings, this.loadedImages);
    decorateCodeBlocks(element, this.options.highlight, this.images, this.strings);
    this.markGuarded(element, guarded);
  }

  /** A block shown as plain text gets a class (keeps line breaks) and a notice after it. */
  private markGuarded(element: HTMLElement, guarded: boolean | undefined): void {
    element.classList.toggle('md-guarded', !!guarded);
    const notice = element.querySelector(':scope > .md-guard-notice');
    if (!guarded) {
      notice?.remove();
      return;
    }
    if (notice) return;
    const note = document.createElement('p');
    note.className = 'md-guard-notice';
    note.textContent = this.strings.unrenderedBlock;
    element.append(note);
  }

  /**
   * Sanitizes many blocks in one DOMPurify call, each wrapped in a `<div>`; an empty array when it
   * cannot be done safely, and the caller sanitizes each block alone. A link definition arriving
   * late (they often end an answer) re-renders every block that names it: hundreds in a long
   * answer, where DOMPurify's fixed cost per call (a new document each time) was half the time
   * of the last frame. Only blocks that parse the same inside a `<div>` as alone are batched
   * (see `batchable`); a block that escapes its wrapper anyway shows as a wrong count of them.
   */
  private sanitizeAll(blocks: readonly FrozenBlock[]): (DocumentFragment | undefined)[] {
    if (blocks.length < 2) return [];
    const batched = blocks.map((block) => batchable(block.html));
    const html = blocks.map((block, i) => (batched[i] ? `<div>${block.html}</div>` : '')).join('');
    const wrappers = [...sanitizeToFragment(html, { images: this.images }).childNodes];
    if (wrappers.length !== batched.filter(Boolean).length || wrappers.some((node) => node.nodeName !== 'DIV')) return [];
    const fragments: (DocumentFragment | undefined)[] = [];
    let next = 0;
    for (const isBatched of batched) {
      if (!isBatched) {
        fragments.push(undefined);
        continue;
      }
      const fragment = document.createDocumentFragment();
      fragment.append(...wrappers[next++]!.childNodes);
      fragments.push(fragment);
    }
    return fragments;
  }

  private showLive(live: LiveView | null): void {
    if (!live) {
      this.live?.remove();
      this.live = undefined;
      this.liveHtml = undefined;
      this.liveCode = undefined;
      this.liveItems = [];
      return;
    }
    if (!this.live) {
      this.live = document.createElement('div');
      this.live.className = LIVE;
      this.chunkFor().append(this.live);
    }
    if (live.kind === 'list') {
      this.showLiveList(live.shell, live.items);
      return;
    }
    this.liveItems = [];
    if (live.kind === 'html') {
      this.liveCode = undefined;
      // DOMPurify has a fixed cost per call: skip it when the tail's HTML did not change.
      if (live.html === this.liveHtml) return;
      this.liveHtml = live.html;
      const fragment = sanitizeToFragment(live.html, { images: this.images });
      decorateImages(fragment, this.strings, this.loadedImages);
      morphChildren(this.live, fragment);
      this.live.classList.toggle('md-guarded', !!live.guarded);
      return;
    }
    // An open code fence: new lines are appended to a text node (nothing is parsed as HTML,
    // nothing already shown is read again); the incomplete last line has a text node of its own.
    if (!this.liveCode || !this.livePartial || this.liveHtml !== `code:${live.fence}`) {
      const pre = document.createElement('pre');
      const code = document.createElement('code');
      if (live.lang) code.className = `language-${live.lang}`;
      this.liveCode = document.createTextNode(live.lines);
      this.livePartial = document.createTextNode(live.partial);
      code.append(this.liveCode, this.livePartial);
      pre.append(code);
      this.live.replaceChildren(pre);
      this.liveHtml = `code:${live.fence}`;
      return;
    }
    if (live.added) this.liveCode.appendData(live.added);
    if (this.livePartial.data !== live.partial) this.livePartial.data = live.partial;
  }

  /**
   * A long list as the live tail: only items whose HTML changed (normally the last one) are
   * sanitized and morphed; the others keep their nodes untouched.
   */
  private showLiveList(shell: string, items: readonly string[]): void {
    const live = this.live!;
    this.liveCode = undefined;
    let list = live.firstElementChild;
    if (this.liveHtml !== shell || !list || live.childNodes.length !== 1) {
      const fragment = sanitizeToFragment(shell, { images: this.images });
      list = fragment.firstElementChild;
      if (!list) return;
      live.replaceChildren(list);
      this.liveHtml = shell;
      this.liveItems = [];
    }
    items.forEach((html, index) => {
      if (this.liveItems[index] === html) return;
      this.liveItems[index] = html;
      const fragment = sanitizeToFragment(html, { images: this.images });
      decorateImages(fragment, this.strings, this.loadedImages);
      const item = fragment.firstElementChild?.firstElementChild;
      const current = list.children[index];
      if (!item) current?.remove();
      else if (current?.tagName === item.tagName) morphChildren(current, item);
      else list.insertBefore(item, current ?? null);
    });
    while (list.children.length > items.length) list.lastElementChild!.remove();
    this.liveItems.length = items.length;
  }
}
