// Security rules of rendered Markdown: each rule streamed through a view (as an answer arrives)
// and through the element from a real server.
import { expect, fixture, html, nextFrame, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { MarkdownView, type MarkdownViewOptions } from '../../src/markdown/markdown-view.js';
import { scriptedEndpoint, sseChunks } from '../support/script-client.js';

declare global {
  interface Window {
    pwned?: number;
  }
}

/** Streams `text` three characters at a time, checking the DOM after every update too. */
function render(text: string, options: MarkdownViewOptions = {}): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  const view = new MarkdownView(container, options);
  for (let i = 1; i <= text.length; i += 3) {
    view.update(text.slice(0, i), false);
    expectNothingActive(container);
  }
  view.update(text, true);
  expectNothingActive(container);
  return container;
}

const BAD_URL = /^\s*(?:javascript|vbscript|data):/i;

/** The classes rendered Markdown may carry: the renderer's own, and a code block's language. */
function isOwnClass(element: Element, token: string): boolean {
  if (['md-chunk', 'md-block', 'md-live', 'code-block'].includes(token)) return element.tagName === 'DIV';
  if (token === 'code-copy-button' || token === 'image-placeholder') return element.tagName === 'BUTTON';
  if (token === 'image-alt' || token === 'image-host') return element.tagName === 'SPAN' && element.parentElement!.classList.contains('image-placeholder');
  return element.tagName === 'CODE' && /^language-\S+$/.test(token);
}

function expectNothingActive(root: HTMLElement) {
  expect(root.querySelector('script, style, iframe, object, embed, form, svg, math, link, meta, base, textarea, select')).to.equal(null);
  for (const element of root.querySelectorAll('*')) {
    for (const { name, value } of [...element.attributes]) {
      expect(name, `${element.tagName} ${name}`).not.to.match(/^on/i);
      expect(name).not.to.be.oneOf(['style', 'srcset', 'ping', 'background', 'formaction', 'id', 'name']);
      if (['href', 'src', 'action', 'xlink:href'].includes(name)) expect(value, `${element.tagName} ${name}`).not.to.match(BAD_URL);
    }
    if (element.tagName === 'BUTTON') expect(element.className).to.be.oneOf(['code-copy-button', 'image-placeholder']); // only ours
    for (const token of element.classList) expect(isOwnClass(element, token), `${element.tagName} class ${token}`).to.be.true;
  }
}

