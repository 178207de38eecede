import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ScrollAnchorOptions {
  /** The scrolling element. Read after every render, so it may not exist at first. */
  scroller: () => HTMLElement | null | undefined;
  /** The element wrapping everything that scrolls; observed for late growth (images, code). */
  content: () => Element | null | undefined;
  /** How close to the bottom, in px, a user's scroll down must end to follow again. Default 4. */
  threshold?: number;
}

/** Keys that scroll a focused scroller up. */
const UP_KEYS: ReadonlySet<string> = new Set(['ArrowUp', 'PageUp', 'Home']);

/** A host whose update may still be queued: LitElement says so with `isUpdatePending`. */
type Host = ReactiveControllerHost & { isUpdatePending?: boolean };

/** The controllers of connected hosts. */
const connected = new Set<ScrollAnchorController>();
/** Pinned controllers whose host has updated but not yet followed, in update order. */
const pendingFollows = new Set<ScrollAnchorController>();

/**
 * Follows the content of every host in the batch once the last host update queued with them has
 * run. When several elements on a page update in the same microtask checkpoint (a page that sends
 * to twenty at once), each would otherwise measure right after the one before it wrote its DOM, so
 * the page would be laid out twenty times; this way they all write first and measure after, and
 * the page is laid out once. A lone update, the usual case, follows at once, inside its update, so
 * a listener of an event dispatched with it finds the view already at the bottom. A microtask backs
 * the batch up, in case a host still pending does not update in this checkpoint.
 */
function followAfterUpdates(controller?: ScrollAnchorController): void {
  if (controller) pendingFollows.add(controller);
  if (pendingFollows.size === 0) return;
  for (const other of connected) {
    if (other !== controller && other.hostIsUpdatePending) {
      if (pendingFollows.size === 1) queueMicrotask(followPending);
      return;
    }
  }
  followPending();
}

function followPending(): void {
  const batch = [...pendingFollows];
  pendingFollows.clear();
  for (const pending of batch) pending.follow();
}

/**
 * Keeps a scroller at its bottom while content grows, until the reader scrolls away.
 *
 * - Pinned (the default), the view follows the content after every host update and on every
 *   late resize (ResizeObserver on the content and on the scroller).
 * - Any scroll up by the reader unpins: a wheel or touch gesture or an up key is seen at input
 *   time, before a following scroll could cancel it; a scrollbar drag (or any other scroll that
 *   is not ours) is recognised by comparing `scrollTop` with the value this controller last set.
 * - Unpinned, nothing here moves the view: the host should set `overflow-anchor: none`, and a
 *   `scrollTop` changed by an update is put back. Growth below the view sets `hasNewContent`.
 * - `pin()` (a "Jump to latest" button, a new message) or a scroll by the reader back to the
 *   bottom follows again.
 *
 * Measure in `hostUpdate`, apply in `hostUpdated`, as Material Web's controllers do.
 */
export class ScrollAnchorController implements ReactiveController {
  /** Whether the view follows new content. */
  pinned = true;
  /** Whether content grew below the view since it was unpinned. */
  hasNewContent = false;

  private readonly threshold: number;
  private scroller?: HTMLElement;
  private content?: Element;
  private resizeObserver?: ResizeObserver;
  /** The `scrollTop` this controller last set; a scroll event reporting it is our own echo. */
  private ownTop = Number.NaN;
  /** `scrollTop` at the previous scroll event, to tell scrolling up from scrolling down. */
  private lastTop = 0;
  /** `scrollHeight` the reader has been shown; more than this is new content. */
  private seenHeight = 0;
  /** Measured in `hostUpdate`: where the reader was before the DOM changed. */
  private topBeforeUpdate = Number.NaN;
  /** `scrollTop` when the host left the document; a move brings it back at 0. */
  private topWhenDisconnected = Number.NaN;
  private touchY?: number;
  private pointerHeld = false;

  constructor(
    private readonly host: Host,
    private readonly options: ScrollAnchorOptions,
  ) {
    this.threshold = options.threshold ?? 4;
    host.addController(this);
  }

  hostConnected(): void {
    connected.add(this);
    this.attach();
    this.restorePosition();
  }

  hostDisconnected(): void {
    connected.delete(this);
    pendingFollows.delete(this);
    this.topWhenDisconnected = this.lastTop;
    this.detach();
  }

