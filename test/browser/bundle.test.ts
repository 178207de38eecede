// The script-tag builds (dist/browser/), as they are: the real minified files, loaded by plain
// HTML pages in an iframe, talking to the loopback mock backend.
import { expect, waitUntil } from '@open-wc/testing';
import { pickAnswer } from '../../demo/mock-model.mjs';
import { askThroughUi, chatElementIn, lastAnswer, loadFrame, type LoadedFrame } from '../support/page-frame.js';
import { clickControl } from '../support/user-input.js';

type BundleWindow = LoadedFrame['window'] & { LlmStreamChat?: { LlmStreamChat: CustomElementConstructor } };

describe('script-tag builds', () => {
  let page: LoadedFrame;

  afterEach(() => page?.frame.remove());

  it('the IIFE works from a plain HTML file with one <script> tag: a full streamed exchange', async () => {
    page = await loadFrame('/demo/script-tag.html');
    const scripts = [...page.document.querySelectorAll('script')];
    expect(scripts.map((s) => s.getAttribute('src'))).to.deep.equal(['../dist/browser/llm-stream-chat.iife.js']);
    expect(scripts[0].type, 'a classic script, not a module').to.equal('');
    const win = page.window as BundleWindow;
    expect(win.customElements.get('llm-stream-chat')).to.equal(win.LlmStreamChat?.LlmStreamChat);

    const element = await chatElementIn(page);
    const question = 'Show me some markdown';
    const done = await askThroughUi(page, element, question);
    expect(done.detail.message.content).to.equal(pickAnswer([{ role: 'user', content: question }]));
    const content = lastAnswer(element);
    expect(content.querySelector('h2')).to.exist;
    expect(content.querySelector('table')).to.exist;
    expect(element.messages.map((m) => [m.role, m.status])).to.deep.equal([
      ['user', 'complete'],
      ['assistant', 'complete'],
    ]);
  });

  it('one script tag and one <llm-stream-chat-launcher endpoint> give a page its chat bubble', async () => {
    page = await loadFrame('/demo/launcher.html');
    // (The test server may add its own web-socket script to a page; the page's own are compared.)
    const scripts = [...page.document.querySelectorAll('script')].filter((s) => !s.src.includes('/__web-dev-server'));
    expect(scripts.map((s) => s.getAttribute('src'))).to.deep.equal(['../dist/browser/llm-stream-chat.iife.js']);
    await page.window.customElements.whenDefined('llm-stream-chat-launcher');
    const launcher = page.document.querySelector('llm-stream-chat-launcher')! as HTMLElement & { updateComplete: Promise<boolean>; open: boolean };
    // The bubble is fixed to the frame's bottom corner: keep all of the frame in the test's viewport.
    page.frame.style.height = '480px';
    page.frame.scrollIntoView();
    await launcher.updateComplete;
    await clickControl(launcher, 'button');
    await launcher.updateComplete;
    expect(launcher.open).to.be.true;
    const element = await chatElementIn(page);
    expect(element.parentElement).to.equal(launcher);
    const done = await askThroughUi(page, element, 'hello');
    expect(done.detail.message.status).to.equal('complete');
  });

  it('a second copy on the page (the ES build after the IIFE) warns once and throws nothing', async () => {
    page = await loadFrame('/demo/script-tag.html');
    const win = page.window as BundleWindow;
    const first = await chatElementIn(page);
    const warnings: string[] = [];
    const errors: string[] = [];
    win.console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    win.addEventListener('error', (event) => errors.push(event.message));

    const second = page.document.createElement('script');
    second.type = 'module';
    second.src = '/dist/browser/llm-stream-chat.js';
    const loaded = new Promise((resolve) => second.addEventListener('load', resolve, { once: true }));
    page.document.head.append(second);
    await loaded;
    await waitUntil(() => warnings.length > 0, 'the second copy did not warn');

    expect(errors).to.deep.equal([]);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/<llm-stream-chat> is already defined by another copy/);
    expect(win.customElements.get('llm-stream-chat')).to.equal(win.LlmStreamChat?.LlmStreamChat);
    // The first copy still works.
    const done = await askThroughUi(page, first, 'hello');
    expect(done.detail.message.status).to.equal('complete');
  });
});
