// Every vector of test/fixtures/xss/vectors.ts is streamed through the real element from the
// scripted loopback server, under several seeded chunkings. A MutationObserver on the shadow
// root checks every DOM state the element passes through (nodes added and later replaced
// included), and global traps catch any script that runs anyway.
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { XSS_VECTORS, type XssVector } from '../fixtures/xss/vectors.js';
import { scriptedEndpoint, type ScriptChunk } from '../support/script-client.js';
import { Rng, caseSeed, chunkBytes, encoder, ending, hostileServers, lastMessage, nextFrame, sseBody } from '../support/hostile-client.js';

/** How the answer is cut: into SSE events (deltas) and into network chunks (bytes). */
const CHUNKINGS = ['whole', 'random-deltas', 'random-bytes'] as const;
type Chunking = (typeof CHUNKINGS)[number];

/** Elements that must never exist anywhere in the shadow root, the element's own UI included. */
const FORBIDDEN_ANYWHERE = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'meta', 'link', 'style', 'portal']);

/**
 * Elements that must never appear in rendered model output: the above, forms and their controls
 * (phishing, formaction), SVG `animate`/`set` (SMIL can set href to a script URL without touching
 * the DOM attribute, so no attribute check could see it; animateMotion/animateTransform cannot), `dialog` (its UA style positions it out of the message),
 * and `slot` (it would project the page's own light-DOM content into an answer).
 */
const FORBIDDEN_IN_CONTENT = new Set([
  ...FORBIDDEN_ANYWHERE,
  'form', 'input', 'button', 'textarea', 'select', 'isindex', 'keygen',
  'animate', 'set', 'discard', 'handler', 'listener',
  'dialog', 'slot',
]);

/** Attributes that hold URLs (or lists of them) somewhere in HTML, SVG or MathML. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'xlink:href', 'action', 'formaction', 'srcset', 'imagesrcset', 'poster', 'background', 'data',
  'codebase', 'cite', 'longdesc', 'usemap', 'lowsrc', 'dynsrc', 'ping', 'manifest', 'profile', 'archive', 'classid',
  'icon', 'values', 'to', 'from', 'by',
]);

/**
 * Attributes that would tie model output to the host page (its `::part()` rules, its slots) or
 * to the element's own nodes in the shadow root (ids that IDREFs resolve to, `name` groups).
 */
const FORBIDDEN_ATTRIBUTES_IN_CONTENT = new Set(['style', 'srcdoc', 'part', 'exportparts', 'slot', 'id', 'name']);

/**
 * The only classes rendered content may carry: the renderer's own wrappers and marked's
 * `language-*` on code. Any other would pick up the element's styles (a fake user bubble).
 */
function isAllowedClass(el: Element, token: string): boolean {
  if (el.localName === 'code') return /^language-\S+$/.test(token);
  if (el.localName === 'span' && el.parentElement && isRendererOwn(el.parentElement)) return token === 'image-alt' || token === 'image-host';
  if (el.localName === 'p' && token === 'md-guard-notice') return true;
  return el.localName === 'div' && ['md-chunk', 'md-block', 'md-live', 'md-guarded', 'code-block'].includes(token);
}

/** Whether a URL, as the browser would read it, runs script or renders an HTML document. */
function isDangerousUrl(raw: string): boolean {
  // The URL parser strips leading C0 controls and spaces, and every tab and newline.
  const value = raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '').toLowerCase();
  if (/^(?:javascript|vbscript):/.test(value)) return true;
  if (value.startsWith('data:')) {
    const mime = value.slice(5).replace(/^[\t\n\f\r ]+/, '');
    if (mime.startsWith('text/html') || mime.startsWith('application/xhtml+xml')) return true;
  }
  try {
    const { protocol } = new URL(raw, document.baseURI);
    return protocol === 'javascript:' || protocol === 'vbscript:';
  } catch {
    return false;
  }
}

function urlCandidates(name: string, value: string): string[] {
  if (name === 'srcset' || name === 'imagesrcset') return value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '');
  if (name === 'values') return value.split(';');
  return [value];
}

function describeElement(el: Element): string {
  return `<${el.localName}${[...el.attributes].map((a) => ` ${a.name}="${a.value.slice(0, 40)}"`).join('')}>`;
}

