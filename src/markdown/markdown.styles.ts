import { css } from 'lit';

/**
 * Styles of rendered Markdown that the element's own styles do not cover: the blocks the
 * incremental renderer creates, code blocks and their copy button. Add to `static styles`.
 */
export const markdownStyles = css`
  /*
   * Chunks of blocks (see MarkdownView). No content-visibility: auto here or on frozen blocks:
   * its estimated sizes moved scrollTop under a reader who had scrolled up, which the scroll
   * anchoring tests caught; layout cost is measured by npm run bench instead.
   *
   * Layout containment changes no size or position (a chunk is already its own formatting
   * context) but lets the pre-paint tree walk stop at each chunk: without it, every frame's
   * pre-paint visited every block of the message (measured: 13 ms a frame at 16,000 blocks,
   * 1.3 ms with it), the largest cost left in a long answer.
   */
  .md-chunk {
    display: flow-root;
    contain: layout;
  }
  .md-chunk + .md-chunk {
    margin-block-start: 1em;
  }
  /* Every block is its own formatting context, live or frozen, so freezing never moves text. */
  .md-block {
    display: flow-root;
  }
  .md-block + .md-block {
    margin-block-start: 1em;
  }
  .md-block > :first-child {
    margin-block-start: 0;
  }
  .md-block > :last-child {
    margin-block-end: 0;
  }
  .md-block pre {
    overflow-x: auto;
  }
  /* The copy button is drawn over its code, whatever the code's own stacking. */
  .code-block {
    position: relative;
    isolation: isolate;
    margin-block: 1em;
  }
  .code-block pre {
    margin-block: 0;
    padding-inline-end: 4.5rem;
  }
  .md-block pre:focus-visible,
  .code-copy-button:focus-visible,
  .image-placeholder:focus-visible {
    outline: 2px solid var(--llm-chat-focus-ring, var(--llm-chat-accent, #0969da));
    outline-offset: 2px;
  }
  .code-copy-button {
    position: absolute;
    z-index: 1;
    inset-block-start: 0.4rem;
    inset-inline-end: 0.4rem;
    padding: 0.15rem 0.5rem;
    font: inherit;
    font-size: 0.8em;
    color: inherit;
    /* The element's theme colours where they are defined (dark mode included), else the page's. */
    background: var(--_background, var(--llm-chat-background, Canvas));
    border: 1px solid var(--_border, var(--llm-chat-border, GrayText));
    border-radius: calc(var(--llm-chat-radius, 0.75rem) / 3);
    cursor: pointer;
  }
  /* An image waiting for the reader's click: its alt text and the host it would come from. */
  .image-placeholder {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.25em 0.5em;
    align-items: baseline;
    max-inline-size: 100%;
    padding: 0.3rem 0.6rem;
    font: inherit;
    color: inherit;
    text-align: start;
    background: var(--llm-chat-background, light-dark(#ffffff, #0d1117));
    border: 1px dashed var(--llm-chat-border, light-dark(#d0d7de, #30363d));
    border-radius: calc(var(--llm-chat-radius, 0.75rem) / 3);
    cursor: pointer;
  }
  .image-placeholder .image-host {
    font-size: 0.85em;
    color: var(--llm-chat-muted-text, light-dark(#59636e, #9198a1));
    overflow-wrap: anywhere;
  }
  /* A block shown as plain text because it could not be rendered (see MarkdownPipeline). */
  .md-guarded > p {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .md-guard-notice {
    font-size: 0.85em;
    color: var(--llm-chat-muted-text, light-dark(#59636e, #9198a1));
  }
  .md-block img {
    max-inline-size: 100%;
  }
`;
