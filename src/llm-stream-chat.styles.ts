import { css } from 'lit';

/**
 * Every colour and size goes through a `--llm-chat-*` custom property with a fallback. The
 * fallbacks use `light-dark()`: they follow the element's `color-scheme`, which is `light dark`
 * (the user's `prefers-color-scheme`) unless the page sets `color-scheme` on the element.
 * The `--_*` names are private shorthands, not part of the API.
 */
export const styles = css`
  :host {
    color-scheme: light dark;
    --_background: var(--llm-chat-background, light-dark(#ffffff, #0d1117));
    --_text: var(--llm-chat-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--llm-chat-muted-text, light-dark(#59636e, #9198a1));
    --_accent: var(--llm-chat-accent, light-dark(#0969da, #1f6feb));
    --_accent-text: var(--llm-chat-accent-text, #ffffff);
    --_user-background: var(--llm-chat-user-background, light-dark(#0969da, #1f6feb));
    --_user-text: var(--llm-chat-user-text, #ffffff);
    --_assistant-background: var(--llm-chat-assistant-background, light-dark(#f6f8fa, #161b22));
    --_assistant-text: var(--llm-chat-assistant-text, var(--_text));
    --_code-background: var(--llm-chat-code-background, light-dark(#eaeef2, #1f2428));
    --_code-text: var(--llm-chat-code-text, currentColor);
    --_input-background: var(--llm-chat-input-background, transparent);
    --_border: var(--llm-chat-border, light-dark(#d0d7de, #30363d));
    --_error: var(--llm-chat-error, light-dark(#cf222e, #ff7b72));
    --_focus: var(--llm-chat-focus-ring, light-dark(#0969da, #4493f8));
    --_radius: var(--llm-chat-radius, 0.75rem);
    --_spacing: var(--llm-chat-spacing, 1rem);

    display: flex;
    flex-direction: column;
    position: relative;
    box-sizing: border-box;
    block-size: var(--llm-chat-height, 32rem);
    max-inline-size: var(--llm-chat-max-width, 48rem);
    color: var(--_text);
    background: var(--_background);
    font-family: var(--llm-chat-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--llm-chat-font-size, 1rem);
    line-height: 1.5;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  .header {
    padding: calc(var(--_spacing) / 2) var(--_spacing);
    border-block-end: 1px solid var(--_border);
  }

  /* The log fills the space; the jump button floats over its bottom edge. */
  .viewport {
    flex: 1 1 auto;
    min-block-size: 0;
    display: grid;
  }

  .log,
  .jump {
    grid-area: 1 / 1;
  }

  /*
   * Stacking: model content never paints over a control. The blocks of an answer sit in chunks
   * with layout containment (see markdown.styles.ts), and containment makes each chunk a stacking
   * context, painted after every in-flow box, so it covered the jump button that follows the log.
   * The log is one stacking context that holds all model content, below the controls outside it
   * (jump button, composer) at z-index 1; inside it, each message's content is one stacking
   * context below that message's actions.
   */
  .log {
    isolation: isolate;
    z-index: 0;
    min-block-size: 0;
    overflow-y: auto;
    overscroll-behavior: contain;
    /* The scroll anchor controller decides where the view goes; the browser must not move it. */
    overflow-anchor: none;
    padding: var(--_spacing);
  }

  .transcript {
    display: flex;
    flex-direction: column;
    gap: var(--_spacing);
  }

  .empty {
    color: var(--_muted);
    text-align: center;
    padding-block: calc(var(--_spacing) * 2);
  }

  .message {
    max-inline-size: 100%;
    padding: 0.5rem 0.875rem;
    border-radius: var(--_radius);
    overflow-wrap: anywhere;
  }

  /*
   * A finished message is laid out apart from the rest (layout containment changes no size or
   * position here: a flex item is already its own formatting context). A frame that grows the
   * streaming answer then stops the pre-paint walk and layout invalidation at every earlier
   * message instead of visiting each of their blocks: in a trace of an answer streaming after
   * 1,000 restored messages, layout and pre-paint of the whole conversation were most of each
   * frame. Containment also makes each message a stacking context, inside the log's (see .log).
   */
  .message:not([aria-busy='true']) {
    contain: layout;
  }

  .message.user {
    align-self: flex-end;
    max-inline-size: 85%;
    background: var(--_user-background);
    color: var(--_user-text);
  }

  /* The user's text as typed: keep its line breaks. */
  .message.user .content {
    white-space: pre-wrap;
  }

  .message.assistant {
    align-self: stretch;
    background: var(--_assistant-background);
    color: var(--_assistant-text);
  }

  .content {
    isolation: isolate;
  }

  .content:empty {
    display: none;
  }

  .content > :first-child {
    margin-block-start: 0;
  }

  .content > :last-child {
    margin-block-end: 0;
  }

  .content a {
    color: inherit;
    text-decoration-color: var(--_accent);
    text-underline-offset: 0.15em;
  }

  .content code {
    font-family: var(--llm-chat-code-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-size: 0.9em;
    color: var(--_code-text);
  }

  .content :not(pre) > code {
    padding: 0.1em 0.3em;
    border-radius: calc(var(--_radius) / 3);
    background: var(--_code-background);
  }

  .content pre {
    overflow-x: auto;
    padding: 0.75rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_code-background);
  }

  .content table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }

  .content th,
  .content td {
    border: 1px solid var(--_border);
    padding: 0.25rem 0.5rem;
  }

  .content img {
    max-inline-size: 100%;
  }

  .typing {
    display: inline-flex;
    gap: 0.25rem;
    padding-block: 0.5rem;
  }

  .typing > span {
    inline-size: 0.5rem;
    block-size: 0.5rem;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.35;
    animation: llm-chat-typing 1.2s infinite ease-in-out;
  }

  .typing > span:nth-child(2) {
    animation-delay: 0.2s;
  }

  .typing > span:nth-child(3) {
    animation-delay: 0.4s;
  }

  @keyframes llm-chat-typing {
    0%,
    80%,
    100% {
      opacity: 0.35;
      transform: translateY(0);
    }
    40% {
      opacity: 1;
      transform: translateY(-0.2rem);
    }
  }

  .notice,
  .error {
    margin-block: 0.5rem 0;
  }

  .content:empty + .notice,
  .content:empty + .error {
    margin-block-start: 0;
  }

  .notice {
    color: var(--_muted);
    font-style: italic;
  }

  .error {
    color: var(--_error);
  }

  .actions {
    position: relative;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin-block-start: 0.25rem;
  }

  .actions:empty {
    display: none;
  }

  button {
    font: inherit;
    padding: 0.5rem 1rem;
    border: 1px solid transparent;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
  }

  .actions button {
    padding: 0.125rem 0.5rem;
    font-size: 0.875em;
    background: transparent;
    color: var(--_muted);
    border-color: var(--_border);
  }

  .actions button:hover {
    color: var(--_text);
  }

  button[aria-disabled='true'] {
    opacity: 0.5;
    cursor: default;
  }

  .jump {
    position: relative;
    z-index: 1;
    align-self: end;
    justify-self: center;
    display: inline-flex;
    align-items: center;
    gap: 0.375rem;
    margin-block-end: calc(var(--_spacing) / 2);
    padding: 0.25rem 0.75rem;
    font-size: 0.875em;
    background: var(--_background);
    color: var(--_text);
    border-color: var(--_border);
    border-radius: 999px;
    box-shadow: 0 1px 4px rgb(0 0 0 / 0.2);
  }

  .jump .arrow::before {
    content: '↓';
  }

  .indicator {
    inline-size: 0.5rem;
    block-size: 0.5rem;
    border-radius: 50%;
    background: var(--_accent);
  }

  .composer {
    position: relative;
    z-index: 1;
    display: flex;
    align-items: flex-end;
    gap: 0.5rem;
    padding: var(--_spacing);
    border-block-start: 1px solid var(--_border);
  }

  textarea {
    flex: 1 1 auto;
    box-sizing: border-box;
    min-block-size: 2.5rem;
    max-block-size: var(--llm-chat-input-max-height, 12rem);
    field-sizing: content;
    resize: none;
    overflow-y: auto;
    font: inherit;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_input-background);
    color: inherit;
  }

  textarea::placeholder {
    color: var(--_muted);
    opacity: 1;
  }

  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }

  /* The host clips overflow: draw these rings inside. */
  .log:focus-visible,
  textarea:focus-visible {
    outline-offset: -2px;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  @media (prefers-reduced-motion: reduce) {
    .typing > span {
      animation: none;
      opacity: 0.6;
    }
  }

  /* Windows High Contrast and other forced palettes: backgrounds are dropped, so draw edges. */
  @media (forced-colors: active) {
    :host,
    .header,
    .composer {
      border-color: CanvasText;
    }

    .message {
      border: 1px solid CanvasText;
    }

    button,
    .actions button,
    .jump {
      border: 1px solid ButtonText;
      color: ButtonText;
      background: ButtonFace;
    }

    button[aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
    }

    .typing > span,
    .indicator {
      forced-color-adjust: none;
      background: CanvasText;
    }

    .error {
      color: CanvasText;
      border-inline-start: 3px solid CanvasText;
      padding-inline-start: 0.5rem;
    }

    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