/** Watches one element's shadow root and records every rule any DOM state broke. */
/**
 * The two controls the Markdown renderer itself puts inside content, in their exact shapes: a GFM
 * task-list checkbox (the sanitizer strips every attribute but `checked` and forces these), and a
 * code block's copy button and an image placeholder (`part` is stripped from model output, so only our code can set it).
 */
function isRendererOwn(el: Element): boolean {
  const names = [...el.attributes].map((a) => a.name).sort().join(' ');
  if (el.localName === 'input') {
    return (el as HTMLInputElement).type === 'checkbox' && (names === 'disabled type' || names === 'checked disabled type');
  }
  if (el.localName === 'button' && el.getAttribute('part') === 'code-copy-button') {
    return names === 'aria-label class part type' && el.childElementCount === 0;
  }
  if (el.localName === 'button' && el.getAttribute('part') === 'image-placeholder') {
    return names === 'class part title type' && el.childElementCount === 2;
  }
  return false;
}

class DomWatcher {
  readonly violations = new Set<string>();
  states = 0;
  private readonly observer = new MutationObserver((records) => this.onRecords(records));

  constructor(private readonly root: ShadowRoot) {
    this.observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    this.scanAll();
  }

  /** Checks what is still queued, then stops watching. */
  finish(): void {
    this.onRecords(this.observer.takeRecords());
    this.observer.disconnect();
  }

  private onRecords(records: MutationRecord[]): void {
    if (records.length === 0) return;
    this.states++;
    for (const record of records) {
      const inContent = isInContent(record.target);
      if (record.type === 'childList') {
        // Nodes added here may be gone already (replaced in the same frame): check them anyway,
        // they were in the document for a moment, which is all a handler needs.
        record.addedNodes.forEach((node) => this.walk(node, inContent));
      } else if (record.type === 'attributes' && record.target instanceof Element) {
        this.checkElement(record.target, inContent);
      } else if (record.type === 'characterData' && record.target.parentElement?.localName === 'style') {
        this.violations.add('text written into a <style> element');
      }
    }
    this.scanAll();
  }

  /** The current state: every element, and the layout of rendered model output. */
  private scanAll(): void {
    this.walk(this.root, false);
    for (const el of this.root.querySelectorAll(TEXT_ONLY)) this.violations.add(`markup in text-only model output: ${describeElement(el)}`);
    for (const content of this.root.querySelectorAll('[part~="content"]')) {
      const message = content.closest('[part~="message"]') ?? content;
      const box = message.getBoundingClientRect();
      for (const el of content.querySelectorAll('*')) this.checkLayout(el, box);
    }
  }

  private walk(node: Node, inContent: boolean): void {
    if (node instanceof Element) {
      this.checkElement(node, inContent);
      if (node.matches(CONTENT_ROOTS)) inContent = true;
    }
    for (const child of node.childNodes) this.walk(child, inContent);
  }

  private checkElement(el: Element, inContent: boolean): void {
    const name = el.localName.toLowerCase();
    if (FORBIDDEN_ANYWHERE.has(name)) this.violations.add(`element ${describeElement(el)}`);
    for (const attribute of el.attributes) {
      const attr = attribute.name.toLowerCase();
      if (attr.startsWith('on')) this.violations.add(`event handler attribute ${attr} on ${describeElement(el)}`);
      // The parts' own links and images (sources, files) carry model URLs outside the content too.
      if (!inContent && URL_ATTRIBUTES.has(attr) && urlCandidates(attr, attribute.value).some(isDangerousUrl)) {
        this.violations.add(`dangerous URL in ${attr} on ${describeElement(el)}`);
      }
    }
    if (!inContent || el.matches(CONTENT_ROOTS) || isRendererOwn(el)) return;
    if (FORBIDDEN_IN_CONTENT.has(name)) this.violations.add(`element ${describeElement(el)} in model output`);
    for (const attribute of el.attributes) {
      const attr = attribute.name.toLowerCase();
      if (FORBIDDEN_ATTRIBUTES_IN_CONTENT.has(attr)) this.violations.add(`attribute ${attr} on ${describeElement(el)}`);
      if (URL_ATTRIBUTES.has(attr) && urlCandidates(attr, attribute.value).some(isDangerousUrl)) {
        this.violations.add(`dangerous URL in ${attr} on ${describeElement(el)}`);
      }
    }
    for (const token of el.classList) {
      if (!isAllowedClass(el, token)) this.violations.add(`class ${token} on ${describeElement(el)}`);
    }
  }

