import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    box-sizing: border-box;
    block-size: var(--llm-chat-height, 32rem);
    max-inline-size: var(--llm-chat-max-width, 48rem);
    color: var(--llm-chat-text, #1f2328);
    background: var(--llm-chat-background, #ffffff);
    font-family: var(--llm-chat-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--llm-chat-font-size, 1rem);
    line-height: 1.5;
    border: 1px solid var(--llm-chat-border, #d0d7de);
    border-radius: var(--llm-chat-radius, 0.75rem);
    overflow: hidden;
  }

  :host([hidden]) {
    display: none;
  }

  .log {
    flex: 1 1 auto;
    overflow-y: auto;
    padding: var(--llm-chat-spacing, 1rem);
    display: flex;
    flex-direction: column;
    gap: var(--llm-chat-spacing, 1rem);
  }

  .message {
    max-inline-size: 100%;
    padding: 0.5rem 0.875rem;
    border-radius: var(--llm-chat-radius, 0.75rem);
    overflow-wrap: anywhere;
  }

  .message.user {
    align-self: flex-end;
    max-inline-size: 85%;
    background: var(--llm-chat-user-background, #0969da);
    color: var(--llm-chat-user-text, #ffffff);
    white-space: pre-wrap;
  }

  .message.assistant {
    align-self: stretch;
    background: var(--llm-chat-assistant-background, #f6f8fa);
    color: var(--llm-chat-assistant-text, inherit);
  }

  .content > :first-child {
    margin-block-start: 0;
  }

  .content > :last-child {
    margin-block-end: 0;
  }

  .content pre {
    overflow-x: auto;
    padding: 0.75rem;
    border-radius: calc(var(--llm-chat-radius, 0.75rem) / 2);
    background: var(--llm-chat-code-background, #eaeef2);
  }

  .content table {
    border-collapse: collapse;
    display: block;
    overflow-x: auto;
  }

  .content th,
  .content td {
    border: 1px solid var(--llm-chat-border, #d0d7de);
    padding: 0.25rem 0.5rem;
  }

  .error {
    margin-block-start: 0.5rem;
    color: var(--llm-chat-error, #cf222e);
  }

  .composer {
    display: flex;
    gap: 0.5rem;
    padding: var(--llm-chat-spacing, 1rem);
    border-block-start: 1px solid var(--llm-chat-border, #d0d7de);
  }

  textarea {
    flex: 1 1 auto;
    resize: none;
    font: inherit;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--llm-chat-border, #d0d7de);
    border-radius: calc(var(--llm-chat-radius, 0.75rem) / 2);
    background: transparent;
    color: inherit;
  }

  button {
    font: inherit;
    padding: 0.5rem 1rem;
    border: none;
    border-radius: calc(var(--llm-chat-radius, 0.75rem) / 2);
    background: var(--llm-chat-accent, #0969da);
    color: var(--llm-chat-accent-text, #ffffff);
    cursor: pointer;
  }

  button:disabled {
    opacity: 0.5;
    cursor: default;
  }

  :focus-visible {
    outline: 2px solid var(--llm-chat-focus-ring, #0969da);
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
