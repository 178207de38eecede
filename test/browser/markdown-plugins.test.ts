// The Markdown plugins (math, highlight, mermaid) in the incremental view: formulas and diagrams
// streamed chunk by chunk show no error and render once closed, and a streamed answer ends equal
// to the same answer restored at once.
import { expect } from '@open-wc/testing';
import type { MarkdownPlugin } from '../../src/core/markdown/plugins.js';
import { MarkdownView } from '../../src/markdown/markdown-view.js';
import { randomChunks } from '../fixtures/markdown/llm-answers.mjs';
import { DIAGRAM, technicalAnswer } from '../fixtures/markdown/technical-answer.mjs';

/**
 * The plugins as the script-tag build ships them (`npm run build` makes them): their libraries
 * bundled, as highlight.js's and Mermaid's CommonJS parts need.
 */
async function builtPlugin(name: string): Promise<MarkdownPlugin> {
  return (
    (await import(/* @vite-ignore */ `/dist/browser/plugins/${name}.js`)) as { default: () => MarkdownPlugin }
  ).default();
}

const plugins = await Promise.all(['math', 'highlight', 'mermaid'].map(builtPlugin));

function host(): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  return container;
}

async function oneShot(text: string): Promise<HTMLElement> {
  const container = host();
  const view = new MarkdownView(container, { plugins });
  view.update(text, true);
  await view.settled();
  return container;
}

/** Streams the pieces as the element does, calling `check` after each one. */
async function streamed(
  pieces: string[],
  check?: (container: HTMLElement, text: string) => void,
): Promise<HTMLElement> {
  const container = host();
  const view = new MarkdownView(container, { plugins });
  let text = '';
  for (const piece of pieces) {
    view.update((text += piece), false);
    check?.(container, text);
  }
  view.update(text, true);
  await view.settled();
  return container;
}