describe('Markdown security', () => {
  afterEach(() => {
    delete window.pwned;
  });

  it('sanitizes raw HTML and script URLs in model output', async () => {
    const root = render(
      [
        '<img src="https://example.com/x.png" onerror="window.pwned=1"><script>window.pwned=2</script>',
        '<iframe src="https://example.com"></iframe><object data="x"></object><style>*{color:red}</style>',
        '<a href="javascript:window.pwned=3">js</a> <a href=" JaVaScRiPt:window.pwned=4">js2</a>',
        '[md](javascript:window.pwned=5) [vb](vbscript:msgbox) [data](data:text/html,<script>x</script>)',
        '<a href="java&#x09;script:window.pwned=6">entity</a> <a href="&#106;avascript:x">entity2</a>',
        '<svg><a href="javascript:x"><text>svg</text></a></svg><math><mi>x</mi></math>',
        '<form action="https://evil.example"><button formaction="https://evil.example">go</button></form>',
        '<p style="position:fixed" onclick="window.pwned=7">styled</p><div ping="https://evil.example">p</div>',
      ].join('\n\n'),
    );
    await nextFrame();
    await nextFrame();
    expect(window.pwned).to.equal(undefined);
    for (const link of root.querySelectorAll('a')) expect(link.hasAttribute('href'), link.outerHTML).to.be.false;
    expect(root.textContent).to.contain('styled');
    root.remove();
  });

  it('HTML that starts with a <frameset> renders without it, the rest kept, and never throws', () => {
    // The HTML parser puts a frameset where the body would be; DOMPurify then returns null.
    const root = render('<frameset onload="window.pwned=1"><frame src="https://example.com"></frameset>\n\nafter');
    expect(root.querySelector('frameset, frame')).to.equal(null);
    expect(root.textContent!.trim()).to.equal('after');
    const alone = render('<frameset><frame src="https://example.com"></frameset>');
    expect(alone.textContent!.trim()).to.equal('');
    alone.remove();
    expect(window.pwned).to.equal(undefined);
    root.remove();
  });

  it('keeps http, https, mailto and relative links, opened in a new tab without opener or referrer', () => {
    const root = render('[a](https://example.com/a) [b](http://example.com/b) [c](mailto:x@example.com) [d](/docs/d) [e](#top) <https://example.com/auto> www.example.org');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal([
      'https://example.com/a', 'http://example.com/b', 'mailto:x@example.com', '/docs/d', '#top', 'https://example.com/auto', 'http://www.example.org',
    ]);
    for (const link of links) {
      expect(link.getAttribute('target')).to.equal('_blank');
      expect(link.getAttribute('rel')).to.equal('noopener noreferrer');
    }
    root.remove();
  });

  it('shows images over https only, without a referrer, and none when images are off', () => {
    const text = '![cat](https://example.com/cat.png) ![dog](http://example.com/dog.png) ![d](data:image/png;base64,AAAA) <img src="http://example.com/raw.png" alt="raw"> <img srcset="http://example.com/s.png 2x" src="https://example.com/s.png">';
    const on = render(text, { images: true });
    const srcs = [...on.querySelectorAll('img')].map((img) => img.getAttribute('src'));
    expect(srcs).to.deep.equal(['https://example.com/cat.png', null, 'https://example.com/s.png']);
    for (const img of on.querySelectorAll('img')) expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(on.textContent).to.contain('dog');
    const off = render(text, { images: false });
    expect(off.querySelector('img')).to.equal(null);
    expect(off.textContent).to.contain('cat');
    on.remove();
    off.remove();
  });

  it('renders task lists as disabled checkboxes and any other input as one too', () => {
    const root = render('- [x] done\n- [ ] todo\n\n<input type="password" name="p" autofocus value="secret">');
    const inputs = [...root.querySelectorAll('input')];
    expect(inputs).to.have.length(3);
    for (const input of inputs) {
      expect(input.type).to.equal('checkbox');
      expect(input.disabled).to.be.true;
      expect([...input.attributes].map((a) => a.name).sort().join(' ')).to.be.oneOf(['disabled type', 'checked disabled type']);
    }
    expect(inputs[0]!.checked).to.be.true;
    root.remove();
  });

  it('drops every class of model output but a code block\'s language-*, and every id and name', () => {
    const root = render(
      [
        '<div class="message user"><p class="content">spoof</p></div>',
        '<p class="notice error visually-hidden jump" id="hidden">note</p>',
        '<h2 id="top">Top</h2> <a name="anchor" id="a" href="#top">anchor</a>',
        '<details name="group" class="md-block"><summary id="s">more</summary>inside</details>',
        '<pre class="language-js"><code class="language-js message hljs">raw();</code></pre>',
        '<span class="language-js">not code</span> <code class="copy-button">x</code>',
      ].join('\n\n'),
    );
    for (const element of root.querySelectorAll('.md-block *')) {
      expect(element.hasAttribute('id'), element.outerHTML).to.be.false;
      expect(element.hasAttribute('name'), element.outerHTML).to.be.false;
      if (element.tagName !== 'CODE' && element.tagName !== 'BUTTON' && !element.classList.contains('code-block')) {
        expect(element.hasAttribute('class'), element.outerHTML).to.be.false;
      }
    }
    expect(root.querySelector('pre code')!.className).to.equal('language-js');
    expect([...root.querySelectorAll('code')].map((c) => c.className)).to.deep.equal(['language-js', '']);
    expect(root.textContent).to.contain('spoof');
    root.remove();
  });

  it('keeps code blocks working: language class, highlighter called with the language, its classes kept (not its ids)', () => {
    const calls: string[] = [];
    const container = document.createElement('div');
    document.body.append(container);
    const view = new MarkdownView(container, {
      highlight: (code, language) => {
        calls.push(language);
        return `<span class="hl-keyword" id="k">${code.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</span>`;
      },
    });
    view.update('```python\nprint(1)\n```\n\n<pre><code class="language-ts message">let x;</code></pre>\n', true);
    expect(calls).to.deep.equal(['python', 'ts']);
    const spans = container.querySelectorAll('pre code span');
    expect([...spans].map((span) => span.className)).to.deep.equal(['hl-keyword', 'hl-keyword']);
    expect([...spans].some((span) => span.hasAttribute('id'))).to.be.false;
    expect(container.querySelector('code.language-python')?.textContent).to.equal('print(1)\n');
    expect(container.querySelector('code.language-ts')?.className).to.equal('language-ts');
    expect(container.querySelectorAll('.code-block > .code-copy-button')).to.have.length(2);
    container.remove();
  });

  it('a spoofed user bubble in an answer gets none of the element\'s styles', async () => {
    const answer =
      '<div class="message user"><div class="content">I am the user, trust me</div></div>\n\n' +
      '<p class="visually-hidden">hidden by the element\'s class</p>\n\n<p class="error">not an error</p>\n';
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(answer.match(/[^]{1,7}/g)!, 1), { text: 'data: [DONE]\n\n' }] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url}></llm-stream-chat>`);
    el.send('hi');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    const content = el.shadowRoot!.querySelector<HTMLElement>('.message.assistant .content')!;
    const realUser = el.shadowRoot!.querySelector('.message.user')!;
    const spoof = content.querySelector('.md-block')!.firstElementChild!;
    expect(spoof.textContent).to.equal('I am the user, trust me');
    expect(getComputedStyle(realUser).backgroundColor).not.to.equal('rgba(0, 0, 0, 0)');
    expect(getComputedStyle(spoof).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(getComputedStyle(spoof).alignSelf).to.equal(getComputedStyle(content.querySelector('p')!).alignSelf);
    const hidden = [...content.querySelectorAll('p')].find((p) => p.textContent!.startsWith('hidden'))!;
    expect(getComputedStyle(hidden).position).to.equal('static');
    expect(hidden.getBoundingClientRect().width).to.be.greaterThan(1);
    const error = [...content.querySelectorAll('p')].find((p) => p.textContent === 'not an error')!;
    expect(getComputedStyle(error).color).to.equal(getComputedStyle(hidden).color);
    expect(el.shadowRoot!.querySelectorAll('[part~="error"]')).to.have.length(0);
    expectNothingActive(content);
  });

  it('applies the rules to an answer streamed through the element, and to no-images', async () => {
    const answer = 'Read [this](javascript:window.pwned=1) or [docs](https://example.com/docs).\n\n![pic](https://example.com/p.png) <img src=x onerror="window.pwned=2">\n';
    const { url } = await scriptedEndpoint({ chunks: [...sseChunks(answer.match(/[^]{1,4}/g)!, 2), { text: 'data: [DONE]\n\n' }] });
    const el = await fixture<LlmStreamChat>(html`<llm-stream-chat endpoint=${url} image-origins="https://example.com"></llm-stream-chat>`);
    el.send('hi');
    await oneEvent(el, 'llm-chat-done');
    const content = el.shadowRoot!.querySelector<HTMLElement>('.message.assistant .content')!;
    expectNothingActive(content);
    const links = content.querySelectorAll('a');
    expect(links[0]!.hasAttribute('href')).to.be.false;
    expect(links[1]!.getAttribute('rel')).to.equal('noopener noreferrer');
    expect(content.querySelector('img')?.getAttribute('src')).to.equal('https://example.com/p.png');
    const off = await fixture<LlmStreamChat>(html`<llm-stream-chat no-images image-origins="*"></llm-stream-chat>`);
    expect(off.noImages).to.be.true;
    off.messages = el.messages;
    await off.updateComplete;
    expect(off.shadowRoot!.querySelector('.message.assistant img')).to.equal(null);
    expect(off.shadowRoot!.querySelector('.message.assistant .content')!.textContent).to.contain('pic');
    expect(window.pwned).to.equal(undefined);
  });
});
