import { html, nothing, type TemplateResult } from 'lit';
import type { LlmChatStrings } from '../i18n.js';
import { toolNameOf, type ToolPartShape } from './shapes.js';

/** How a tool call's card reads its state. */
export type ToolCardState = 'running' | 'done' | 'failed' | 'called';

/**
 * The card's state: `running` while the input streams or the tool runs, `done` with an output,
 * `failed` with an error, and `called` when the answer ended on the call with no output (the
 * model asked the page to run it, as OpenAI's `finish_reason: "tool_calls"`).
 */
export function toolCardState(part: ToolPartShape, busy: boolean): ToolCardState {
  if (part.state === 'output-available') return 'done';
  if (part.state === 'output-error') return 'failed';
  return busy ? 'running' : 'called';
}

/** A value as readable text: strings as they are, anything else as indented JSON. */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value); // a cycle, a BigInt
  }
}

/**
 * A tool call as a compact card: the tool's name, its state, its input as indented JSON (bound
 * as text, never parsed as HTML, and shown while it streams) and its output in a collapsed
 * disclosure.
 */
export function toolCallPart(part: ToolPartShape, strings: LlmChatStrings, busy: boolean): TemplateResult {
  const name = toolNameOf(part);
  const state = toolCardState(part, busy);
  const stateText = { running: strings.toolRunning, done: strings.toolDone, failed: strings.toolFailed, called: strings.toolCalled }[state];
  return html`<div
    class="tool-call ${state}"
    part="tool-call tool-call-${state}"
    role="group"
    aria-label=${strings.toolLabel.replace(/\{name\}/g, name)}
    aria-busy=${state === 'running' ? 'true' : 'false'}
    data-state=${part.state}
  >
    <div class="tool-header" part="tool-header">
      <span class="tool-icon" aria-hidden="true"></span>
      <span class="tool-name" part="tool-name" dir="auto">${name}</span>
      <span class="tool-state" part="tool-state">${stateText}</span>
    </div>
    ${part.input !== undefined
      ? html`<pre class="tool-input" part="tool-input" dir="ltr"><code>${prettyJson(part.input)}</code></pre>`
      : nothing}
    ${part.state === 'output-available'
      ? html`<details class="tool-output" part="tool-output">
          <summary part="tool-output-summary">${strings.toolOutput}</summary>
          <pre dir="ltr"><code>${prettyJson(part.output)}</code></pre>
        </details>`
      : nothing}
    ${part.state === 'output-error'
      ? html`<p class="tool-error" part="tool-error" dir="auto">${part.errorText || strings.toolFailed}</p>`
      : nothing}
  </div>`;
}
