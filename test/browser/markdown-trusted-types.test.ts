// The element on a page that enforces Trusted Types (`require-trusted-types-for 'script';
// trusted-types lit-html dompurify`, set by a CSP meta tag, which Chromium honours for these
// directives): rendering streamed Markdown must pass every HTML string through one of those two
// policies, never a raw sink, and create no other policy.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';

async function loadFrame(): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.src = '/test/fixtures/markdown/trusted-types.html';
  const loaded = oneEvent(frame, 'load');
  document.body.append(frame);
  await loaded;
  // The module script defines the element after load in some orders: wait for it.
  await waitUntil(() => frame.contentWindow!.customElements.get('llm-stream-chat'), 'the element was never defined');
  return frame;
}

describe('Markdown under enforced Trusted Types', () => {
  it('streams and renders an answer with no Trusted Types violation', async () => {
    const frame = await loadFrame();
    const doc = frame.contentDocument!;
    const violations: string[] = [];
    doc.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective}: ${event.sample}`));
    // The policy is really enforced here: a plain string into innerHTML throws (and is reported,
    // which also shows that the listener sees violations).
    let error: unknown;
    try {
      doc.body.innerHTML = '<b>x</b>';
    } catch (caught) {
      error = caught;
    }
    expect((error as Error | undefined)?.name).to.equal('TypeError');
    // And the allow-list holds: a policy of another name cannot be created.
    const tt = (frame.contentWindow as unknown as { trustedTypes: { createPolicy(name: string, rules: object): unknown } }).trustedTypes;
    expect(() => tt.createPolicy('not-allowed', {})).to.throw();

    const answer = '## Title\n\nSome **bold** and a [link](https://example.com).\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```js\nlet x = 1;\n```\n\n<img src="https://example.com/i.png" onerror="x()">\n';
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(answer.match(/[^]{1,3}/g)!, 1), { text: 'data: [DONE]\n\n' }] });
    const el = doc.createElement('llm-stream-chat') as LlmStreamChat;
    el.endpoint = new URL(url, location.href).href;
    el.highlight = (code) => `<span class="hl">${code.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</span>`;
    doc.body.append(el);
    await el.updateComplete;
    const done = oneEvent(el, 'llm-chat-done');
    el.send('hi');
    await done;
    await el.updateComplete;
    const content = el.shadowRoot!.querySelector('.message.assistant .content')!;
    expect(content.querySelector('h2')?.textContent).to.equal('Title');
    expect(content.querySelector('strong')?.textContent).to.equal('bold');
    expect(content.querySelector('a')?.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(content.querySelector('td')?.textContent).to.equal('1');
    expect(content.querySelector('pre code.language-js .hl')?.textContent).to.equal('let x = 1;\n');
    expect(content.querySelector('[onerror]'), 'no event handler attribute survives').to.equal(null);
    expect(violations).to.deep.equal(['require-trusted-types-for: Element innerHTML|<b>x</b>', 'trusted-types: not-allowed']);
    frame.remove();
  });
});
