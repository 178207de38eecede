// The element under a strict Content-Security-Policy with Trusted Types enforced: the demo page
// demo/csp.html, served with the policy header, streams an answer and renders its Markdown, and
// no policy violation is reported. Positive controls prove the policy really is in force.
import { expect, waitUntil } from '@open-wc/testing';
import { pickAnswer } from '../../demo/mock-model.mjs';
import { askThroughUi, chatElementIn, lastAnswer, loadFrame, type LoadedFrame } from '../support/page-frame.js';

interface Violation {
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}
type CspWindow = LoadedFrame['window'] & { cspViolations: Violation[] };

describe('strict CSP and Trusted Types (demo/csp.html)', () => {
  let page: LoadedFrame;

  afterEach(() => page?.frame.remove());

  it('is served with a policy without unsafe-inline or unsafe-eval, enforcing Trusted Types', async () => {
    const response = await fetch('/demo/csp.html');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).to.include("script-src 'self'");
    expect(policy).to.include("style-src 'self'");
    expect(policy).to.include("require-trusted-types-for 'script'");
    expect(policy).not.to.include('unsafe-inline');
    expect(policy).not.to.include('unsafe-eval');
  });

  it('streams an answer and renders its Markdown with no policy violation', async () => {
    page = await loadFrame('/demo/csp.html');
    const win = page.window as CspWindow;
    expect(win.cspViolations, 'the violation recorder did not run').to.be.an('array');
    const element = await chatElementIn(page);

    const question = 'Show me some markdown';
    const done = await askThroughUi(page, element, question);
    const expected = pickAnswer([{ role: 'user', content: question }]);
    expect(done.detail.message.content).to.equal(expected);

    const content = lastAnswer(element);
    expect(content.querySelector('h2'), 'no heading').to.exist;
    expect(content.querySelector('table'), 'no table').to.exist;
    expect(content.querySelector('pre code'), 'no code block').to.exist;
    // Sanitized HTML reached the DOM through DOMPurify's Trusted Types policy.
    expect(element.messages.map((m) => m.status)).to.deep.equal(['complete', 'complete']);
    expect(win.cspViolations).to.deep.equal([]);
    expect(page.document.getElementById('csp-violations')!.textContent).to.equal('0');
  });

  it('positive controls: eval, raw HTML and script URL strings, and an inline style are refused and reported', async () => {
    page = await loadFrame('/demo/csp.html');
    const win = page.window as CspWindow;
    await chatElementIn(page);
    expect(win.cspViolations).to.deep.equal([]);

    expect(() => win.eval('1 + 1'), 'eval ran').to.throw();
    expect(() => {
      page.document.createElement('div').innerHTML = '<b>raw</b>';
    }, 'a string reached innerHTML: Trusted Types not enforced').to.throw(/TrustedHTML/);
    expect(() => {
      page.document.createElement('script').src = 'data:text/javascript,1';
    }, 'a script URL string was accepted').to.throw(/TrustedScriptURL/);
    const style = page.document.createElement('style');
    style.textContent = 'body { background: red; }';
    page.document.head.append(style);

    await waitUntil(() => win.cspViolations.length >= 4, 'the violations were not all reported');
    const samples = win.cspViolations.map((v) => `${v.directive} ${v.sample}`);
    expect(samples.filter((s) => s.startsWith('require-trusted-types-for'))).to.have.length(3);
    expect(samples.some((s) => s.startsWith('style-src'))).to.equal(true, samples.join('\n'));
    expect(page.window.getComputedStyle(page.document.body).backgroundColor).not.to.equal('rgb(255, 0, 0)');
  });
});
