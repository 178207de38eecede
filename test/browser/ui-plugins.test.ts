// The plugins through the real script-tag build: `plugins="math highlight mermaid"` loads them
// from beside the element's file, a streamed technical answer renders its formulas, code and
// diagram, and a table's tools copy and download it when pressed with the mouse or the keyboard.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { technicalSection } from '../fixtures/markdown/technical-answer.mjs';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';

const BUNDLE = '/dist/browser/llm-stream-chat.js';
await import(/* @vite-ignore */ BUNDLE);

const DONE = { text: 'data: [DONE]\n\n' };

async function clickCentre(element: Element): Promise<void> {
  const box = element.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)],
  });
}

/** Captures what is written to the clipboard for the duration of `run` (the real one needs a permission). */
async function capturingClipboard(run: (copied: string[]) => Promise<void>): Promise<void> {
  const copied: string[] = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void copied.push(text) },
  });
  try {
    await run(copied);
  } finally {
    delete (navigator as { clipboard?: unknown }).clipboard;
  }
}

async function answered(text: string): Promise<{ el: LlmStreamChat; content: HTMLElement }> {
  const pieces = text.match(/[^]{1,7}/g)!;
  const { url } = await scriptedEndpoint({ chunks: [...sseChunks(pieces, 2), DONE] });
  const el = await fixture<LlmStreamChat>(
    html`<llm-stream-chat
      endpoint=${url}
      plugins="math highlight mermaid"
      style="--llm-chat-height: 900px"
    ></llm-stream-chat>`,
  );
  const done = oneEvent(el, 'llm-chat-done');
  el.send('Explain it');
  await done;
  const content = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="content"]')].at(-1)!;
  return { el, content };
}

describe('plugins through the script-tag build', () => {
  it('the plugins attribute loads them from beside the script: formulas, highlighted code and a diagram render', async function () {
    this.timeout(60_000);
    const { el, content } = await answered(technicalSection(0, { diagram: true }));
    await waitUntil(
      () => content.querySelector('figure.diagram img') && content.querySelector('.hljs-keyword'),
      'the plugins did not render',
      { timeout: 30_000 },
    );
    expect(content.querySelectorAll('math').length).to.be.at.least(2);
    expect(content.querySelector('code.language-math')).to.equal(null);
    // Themed from the element's custom properties: a keyword's colour is --llm-chat-code-keyword.
    el.style.setProperty('--llm-chat-code-keyword', 'rgb(1, 2, 3)');
    expect(getComputedStyle(content.querySelector('.hljs-keyword')!).color).to.equal('rgb(1, 2, 3)');
    await expect(el).shadowDom.to.be.accessible();
  });

  it('copies a table as Markdown (mouse) and CSV (keyboard), and downloads it as CSV', async function () {
    this.timeout(30_000);
    const { el, content } = await answered(
      'Prices:\n\n| Model | Price, $ |\n| --- | ---: |\n| small | 0.15 |\n| large, "pro" | 2.50 |\n| a \\| b | 1 |\n\nThat is all.',
    );
    const buttons = [...content.querySelectorAll<HTMLButtonElement>('[part~="table-button"]')];
    expect(buttons.map((b) => b.textContent)).to.deep.equal(['Copy Markdown', 'Copy CSV', 'Download CSV']);
    expect(content.querySelector('[part~="table-tools"]')!.getAttribute('aria-label')).to.equal('Table');
    await capturingClipboard(async (copied) => {
      await clickCentre(buttons[0]!);
      await waitUntil(() => copied.length === 1);
      expect(copied[0]).to.equal(
        '| Model | Price, $ |\n| --- | --- |\n| small | 0.15 |\n| large, "pro" | 2.50 |\n| a \\| b | 1 |',
      );
      await waitUntil(() => buttons[0]!.textContent === 'Copied');
      buttons[0]!.focus();
      await sendKeys({ press: 'Tab' });
      expect(el.shadowRoot!.activeElement).to.equal(buttons[1]);
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => copied.length === 2);
      expect(copied[1]).to.equal('Model,"Price, $"\r\nsmall,0.15\r\n"large, ""pro""",2.50\r\na | b,1');
    });
    // The download: the CSV handed to the browser as a file (the real URL.createObjectURL, watched).
    const blobs: Blob[] = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (object: Blob | MediaSource) => (blobs.push(object as Blob), create.call(URL, object));
    try {
      buttons[2]!.focus();
      await sendKeys({ press: 'Space' });
      await waitUntil(() => blobs.length === 1);
    } finally {
      URL.createObjectURL = create;
    }
    expect(blobs[0]!.type).to.equal('text/csv');
    expect(await blobs[0]!.text()).to.equal('Model,"Price, $"\r\nsmall,0.15\r\n"large, ""pro""",2.50\r\na | b,1');
    await expect(el).shadowDom.to.be.accessible();
  });
});