  /** Rendered model output stays in the flow of its message: nothing fixed, sticky, or escaping. */
  private checkLayout(el: Element, box: DOMRect): void {
    if (!el.isConnected || !el.checkVisibility()) return;
    const { position } = getComputedStyle(el);
    if (position === 'fixed' || position === 'sticky') {
      this.violations.add(`position: ${position} on ${describeElement(el)}`);
    } else if (position === 'absolute') {
      const r = el.getBoundingClientRect();
      const inside = r.left >= box.left - 1 && r.top >= box.top - 1 && r.right <= box.right + 1 && r.bottom <= box.bottom + 1;
      if (!inside) this.violations.add(`position: absolute out of the message box on ${describeElement(el)}`);
    }
  }
}

/** Where rendered model Markdown or renderer HTML lives: answers, reasoning, custom renderers' HTML. */
const CONTENT_ROOTS = '[part~="content"], [part~="reasoning-text"], [part~="custom-part"]';

/** Model text the parts bind as text only: any element inside them is markup that got through. */
const TEXT_ONLY = [
  '[part~="tool-input"] code *',
  '[part~="tool-output"] code *',
  '[part~="tool-error"] *',
  '[part~="tool-name"] *',
  '.source-title *',
  '[part~="file-link"] *',
].join(', ');

function isInContent(node: Node): boolean {
  const el = node instanceof Element ? node : node.parentElement;
  return el?.closest(CONTENT_ROOTS) != null;
}

/** The text deltas (one SSE event each) for a payload under a chunking. */
function deltasFor(payload: string, chunking: Chunking, rng: Rng): string[] {
  if (chunking === 'whole') return [payload];
  const deltas: string[] = [];
  let start = 0;
  for (let i = 1; i < payload.length; i++) {
    const cut =
      chunking === 'random-deltas'
        ? i - start >= rng.int(1, 12)
        : // Cut at the characters that matter to a tokenizer, so tags, attributes, entities and
          // schemes arrive split: `<` alone, `java` then `script:`, `&#10` then `6;`.
          /[<>"'=:&;#\n\t ()[\]/]/.test(payload[i - 1]) && rng.chance(0.6);
    if (cut) {
      deltas.push(payload.slice(start, i));
      start = i;
    }
  }
  deltas.push(payload.slice(start));
  return deltas;
}

/** The network chunks for a body under a chunking. */
function chunksFor(deltas: string[], chunking: Chunking, rng: Rng): ScriptChunk[] {
  const body = sseBody(deltas);
  if (chunking === 'whole') return [{ text: body }];
  if (chunking === 'random-deltas') {
    // One network chunk per event, 0–16 ms apart: most land in frames of their own.
    return [...deltas.map((d) => ({ text: sseBody([d], false), delayMs: rng.int(0, 16) })), { text: 'data: [DONE]\n\n' }];
  }
  return chunkBytes(encoder.encode(body), rng, 32, 10);
}

const traps: string[] = [];
let current = '';

function installTraps(): void {
  const w = window as unknown as Record<string, unknown>;
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open', '__xss']) {
    w[name] = (...args: unknown[]) => {
      traps.push(`${current}: ${name}(${args.map(String).join(', ')})`);
      return null;
    };
  }
}

interface RunResult {
  violations: string[];
  states: number;
  content: string;
  status: string;
}

async function streamOnce(vector: XssVector, chunking: Chunking, rng: Rng, host: HTMLElement): Promise<RunResult> {
  const deltas = deltasFor(vector.payload, chunking, rng);
  const { url } = await scriptedEndpoint({ chunks: chunksFor(deltas, chunking, rng) });
  const el = document.createElement('llm-stream-chat') as LlmStreamChat;
  el.endpoint = url;
  host.append(el);
  await el.updateComplete;
  const watcher = new DomWatcher(el.shadowRoot!);
  try {
    const ended = ending(el);
    el.send('Summarise the page for me.');
    await ended;
    // Two frames: the final render, and whatever a handler would have done after it.
    await nextFrame();
    await nextFrame();
    watcher.finish();
    const answer = lastMessage(el);
    return { violations: [...watcher.violations], states: watcher.states, content: answer.content, status: answer.status };
  } finally {
    el.remove();
  }
}

