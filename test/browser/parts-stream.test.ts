// Answers with parts streamed through the element: every recorded provider stream of
// test/fixtures/rich (under random network chunkings) gives the parts the provider sent and
// renders them in order; reasoning is open while it streams and collapses once text starts; a
// tool card runs, then is done; and an AI SDK route handler with a tool and a reasoning mock
// model (ai/test) renders all of it and takes the next turn, typed and sent as a user does.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { scriptedEndpoint, type ScriptChunk } from '../support/script-client.js';
import { chatFixture, inputOf, lastMessage, parts } from './ui-helpers.js';

type Part = Record<string, unknown> & { type: string };
interface Fixture {
  file: string;
  contentType: string;
  headers?: Record<string, string>;
  format: string;
  content: string;
  finishReason?: string;
  parts: Part[];
}

const PATIENT = { timeout: 15_000 };
const fixtures = (await (await fetch('/test/fixtures/rich/expected.json')).json()) as Fixture[];

function pick(actual: Part, expected: Part): Part {
  return Object.fromEntries(Object.keys(expected).map((key) => [key, actual[key]])) as Part;
}

/** Cuts bytes into random pieces (a seeded LCG), a few ms apart. */
function randomChunks(bytes: Uint8Array, seed: number): ScriptChunk[] {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const chunks: ScriptChunk[] = [];
  for (let i = 0; i < bytes.length; ) {
    const size = 1 + Math.floor(random() * 48);
    let binary = '';
    for (const byte of bytes.subarray(i, i + size)) binary += String.fromCharCode(byte);
    chunks.push({ base64: btoa(binary), delayMs: Math.floor(random() * 3) });
    i += size;
  }
  return chunks;
}

function bubble(el: LlmStreamChat): HTMLElement {
  return parts(el, 'assistant-message').at(-1) as HTMLElement;
}

const sse = (chunk: unknown, delayMs = 0): ScriptChunk => ({ text: `data: ${JSON.stringify(chunk)}\n\n`, delayMs });