  /** Whether this controller's host has an update queued that has not run yet. */
  get hostIsUpdatePending(): boolean {
    return this.host.isUpdatePending === true;
  }

  hostUpdate(): void {
    // Unpinned, measure before the DOM changes: the update must not move the reader. Pinned,
    // nothing is read here: `follow` checks for a scroll by someone else after the update, and a
    // read now would force a layout of the DOM the previous element's update just wrote.
    const scroller = this.scroller;
    this.topBeforeUpdate = scroller && !this.pinned ? scroller.scrollTop : Number.NaN;
  }

  hostUpdated(): void {
    this.attach();
    const scroller = this.scroller;
    if (!scroller) return;
    if (this.pinned) {
      followAfterUpdates(this);
      return;
    }
    followAfterUpdates();
    // Unpinned: the view stays where the reader left it, whatever the update did. Growth below
    // it is noted by the ResizeObserver, after layout and outside the update cycle.
    const before = this.topBeforeUpdate;
    if (!Number.isNaN(before) && Math.abs(scroller.scrollTop - before) >= 1 && before <= this.maxTop(scroller)) {
      this.setTop(scroller, before);
    }
  }

  /** Follows the content again and scrolls to the bottom now (or after the next render). */
  pin(): void {
    const changed = !this.pinned || this.hasNewContent;
    this.pinned = true;
    this.hasNewContent = false;
    if (this.scroller) this.scrollToBottom();
    if (changed) this.host.requestUpdate();
  }

  /** Stops following; the view stays where it is. */
  unpin(): void {
    if (!this.pinned) return;
    this.pinned = false;
    this.seenHeight = this.scroller?.scrollHeight ?? 0;
    this.host.requestUpdate();
  }

  /**
   * A move (a framework re-parenting or reordering the host) takes the scroller out of layout and
   * back, which resets its scroll position to the top. The view goes back where it was: to the
   * bottom if it was following, else to where the reader left it.
   */
  private restorePosition(): void {
    const top = this.topWhenDisconnected;
    this.topWhenDisconnected = Number.NaN;
    const scroller = this.scroller;
    if (!scroller || Number.isNaN(top)) return;
    if (this.pinned) this.scrollToBottom();
    else this.setTop(scroller, Math.min(top, this.maxTop(scroller)));
  }

  private attach(): void {
    const scroller = this.options.scroller() ?? undefined;
    const content = this.options.content() ?? undefined;
    if (scroller === this.scroller && content === this.content) return;
    this.detach();
    if (!scroller) return;
    this.scroller = scroller;
    this.content = content;
    this.lastTop = scroller.scrollTop;
    scroller.addEventListener('scroll', this.onScroll, { passive: true });
    scroller.addEventListener('wheel', this.onWheel, { passive: true });
    scroller.addEventListener('touchstart', this.onTouchStart, { passive: true });
    scroller.addEventListener('touchmove', this.onTouchMove, { passive: true });
    scroller.addEventListener('keydown', this.onKeyDown);
    scroller.addEventListener('pointerdown', this.onPointerDown);
    if (typeof ResizeObserver !== 'undefined') {
      this.resizeObserver = new ResizeObserver(this.onResize);
      this.resizeObserver.observe(scroller);
      if (content) this.resizeObserver.observe(content);
    }
  }

  private detach(): void {
    const scroller = this.scroller;
    if (scroller) {
      scroller.removeEventListener('scroll', this.onScroll);
      scroller.removeEventListener('wheel', this.onWheel);
      scroller.removeEventListener('touchstart', this.onTouchStart);
      scroller.removeEventListener('touchmove', this.onTouchMove);
      scroller.removeEventListener('keydown', this.onKeyDown);
      scroller.removeEventListener('pointerdown', this.onPointerDown);
    }
    this.onPointerUp();
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    this.scroller = undefined;
    this.content = undefined;
  }

  private maxTop(scroller: HTMLElement): number {
    return Math.max(0, scroller.scrollHeight - scroller.clientHeight);
  }

  private canScrollUp(scroller: HTMLElement): boolean {
    return scroller.scrollTop > 0 && this.maxTop(scroller) > 1;
  }

