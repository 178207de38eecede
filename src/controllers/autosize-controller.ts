import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface AutosizeOptions {
  /** The text area to size; read after every render. */
  textarea: () => HTMLTextAreaElement | null | undefined;
  /**
   * Whether CSS `field-sizing: content` sizes the text area already (then this controller does
   * nothing). Defaults to asking `CSS.supports` when the controller is created.
   */
  native?: boolean;
}

/**
 * Grows a text area with its content, up to its CSS `max-block-size` (then it scrolls).
 * Browsers with `field-sizing: content` do it in CSS alone; elsewhere this measures the
 * content height after each host update and on input.
 */
export class AutosizeController implements ReactiveController {
  private readonly native: boolean;
  private textarea?: HTMLTextAreaElement;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: AutosizeOptions,
  ) {
    this.native = options.native ?? (typeof CSS !== 'undefined' && CSS.supports('field-sizing', 'content'));
    host.addController(this);
  }

  hostUpdated(): void {
    if (this.native) return;
    const textarea = this.options.textarea() ?? undefined;
    if (textarea !== this.textarea) {
      this.textarea?.removeEventListener('input', this.resize);
      textarea?.addEventListener('input', this.resize);
      this.textarea = textarea;
    }
    this.resize();
  }

  hostDisconnected(): void {
    this.textarea?.removeEventListener('input', this.resize);
    this.textarea = undefined;
  }

  /** Measures the content height and applies it (CSS `max-block-size` still caps it). */
  readonly resize = (): void => {
    const textarea = this.textarea;
    if (!textarea || !textarea.isConnected) return;
    textarea.style.blockSize = 'auto';
    const borders = textarea.offsetHeight - textarea.clientHeight;
    textarea.style.blockSize = `${textarea.scrollHeight + borders}px`;
  };
}