/**
 * The same payload in every other kind of part, as AI SDK UI message stream chunks: reasoning
 * (Markdown, streamed in the chunking's deltas), a tool's input (a JSON string value, its
 * arguments text streamed in the same deltas), output and error text, a source's title and URL,
 * a file's name and URL, and the answer text.
 */
function partsChunksFor(payload: string, chunking: Chunking, rng: Rng): ScriptChunk[] {
  const deltas = deltasFor(payload, chunking, rng);
  const input = JSON.stringify({ q: payload });
  const pieces = deltasFor(input, chunking, rng);
  const chunks: unknown[] = [
    { type: 'start' },
    { type: 'reasoning-start', id: 'r' },
    ...deltas.map((delta) => ({ type: 'reasoning-delta', id: 'r', delta })),
    { type: 'reasoning-end', id: 'r' },
    { type: 'tool-input-start', toolCallId: 'c1', toolName: 'search' },
    ...pieces.map((inputTextDelta) => ({ type: 'tool-input-delta', toolCallId: 'c1', inputTextDelta })),
    { type: 'tool-input-available', toolCallId: 'c1', toolName: 'search', input: { q: payload } },
    { type: 'tool-output-available', toolCallId: 'c1', output: payload },
    { type: 'tool-input-start', toolCallId: 'c2', toolName: 'fetch', dynamic: true },
    { type: 'tool-input-available', toolCallId: 'c2', toolName: 'fetch', input: payload, dynamic: true },
    { type: 'tool-output-error', toolCallId: 'c2', errorText: payload, dynamic: true },
    { type: 'source-url', sourceId: 's1', url: 'https://example.com/a', title: payload },
    { type: 'source-url', sourceId: 's2', url: payload, title: payload },
    { type: 'source-document', sourceId: 's3', mediaType: 'text/html', title: payload, filename: payload },
    { type: 'file', url: payload, mediaType: 'image/png', filename: payload },
    { type: 'file', url: payload, mediaType: 'text/html', filename: payload },
    { type: 'text-start', id: 't' },
    ...deltas.map((delta) => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish' },
  ];
  const body = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') + 'data: [DONE]\n\n';
  if (chunking === 'whole') return [{ text: body }];
  if (chunking === 'random-deltas') {
    return chunks.map((chunk) => ({ text: `data: ${JSON.stringify(chunk)}\n\n`, delayMs: rng.int(0, 16) }));
  }
  return chunkBytes(encoder.encode(body), rng, 32, 10);
}

async function streamPartsOnce(vector: XssVector, chunking: Chunking, rng: Rng, host: HTMLElement): Promise<RunResult & { reasoning: string; input: unknown }> {
  const { url } = await scriptedEndpoint({ chunks: partsChunksFor(vector.payload, chunking, rng), headers: { 'x-vercel-ai-ui-message-stream': 'v1' } });
  const el = document.createElement('llm-stream-chat') as LlmStreamChat;
  el.endpoint = url;
  host.append(el);
  await el.updateComplete;
  const watcher = new DomWatcher(el.shadowRoot!);
  try {
    const ended = ending(el);
    el.send('Search the web for me.');
    await ended;
    await nextFrame();
    // Open every disclosure, so the reasoning and the tool output are laid out and checked too.
    for (const details of el.shadowRoot!.querySelectorAll('details')) details.open = true;
    await nextFrame();
    await nextFrame();
    watcher.finish();
    const answer = lastMessage(el);
    const parts = (answer.parts ?? []) as unknown as Record<string, unknown>[];
    return {
      violations: [...watcher.violations],
      states: watcher.states,
      content: answer.content,
      status: answer.status,
      reasoning: String(parts.find((p) => p.type === 'reasoning')?.text ?? ''),
      input: parts.find((p) => p.type === 'tool-search')?.input,
    };
  } finally {
    el.remove();
  }
}

describe('XSS: hostile answers streamed through the element', function () {
  this.timeout(60_000);
  let seed = 0;
  let runs = 0;
  let states = 0;
  const host = document.createElement('div');
  // A narrow widget on a wider page, as an embedded chat is: an overlay has room to escape.
  host.style.cssText = 'inline-size: 22rem; margin: 2rem;';

  before(async () => {
    seed = (await hostileServers()).seed;
    document.body.append(host);
    installTraps();
  });

  after(async () => {
    await nextFrame();
    host.remove();
    console.log(
      `XSS suite: ${XSS_VECTORS.length} vectors × ${CHUNKINGS.length} chunkings = ${runs} streamed runs, ` +
        `${states} DOM states checked, seed ${seed}, traps fired: ${traps.length}`,
    );
    expect(traps, 'a trap fired after its test ended').to.deep.equal([]);
  });

  it(`has at least 150 vectors with unique ids`, () => {
    expect(XSS_VECTORS.length).to.be.at.least(150);
    expect(new Set(XSS_VECTORS.map((v) => v.id)).size).to.equal(XSS_VECTORS.length);
  });

  it('the watcher itself sees violations, including nodes that live for less than a frame', async () => {
    const probe = document.createElement('div');
    host.append(probe);
    const root = probe.attachShadow({ mode: 'open' });
    root.innerHTML = '<div part="message"><div part="content"></div></div><form part="composer"></form>';
    const content = root.querySelector('[part~="content"]')!;
    const watcher = new DomWatcher(root);
    // Added and removed in the same task: only the mutation records ever show it.
    const fleeting = document.createElement('a');
    fleeting.setAttribute('href', ' java\tscript:void 0');
    content.append(fleeting);
    fleeting.remove();
    const late = document.createElement('p');
    content.append(late);
    await nextFrame();
    late.setAttribute('onclick', 'void 0');
    const overlay = document.createElement('div');
    overlay.setAttribute('style', 'position: fixed; inset: 0');
    content.append(overlay);
    const spoof = document.createElement('div');
    spoof.className = 'md-block message';
    spoof.id = 'log';
    content.append(spoof);
    await nextFrame();
    watcher.finish();
    probe.remove();
    expect([...watcher.violations]).to.have.members([
      'dangerous URL in href on <a href=" java\tscript:void 0">',
      'event handler attribute onclick on <p onclick="void 0">',
      'attribute style on <div style="position: fixed; inset: 0">',
      'position: fixed on <div style="position: fixed; inset: 0">',
      'attribute id on <div class="md-block message" id="log">',
      'class message on <div class="md-block message" id="log">',
    ]);
  });

  XSS_VECTORS.forEach((vector, index) => {
    it(`${vector.id}: ${JSON.stringify(vector.payload).slice(0, 90)}`, async () => {
      current = vector.id;
      const results = await Promise.all(
        CHUNKINGS.map((chunking, c) => streamOnce(vector, chunking, new Rng(caseSeed(seed, index, c)), host)),
      );
      runs += results.length;
      const problems: string[] = [];
      results.forEach((result, c) => {
        states += result.states;
        for (const v of result.violations) problems.push(`${CHUNKINGS[c]}: ${v}`);
        // The stream itself must survive the chunking: the exact payload, complete.
        if (result.status !== 'complete' || result.content !== vector.payload) {
          problems.push(`${CHUNKINGS[c]}: ended ${result.status} with ${JSON.stringify(result.content.slice(0, 60))}`);
        }
      });
      expect(problems, `seed ${seed}`).to.deep.equal([]);
      expect(traps, `seed ${seed}`).to.deep.equal([]);
    });
  });

  XSS_VECTORS.forEach((vector, index) => {
    it(`in reasoning, tool input, output and error, source titles and URLs, file names and URLs: ${vector.id}`, async () => {
      current = `${vector.id} (parts)`;
      const results = await Promise.all(
        CHUNKINGS.map((chunking, c) => streamPartsOnce(vector, chunking, new Rng(caseSeed(seed, index, c + CHUNKINGS.length)), host)),
      );
      runs += results.length;
      const problems: string[] = [];
      results.forEach((result, c) => {
        states += result.states;
        for (const v of result.violations) problems.push(`${CHUNKINGS[c]}: ${v}`);
        if (result.status !== 'complete' || result.content !== vector.payload || result.reasoning !== vector.payload) {
          problems.push(`${CHUNKINGS[c]}: ended ${result.status} with ${JSON.stringify(result.reasoning.slice(0, 60))}`);
        }
        if (JSON.stringify(result.input) !== JSON.stringify({ q: vector.payload })) problems.push(`${CHUNKINGS[c]}: tool input ${JSON.stringify(result.input)}`);
      });
      expect(problems, `seed ${seed}`).to.deep.equal([]);
      expect(traps, `seed ${seed}`).to.deep.equal([]);
    });
  });
});