describe('Markdown plugins in the incremental view', () => {
  afterEach(() => {
    for (const element of document.body.querySelectorAll(':scope > div')) element.remove();
  });

  it('math: a formula streamed character by character shows no error and renders once closed', async () => {
    const text = 'Energy: $E = mc^2$ and\n\n$$\n\\frac{a}{b} + \\sqrt{x^2}\n$$\n\nDone \\(x_1\\).';
    // Load KaTeX first, so that the live tail renders each formula the moment it closes.
    await oneShot('$x$');
    let closedInline = false;
    const container = await streamed([...text], (shown, sofar) => {
      // KaTeX never reports an error: a formula is either rendered, or its source as code.
      expect(shown.querySelector('.katex-error, [style*="color"]'), sofar).to.equal(null);
      if (/\$E = mc\^2\$/.test(sofar)) {
        closedInline = true;
        expect(shown.querySelector('.math math'), `inline closed at ${JSON.stringify(sofar)}`).to.not.equal(null);
      }
    });
    expect(closedInline).to.be.true;
    const formulas = [...container.querySelectorAll('math')];
    expect(formulas).to.have.length(3);
    // Accessible MathML with the source kept as an annotation; the display formula is a block.
    expect(formulas[1]!.getAttribute('display')).to.equal('block');
    expect(formulas[1]!.querySelector('annotation[encoding="application/x-tex"]')!.textContent).to.contain(
      '\\frac{a}{b}',
    );
    expect(container.querySelector('.math-display')).to.not.equal(null);
    expect(container.querySelector('pre')).to.equal(null);
  });

  it('math: an unclosed or invalid formula stays visible as its source', async () => {
    const container = await oneShot('Broken $\\frac{1}{$ inline.\n\n$$\n\\begin{matrix} a\n');
    expect(container.querySelector('math')).to.equal(null);
    expect(container.querySelector('code.language-math')!.textContent).to.equal('\\frac{1}{');
    expect(container.querySelector('pre > code')!.textContent).to.equal('\\begin{matrix} a');
  });

  it('math: KaTeX commands that could link, style or load are not trusted', async () => {
    const container = await oneShot(
      '$\\href{javascript:alert(1)}{x}$ $\\url{https://example.com}$ $\\htmlClass{message user}{y}$ ' +
        '$\\htmlId{log}{z}$ $\\htmlStyle{position:fixed}{w}$ $\\includegraphics{https://example.com/a.png}$',
    );
    expect(
      container.querySelectorAll('a, img, [href], [class~="message"], [id="log"], [style*="fixed"]'),
    ).to.have.length(0);
  });

  it('mermaid: a diagram streamed chunk by chunk renders once its fence closes, as an image', async () => {
    const text = `Before.\n\n\`\`\`mermaid\n${DIAGRAM}\`\`\`\n\nAfter.`;
    const closeAt = text.indexOf('```\n\nAfter');
    const container = await streamed(randomChunks(text, 7, 6), (shown, sofar) => {
      if (sofar.length <= closeAt) {
        // While it streams the source shows as code: no error box, no half diagram.
        expect(shown.querySelector('.diagram, svg, [id^="llm-chat-mermaid"]'), sofar).to.equal(null);
      }
    });
    const img = container.querySelector<HTMLImageElement>('figure.diagram > img')!;
    expect(img).to.not.equal(null);
    expect(img.src.startsWith('data:image/svg+xml')).to.be.true;
    expect(img.alt).to.contain('Diagram');
    await img.decode();
    expect(img.naturalWidth).to.be.greaterThan(50);
    expect(container.querySelector('code.language-mermaid')).to.equal(null);
    // Mermaid's scratch elements are gone from the page.
    expect(document.querySelector('[id^="llm-chat-mermaid"], [id^="dllm-chat-mermaid"]')).to.equal(null);
  });

  it('mermaid: click directives and javascript: links in a diagram do nothing', async () => {
    delete (window as { pwned?: unknown }).pwned;
    const source =
      'flowchart LR\n  A[Click me] --> B[Or me]\n  click A "javascript:window.pwned=1" "tip"\n  click B call eval("window.pwned=2")\n' +
      '  C["<img src=x onerror=window.pwned=3>"]\n';
    const container = await oneShot(`\`\`\`mermaid\n${source}\`\`\``);
    const img = container.querySelector<HTMLImageElement>('figure.diagram > img');
    // Rendered as an image (a browser runs no script in one), or left as its source.
    if (img) {
      const svg = decodeURIComponent(img.src.slice(img.src.indexOf(',') + 1));
      expect(svg).to.not.match(/javascript:|onerror|onclick/i);
    } else {
      expect(container.querySelector('code.language-mermaid')).to.not.equal(null);
    }
    expect(container.querySelectorAll('a, [onclick], script, iframe')).to.have.length(0);
    expect((window as { pwned?: unknown }).pwned).to.equal(undefined);
  });

  it('highlight: code is highlighted once its fence closes, never while it streams', async () => {
    const text = 'Code:\n\n```ts\nconst x: number = 1; // one\n```\n\nAfter.';
    await oneShot('```ts\nlet a = 1\n```'); // the language loads once
    const closeAt = text.indexOf('```\n\nAfter');
    const container = await streamed([...text], (shown, sofar) => {
      if (sofar.length <= closeAt) expect(shown.querySelector('.hljs-keyword'), sofar).to.equal(null);
    });
    const code = container.querySelector('pre > code.hljs')!;
    expect(code.textContent).to.equal('const x: number = 1; // one\n');
    expect(code.querySelector('.hljs-keyword')!.textContent).to.equal('const');
    expect(code.querySelector('.hljs-comment')!.textContent).to.equal('// one');
  });

  it('a streamed technical answer ends equal to the same answer restored at once', async function () {
    this.timeout(120_000);
    const text = technicalAnswer(6000, { diagramEvery: 3 });
    const expected = await oneShot(text);
    expect(expected.querySelectorAll('math').length).to.be.greaterThan(10);
    expect(expected.querySelectorAll('.hljs-keyword').length).to.be.greaterThan(5);
    expect(expected.querySelectorAll('figure.diagram').length).to.be.greaterThan(0);
    expect(expected.querySelectorAll('.table-block').length).to.be.greaterThan(1);
    for (const [seed, max] of [
      [1, 3],
      [2, 40],
      [3, 200],
    ] as const) {
      const actual = await streamed(randomChunks(text, seed, max));
      if (actual.innerHTML !== expected.innerHTML)
        expect(actual.innerHTML, `seed ${seed}`).to.equal(expected.innerHTML);
      expect(actual.isEqualNode(expected), `seed ${seed}`).to.be.true;
    }
  });
});
