import { css } from 'lit';

/**
 * Styles of an answer's non-text parts: reasoning, tool calls, sources, files. Colours go
 * through `--llm-chat-*` custom properties with `light-dark()` fallbacks, like the element's own;
 * sizes are logical (RTL); motion stops under `prefers-reduced-motion`.
 */
export const partsStyles = css`
  .reasoning,
  .tool-call,
  .file,
  .custom-part {
    margin-block: 0 calc(var(--_spacing, 1rem) / 2);
  }
  .content + .file,
  .content + .custom-part,
  .content + .reasoning,
  .content + .tool-call {
    margin-block-start: calc(var(--_spacing, 1rem) / 2);
  }
  .reasoning {
    color: var(--llm-chat-reasoning-text, var(--_muted, light-dark(#59636e, #9198a1)));
    border-inline-start: 2px solid var(--llm-chat-reasoning-border, var(--_border, light-dark(#d0d7de, #30363d)));
    padding-inline-start: 0.75em;
    font-size: 0.925em;
  }
  .reasoning > summary {
    cursor: pointer;
    inline-size: fit-content;
    border-radius: 0.25rem;
  }
  .reasoning.streaming .reasoning-label {
    animation: llm-chat-pulse 1.6s ease-in-out infinite;
  }
  .reasoning-text {
    margin-block-start: 0.5em;
  }
  .tool-call {
    border: 1px solid var(--llm-chat-tool-border, var(--_border, light-dark(#d0d7de, #30363d)));
    background: var(--llm-chat-tool-background, light-dark(#ffffff, #0d1117));
    border-radius: calc(var(--_radius, 0.75rem) / 1.5);
    padding: 0.5em 0.75em;
    font-size: 0.9em;
  }
  .tool-header {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  .tool-name {
    font-family: var(--llm-chat-code-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .tool-state {
    margin-inline-start: auto;
    font-size: 0.85em;
    padding: 0.05em 0.6em;
    border-radius: 999px;
    border: 1px solid currentColor;
    color: var(--_muted, light-dark(#59636e, #9198a1));
    white-space: nowrap;
  }
  .tool-call.done .tool-state {
    color: var(--llm-chat-tool-done, light-dark(#1a7f37, #3fb950));
  }
  .tool-call.failed .tool-state,
  .tool-error {
    color: var(--_error, light-dark(#cf222e, #ff7b72));
  }
  .tool-icon {
    inline-size: 0.6em;
    block-size: 0.6em;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.5;
    flex: none;
  }
  .tool-call.running .tool-icon {
    animation: llm-chat-pulse 1.2s ease-in-out infinite;
  }
  .tool-input,
  .tool-output pre {
    margin-block: 0.5em 0;
    padding: 0.5em;
    max-block-size: 16em;
    overflow: auto;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-family: var(--llm-chat-code-font-family, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-size: 0.9em;
    color: var(--_code-text, currentColor);
    background: var(--_code-background, light-dark(#eaeef2, #1f2428));
    border-radius: 0.375rem;
  }
  .tool-output {
    margin-block-start: 0.5em;
  }
  .tool-output > summary,
  .reasoning > summary {
    cursor: pointer;
  }
  .tool-error {
    margin-block: 0.5em 0;
  }
  .sources {
    margin-block-start: calc(var(--_spacing, 1rem) / 2);
    font-size: 0.85em;
  }
  .sources ol {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4em;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .source,
  .source > a {
    display: inline-flex;
    align-items: center;
    gap: 0.4em;
    max-inline-size: 100%;
  }
  .source {
    padding-block: 0.15em;
    padding-inline: 0.2em 0.6em;
    border: 1px solid var(--llm-chat-source-border, var(--_border, light-dark(#d0d7de, #30363d)));
    background: var(--llm-chat-source-background, light-dark(#ffffff, #0d1117));
    border-radius: 999px;
  }
  /* Link text keeps the text colour (the accent fails contrast on some backgrounds), as answers' links do. */
  .source > a {
    color: inherit;
    text-decoration: none;
  }
  .source > a:hover .source-title {
    text-decoration: underline;
    text-decoration-color: var(--_accent, light-dark(#0969da, #1f6feb));
  }
  .source-title {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    max-inline-size: 18em;
  }
  .source-number {
    display: inline-grid;
    place-items: center;
    min-inline-size: 1.5em;
    block-size: 1.5em;
    border-radius: 999px;
    font-size: 0.85em;
    font-variant-numeric: tabular-nums;
    color: var(--_text, light-dark(#1f2328, #e6edf3));
    background: var(--_code-background, light-dark(#eaeef2, #1f2428));
  }
  .file img {
    max-inline-size: 100%;
    border-radius: 0.375rem;
  }
  .file > a {
    color: inherit;
    text-decoration-color: var(--_accent, light-dark(#0969da, #1f6feb));
    text-underline-offset: 0.15em;
  }
  .reasoning > summary:focus-visible,
  .tool-output > summary:focus-visible,
  .source > a:focus-visible,
  .file > a:focus-visible {
    outline: 2px solid var(--_focus, light-dark(#0969da, #4493f8));
    outline-offset: 2px;
  }
  @keyframes llm-chat-pulse {
    50% {
      opacity: 0.35;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .reasoning.streaming .reasoning-label,
    .tool-call.running .tool-icon {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .tool-call,
    .source {
      border-color: CanvasText;
    }
    .tool-icon {
      background: CanvasText;
    }
  }
`;