  private setTop(scroller: HTMLElement, top: number): void {
    scroller.scrollTop = top;
    this.ownTop = scroller.scrollTop;
    this.lastTop = this.ownTop;
  }

  private scrollToBottom(): void {
    const scroller = this.scroller;
    if (!scroller) return;
    const bottom = this.maxTop(scroller);
    if (Math.abs(scroller.scrollTop - bottom) >= 1) this.setTop(scroller, bottom);
    else this.ownTop = this.lastTop = scroller.scrollTop;
    this.seenHeight = scroller.scrollHeight;
  }

  /**
   * Whether the view was moved up since this controller last placed it, by something other than
   * the content shrinking (which leaves it at the bottom): a drag, find-in-page, focus.
   */
  private movedByOthers(scroller: HTMLElement): boolean {
    const top = scroller.scrollTop;
    return !Number.isNaN(this.ownTop) && top < this.ownTop - 1 && this.maxTop(scroller) - top > 1;
  }

  /**
   * Pinned: goes to the bottom, unless the reader moved away since the last time. Called after
   * host updates (batched, see `followAfterUpdates`) and on late resizes.
   */
  follow(): void {
    const scroller = this.scroller;
    if (!scroller || !this.pinned) return;
    if (this.movedByOthers(scroller)) this.unpin();
    else if (!this.pointerHeld) this.scrollToBottom();
  }

  /** Unpinned: notes content that grew below the view, or follows again if nothing can scroll. */
  private checkGrowth(scroller: HTMLElement): void {
    if (this.maxTop(scroller) <= 1) {
      this.pin();
    } else if (scroller.scrollHeight > this.seenHeight + 1) {
      this.seenHeight = scroller.scrollHeight;
      if (!this.hasNewContent) {
        this.hasNewContent = true;
        this.host.requestUpdate();
      }
    }
  }

  private readonly onScroll = (): void => {
    const scroller = this.scroller!;
    const top = scroller.scrollTop;
    const previous = this.lastTop;
    this.lastTop = top;
    if (Math.abs(top - this.ownTop) < 1) return; // the echo of a scroll we made
    const distance = this.maxTop(scroller) - top;
    if (this.pinned) {
      // Moved up by someone else (a scrollbar drag, find-in-page, focus): the reader is reading.
      // A clamp after the content shrank leaves the view at the bottom: still pinned.
      if (top < previous - 0.5 && distance > 1) this.unpin();
    } else if (top > previous && distance <= this.threshold) {
      this.pin();
    }
  };

  private readonly onWheel = (event: WheelEvent): void => {
    if (event.deltaY < 0 && !event.ctrlKey && this.canScrollUp(this.scroller!)) this.unpin();
  };

  private readonly onTouchStart = (event: TouchEvent): void => {
    this.touchY = event.touches[0]?.clientY;
  };

  private readonly onTouchMove = (event: TouchEvent): void => {
    const y = event.touches[0]?.clientY;
    if (y === undefined) return;
    // A finger moving down drags the content down: the reader scrolls up.
    if (this.touchY !== undefined && y > this.touchY + 1 && this.canScrollUp(this.scroller!)) this.unpin();
    this.touchY = y;
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const up = UP_KEYS.has(event.key) || (event.key === ' ' && event.shiftKey);
    if (up && !event.defaultPrevented && this.canScrollUp(this.scroller!)) this.unpin();
  };

  /** A press on the scroller itself (its scrollbar or padding) holds the view while it lasts. */
  private readonly onPointerDown = (event: PointerEvent): void => {
    if (event.target !== this.scroller || this.pointerHeld) return;
    this.pointerHeld = true;
    window.addEventListener('pointerup', this.onPointerUp, true);
    window.addEventListener('pointercancel', this.onPointerUp, true);
  };

  private readonly onPointerUp = (): void => {
    if (!this.pointerHeld) return;
    this.pointerHeld = false;
    window.removeEventListener('pointerup', this.onPointerUp, true);
    window.removeEventListener('pointercancel', this.onPointerUp, true);
  };

  /** Late growth (an image loads, fonts swap) or a resized viewport, with no host update. */
  private readonly onResize = (): void => {
    const scroller = this.scroller;
    if (!scroller) return;
    if (this.pinned) this.follow();
    else this.checkGrowth(scroller);
  };
}
