import { css } from 'lit';

/**
 * The feature controls of `<llm-stream-chat>`: feedback thumbs, the comment box, the host's
 * actions. They use the element's private shorthands (`--_muted`, `--_border`, …), so the
 * element's custom properties, dark mode included, theme them.
 */
export const featureStyles = css`
  .actions .thumb {
    display: inline-grid;
    place-items: center;
    padding: 0.125rem 0.375rem;
  }

  .thumb svg {
    inline-size: 1rem;
    block-size: 1rem;
  }

  /* Thumbs down is the same drawing, turned over. */
  .thumb.down svg {
    transform: scaleY(-1);
  }

  /* The icon's hand points the same way in either direction, mirrored for right-to-left. */
  :host(:dir(rtl)) .thumb svg {
    transform: scaleX(-1);
  }

  :host(:dir(rtl)) .thumb.down svg {
    transform: scale(-1, -1);
  }

  .actions .thumb[aria-pressed='true'] {
    color: var(--_accent-text);
    background: var(--_accent);
    border-color: var(--_accent);
  }

  /* On the user's bubble (the accent colour), buttons take its text colour: muted grey fails contrast. */
  .user .actions button {
    color: var(--_user-text);
    border-color: currentColor;
  }

  .feedback-form {
    position: relative;
    z-index: 1;
    display: flex;
    gap: 0.5rem;
    align-items: flex-end;
    margin-block-start: 0.5rem;
  }

  .feedback-form textarea {
    flex: 1;
    font: inherit;
    color: inherit;
    background: var(--_input-background);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.375rem 0.5rem;
    resize: vertical;
  }

  .feedback-form textarea:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
`;
