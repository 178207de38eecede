import { css } from 'lit';

/**
 * The launcher: a round button fixed in a corner of the page, and the panel it opens above it.
 * Corners are logical (`end` is the right in left-to-right pages, the left in right-to-left), so
 * the default corner follows the page's writing direction. Under 30rem of width the open panel
 * fills the screen and has its own close button, since the floating one would cover the composer.
 */
export const launcherStyles = css`
  :host {
    color-scheme: light dark;
    --_offset: var(--llm-chat-launcher-offset, 1.25rem);
    --_size: var(--llm-chat-launcher-size, 3.5rem);
    --_bg: var(--llm-chat-launcher-background, var(--llm-chat-accent, light-dark(#0969da, #1f6feb)));
    --_fg: var(--llm-chat-launcher-color, var(--llm-chat-accent-text, #ffffff));
    --_panel-bg: var(--llm-chat-background, light-dark(#ffffff, #0d1117));
    --_text: var(--llm-chat-text, light-dark(#1f2328, #e6edf3));
    --_border: var(--llm-chat-border, light-dark(#d0d7de, #30363d));
    --_focus: var(--llm-chat-focus-ring, light-dark(#0969da, #4493f8));
    --_radius: var(--llm-chat-radius, 0.75rem);
    position: fixed;
    z-index: var(--llm-chat-launcher-z-index, 2147483000);
    inset-block-end: var(--_offset);
    inset-inline-end: var(--_offset);
    font-family: var(--llm-chat-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  }
  :host([position^='top']) {
    inset-block: var(--_offset) auto;
  }
  :host([position$='start']) {
    inset-inline: var(--_offset) auto;
  }
  [hidden] {
    display: none !important;
  }
  .button {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: var(--_size);
    block-size: var(--_size);
    padding: 0;
    border: 0;
    border-radius: var(--llm-chat-launcher-radius, 50%);
    background: var(--_bg);
    color: var(--_fg);
    box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
    cursor: pointer;
  }
  .button:focus-visible,
  .close:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  svg,
  ::slotted([slot$='icon']) {
    inline-size: 50%;
    block-size: 50%;
  }
  .unread {
    position: absolute;
    inset-block-start: 0.1rem;
    inset-inline-end: 0.1rem;
    inline-size: 0.8rem;
    block-size: 0.8rem;
    border-radius: 50%;
    background: var(--llm-chat-launcher-unread, light-dark(#cf222e, #ff7b72));
    border: 2px solid var(--_panel-bg);
  }
  .panel {
    position: absolute;
    inset-block-end: calc(100% + 0.75rem);
    inset-inline-end: 0;
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    inline-size: min(var(--llm-chat-launcher-width, 24rem), calc(100vw - 2 * var(--_offset)));
    block-size: min(var(--llm-chat-launcher-height, 36rem), calc(100vh - var(--_size) - 3 * var(--_offset)));
    background: var(--_panel-bg);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 30px rgb(0 0 0 / 0.25);
    overflow: hidden;
  }
  :host([position^='top']) .panel {
    inset-block: calc(100% + 0.75rem) auto;
  }
  :host([position$='start']) .panel {
    inset-inline: 0 auto;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.5rem 0.5rem 1rem;
    padding-inline: 1rem 0.5rem;
    border-block-end: 1px solid var(--_border);
    font-weight: 600;
  }
  .title {
    flex: 1;
  }
  .close {
    display: grid;
    place-items: center;
    inline-size: 2rem;
    block-size: 2rem;
    padding: 0.4rem;
    border: 0;
    border-radius: 0.4rem;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .close svg {
    inline-size: 100%;
    block-size: 100%;
  }
  ::slotted(*) {
    flex: 1 1 auto;
    min-block-size: 0;
    block-size: auto;
    max-inline-size: none;
    border: 0;
    border-radius: 0;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (max-width: 30rem) {
    .panel {
      position: fixed;
      inset: 0;
      inline-size: auto;
      block-size: auto;
      border: 0;
      border-radius: 0;
    }
    :host([open]) .button {
      display: none;
    }
  }
`;
