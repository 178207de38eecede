import { LitElement, html, nothing, svg, type PropertyDeclarations, type TemplateResult } from 'lit';
import { resolveStrings, type LlmChatStringOverrides, type LlmChatStrings } from '../i18n.js';
import { launcherStyles } from './launcher.styles.js';

const bubbleIcon = svg`<path fill="currentColor" d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2Z"/>`;
const closeIcon = svg`<path stroke="currentColor" stroke-width="2.5" stroke-linecap="round" d="M6 6l12 12M18 6 6 18"/>`;
const icon = (paths: ReturnType<typeof svg>): TemplateResult =>
  html`<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">${paths}</svg>`;

/**
 * A chat bubble for any website: a round button fixed in a corner of the page that opens the
 * `<llm-stream-chat>` inside it as a panel. Put the chat element inside it, or give the launcher
 * an `endpoint` and it creates one. A dot marks an answer that finished while the panel was
 * closed. Esc (once no answer is streaming: the first Esc stops it), the button and the panel's
 * close button close it and put focus back on the button. Under 30rem of width the open panel
 * fills the screen. The chat keeps streaming while the panel is closed.
 *
 * @summary A floating button that opens the chat as a panel.
 * @tag llm-stream-chat-launcher
 *
 * @slot - The `<llm-stream-chat>` element (created from `endpoint` when there is none).
 * @slot title - The panel's title (default: the `launcherTitle` string).
 * @slot icon - The button's icon while closed (default: a speech bubble).
 * @slot close-icon - The button's icon while open (default: a cross).
 *
 * @csspart button - The floating button.
 * @csspart unread-indicator - The dot on the button when an answer finished while closed.
 * @csspart panel - The panel holding the chat.
 * @csspart panel-header - The bar at the top of the panel: title and close button.
 * @csspart close-button - The close button in the panel's bar.
 *
 * @cssprop --llm-chat-launcher-offset - Distance from the page's edges (default 1.25rem).
 * @cssprop --llm-chat-launcher-size - Diameter of the button (default 3.5rem).
 * @cssprop --llm-chat-launcher-radius - Corner radius of the button (default 50%).
 * @cssprop --llm-chat-launcher-background - Button background (default: `--llm-chat-accent`).
 * @cssprop --llm-chat-launcher-color - Button icon colour (default: `--llm-chat-accent-text`).
 * @cssprop --llm-chat-launcher-unread - Colour of the unread dot.
 * @cssprop --llm-chat-launcher-width - Width of the panel (default 24rem).
 * @cssprop --llm-chat-launcher-height - Height of the panel (default 36rem).
 * @cssprop --llm-chat-launcher-z-index - Stacking order on the page.
 */
export class LlmStreamChatLauncher extends LitElement {
  static override styles = launcherStyles;

  static override properties: PropertyDeclarations = {
    open: { type: Boolean, reflect: true },
    unread: { type: Boolean, reflect: true },
    position: { type: String, reflect: true },
    endpoint: { type: String },
    strings: { attribute: false },
  };

  /** Whether the panel is open. Set it to open or close the panel from code. */
  declare open: boolean;

  /** An answer finished while the panel was closed (cleared when it opens). Reflected, for styling. */
  declare unread: boolean;

  /** The corner: `bottom-end` (default), `bottom-start`, `top-end` or `top-start`; `end` is the right in left-to-right pages. */
  declare position: string;

  /** With no `<llm-stream-chat>` inside, the launcher creates one with this endpoint. */
  declare endpoint: string;

  /** Replaces the launcher's texts (`launcherTitle`, `openChat`, `closeChat`, `unreadAnswer`). */
  declare strings: LlmChatStringOverrides | undefined;

  constructor() {
    super();
    this.open = false;
    this.unread = false;
    this.position = 'bottom-end';
    this.endpoint = '';
    this.strings = undefined;
    this.addEventListener('llm-chat-done', () => {
      if (!this.open) this.unread = true;
    });
  }

  /** The chat element in the panel. */
  get chat(): HTMLElement | null {
    return this.querySelector('llm-stream-chat');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.chat && this.endpoint) {
      const chat = document.createElement('llm-stream-chat');
      chat.setAttribute('endpoint', this.endpoint);
      this.append(chat);
    }
  }

  /** Opens the panel and focuses the chat's text area. */
  async show(): Promise<void> {
    this.open = true;
    this.unread = false;
    await this.updateComplete;
    this.chat?.focus();
  }

  /** Closes the panel and puts focus back on the button. */
  async hide(): Promise<void> {
    this.open = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.button')?.focus();
  }

  private readonly close = (): void => void this.hide();
  private readonly toggle = (): void => void (this.open ? this.hide() : this.show());

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    // The chat takes Esc first to stop a streaming answer; the next Esc closes.
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault();
      void this.hide();
    }
  };

  protected override render(): TemplateResult {
    const t: LlmChatStrings = resolveStrings(this.strings);
    return html`
      <div class="panel" part="panel" role="dialog" aria-labelledby="title" ?hidden=${!this.open} @keydown=${this.onKeyDown}>
        <div class="bar" part="panel-header">
          <span class="title" id="title"><slot name="title">${t.launcherTitle}</slot></span>
          <button type="button" class="close" part="close-button" aria-label=${t.closeChat} @click=${this.close}>
            ${icon(closeIcon)}
          </button>
        </div>
        <slot></slot>
      </div>
      <button type="button" class="button" part="button" aria-expanded=${this.open ? 'true' : 'false'} @click=${this.toggle}>
        <slot name="icon" ?hidden=${this.open}>${icon(bubbleIcon)}</slot>
        <slot name="close-icon" ?hidden=${!this.open}>${icon(closeIcon)}</slot>
        <span class="visually-hidden">${this.open ? t.closeChat : t.openChat}</span>
        ${this.unread ? html`<span class="unread" part="unread-indicator"></span>` : nothing}
      </button>
      <div class="visually-hidden" role="status">${this.unread ? t.unreadAnswer : ''}</div>
    `;
  }
}