describe('answers with parts, streamed', () => {
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  for (const fixture of fixtures) {
    it(`${fixture.file}: the parts the provider sent, rendered in order`, async () => {
      const bytes = new Uint8Array(await (await fetch(`/test/fixtures/rich/${fixture.file}`)).arrayBuffer());
      for (const seed of [1, 2]) {
        const { url } = await scriptedEndpoint({
          headers: { 'Content-Type': fixture.contentType, ...fixture.headers },
          chunks: randomChunks(bytes, seed * 7919 + fixture.file.length),
        });
        const el = await chatFixture(url, '640px');
        const done = oneEvent(el, 'llm-chat-done');
        el.send('Go');
        await done;
        await el.updateComplete;
        const message = lastMessage(el);
        expect(message.status).to.equal('complete');
        expect(message.content).to.equal(fixture.content);
        const got = (message.parts ?? []) as unknown as Part[];
        expect(got.map((part, i) => (fixture.parts[i] ? pick(part, fixture.parts[i]) : part))).to.deep.equal(fixture.parts);

        const view = bubble(el);
        const kinds = fixture.parts.map((p) => p.type);
        const reasoning = kinds.filter((k) => k === 'reasoning').length;
        const tools = kinds.filter((k) => k === 'dynamic-tool' || k.startsWith('tool-')).length;
        const sources = fixture.parts.filter((p) => p.type === 'source-url' || p.type === 'source-document');
        expect(view.querySelectorAll('[part~="reasoning"]')).to.have.length(reasoning);
        expect(view.querySelectorAll('[part~="tool-call"]')).to.have.length(tools);
        expect([...view.querySelectorAll('[part~="source"] .source-title')].map((s) => s.textContent)).to.deep.equal(
          sources.map((s) => (s.title as string) || new URL(s.url as string).hostname.replace(/^www\./, '')),
        );
        expect(view.querySelectorAll<HTMLDetailsElement>('[part~="reasoning"][open]'), 'collapsed once done').to.have.length(0);
        const text = [...view.querySelectorAll('[part~="content"]')].map((c) => c.textContent!.trim()).join(' ');
        for (const part of fixture.parts.filter((p) => p.type === 'text')) {
          expect(text).to.contain((part.text as string).replace(/\*\*/g, '').slice(0, 12));
        }
        el.remove();
      }
    });
  }

  it('reasoning: open with "Thinking…" while it streams, collapsed with "Thought for N s" once text starts', async () => {
    const { url } = await scriptedEndpoint({
      headers: { 'Content-Type': 'text/event-stream' },
      chunks: [
        sse({ type: 'start' }),
        sse({ type: 'reasoning-start', id: 'r' }),
        sse({ type: 'reasoning-delta', id: 'r', delta: 'Let me **think** about it.' }),
        sse({ type: 'reasoning-delta', id: 'r', delta: ' Still thinking.' }, 1200),
        sse({ type: 'reasoning-end', id: 'r' }, 600),
        sse({ type: 'text-start', id: 't' }),
        sse({ type: 'text-delta', id: 't', delta: 'The answer.' }, 600),
        sse({ type: 'text-end', id: 't' }),
        sse({ type: 'finish' }, 600),
        { text: 'data: [DONE]\n\n' },
      ],
    });
    const el = await chatFixture(url, '480px');
    el.send('Think');
    await waitUntil(() => bubble(el)?.querySelector('[part~="reasoning"] strong'), 'no reasoning', PATIENT);
    const details = bubble(el).querySelector<HTMLDetailsElement>('[part~="reasoning"]')!;
    expect(details.open).to.be.true;
    expect(details.querySelector('[part~="reasoning-summary"]')!.textContent!.trim()).to.equal('Thinking…');
    await waitUntil(() => lastMessage(el).content === 'The answer.', 'no text', PATIENT);
    await el.updateComplete;
    expect(details.open, 'collapsed once the answer text starts').to.be.false;
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    expect(details.querySelector('[part~="reasoning-summary"]')!.textContent!.trim()).to.match(/^Thought for [1-9]\d* s$/);
    expect(details.querySelector('[part~="reasoning-text"]')!.textContent).to.contain('Still thinking.');
  });

  it('a tool card runs while its input streams (motion stops under reduced motion), then shows done and its output', async () => {
    const { url } = await scriptedEndpoint({
      headers: { 'Content-Type': 'text/event-stream' },
      chunks: [
        sse({ type: 'start' }),
        sse({ type: 'tool-input-start', toolCallId: 'c', toolName: 'search' }),
        sse({ type: 'tool-input-delta', toolCallId: 'c', inputTextDelta: '{"query": "<img src=x onerror=alert(1)>' }),
        sse({ type: 'tool-input-delta', toolCallId: 'c', inputTextDelta: '"}' }, 1200),
        sse({ type: 'tool-input-available', toolCallId: 'c', toolName: 'search', input: { query: '<img src=x onerror=alert(1)>' } }),
        sse({ type: 'tool-output-available', toolCallId: 'c', output: { hits: 3 } }, 300),
        sse({ type: 'text-start', id: 't' }),
        sse({ type: 'text-delta', id: 't', delta: 'Found 3.' }),
        sse({ type: 'text-end', id: 't' }),
        sse({ type: 'finish' }),
        { text: 'data: [DONE]\n\n' },
      ],
    });
    const el = await chatFixture(url, '480px');
    el.send('Search');
    await waitUntil(() => bubble(el)?.querySelector('[part~="tool-call-running"]'), 'no running card', PATIENT);
    const card = bubble(el).querySelector<HTMLElement>('[part~="tool-call"]')!;
    expect(card.querySelector('[part~="tool-state"]')!.textContent!.trim()).to.equal('Running');
    expect(card.getAttribute('aria-busy')).to.equal('true');
    const icon = card.querySelector('.tool-icon')!;
    expect(getComputedStyle(icon).animationName).to.equal('llm-chat-pulse');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(icon).animationName).to.equal('none');
    await oneEvent(el, 'llm-chat-done');
    await el.updateComplete;
    expect(card.getAttribute('part')).to.equal('tool-call tool-call-done');
    expect(card.querySelector('[part~="tool-input"]')!.textContent).to.equal('{\n  "query": "<img src=x onerror=alert(1)>"\n}');
    expect(card.querySelector('img'), 'the input is text, never HTML').to.equal(null);
    expect(card.querySelector('[part~="tool-output"] pre')!.textContent).to.equal('{\n  "hits": 3\n}');
  });

  it('an AI SDK route handler with a tool and reasoning (its own mock model) renders them all and takes the next turn', async () => {
    const el = await chatFixture('/real/ai-sdk-tools', '720px');
    const input = inputOf(el);
    input.focus();
    await sendKeys({ type: 'Weather in Paris?' });
    let done = oneEvent(el, 'llm-chat-done');
    await sendKeys({ press: 'Enter' });
    await done;
    await el.updateComplete;
    let view = bubble(el);
    expect(view.querySelectorAll('[part~="reasoning"]')).to.have.length(2);
    const card = view.querySelector('[part~="tool-call"]')!;
    expect(card.querySelector('[part~="tool-name"]')!.textContent).to.equal('getWeather');
    expect(card.querySelector('[part~="tool-state"]')!.textContent!.trim()).to.equal('Done');
    expect(JSON.parse(card.querySelector('[part~="tool-input"]')!.textContent!)).to.deep.equal({ city: 'Paris' });
    expect(JSON.parse(card.querySelector('[part~="tool-output"] pre')!.textContent!)).to.deep.equal({ city: 'Paris', temperature: 17, condition: 'Cloudy' });
    expect(view.querySelector('[part~="content"]')!.textContent!.trim()).to.equal('Turn 1: it is 17 °C in Paris (0 earlier tool results).');
    expect(view.querySelector<HTMLAnchorElement>('[part~="source-link"]')!.href).to.equal('https://weather.example.com/Paris');

    // The next turn, typed: the server must get the first answer's parts (its tool result) back.
    await sendKeys({ type: 'And in Lyon?' });
    done = oneEvent(el, 'llm-chat-done');
    await sendKeys({ press: 'Enter' });
    await done;
    await el.updateComplete;
    view = bubble(el);
    expect(view.querySelector('[part~="content"]')!.textContent!.trim()).to.equal('Turn 2: it is 16 °C in Lyon (1 earlier tool result).');
    expect(el.messages).to.have.length(4);
  });
});
