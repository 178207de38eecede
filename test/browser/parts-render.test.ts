// The parts of an answer as the element shows them: reasoning, tool calls, sources, files, data
// parts and custom renderers, on answers restored through `messages` (the streamed path is in
// parts-stream.test.ts). Controls are pressed with the real pointer at their centre.
import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys, sendMouse } from '@web/test-runner-commands';
import { html as litHtml } from 'lit';
import type { ChatMessage } from '../../src/core/messages.js';
import type { LlmStreamChat } from '../../src/llm-stream-chat.js';
import { chatFixture, part, parts } from './ui-helpers.js';

type Part = Record<string, unknown> & { type: string };

const RICH: Part[] = [
  { type: 'step-start' },
  { type: 'reasoning', text: 'The user wants the **weather**.', state: 'done' },
  { type: 'tool-getWeather', toolCallId: 'c1', state: 'output-available', input: { city: 'Paris' }, output: { temperature: 18 } },
  { type: 'dynamic-tool', toolName: 'lookupStation', toolCallId: 'c2', state: 'output-error', input: { near: 'Paris' }, errorText: 'Station service unavailable' },
  { type: 'data-weather', id: 'wx', data: { city: 'Paris', temperature: 18 } },
  { type: 'text', text: 'It is **18 °C** in Paris.' },
  { type: 'source-url', sourceId: 's1', url: 'https://weather.example.com/paris', title: 'Paris forecast' },
  { type: 'source-url', sourceId: 's2', url: 'https://www.example.org/a/b' },
  { type: 'source-url', sourceId: 's3', url: 'javascript:alert(1)', title: 'Bad link' },
  { type: 'source-document', sourceId: 's4', mediaType: 'application/pdf', title: 'Climate report' },
  { type: 'file', mediaType: 'image/png', url: 'https://weather.example.com/map.png', filename: 'map.png' },
  { type: 'file', mediaType: 'application/pdf', url: 'https://weather.example.com/report.pdf', filename: 'report.pdf' },
  { type: 'file', mediaType: 'text/html', url: 'data:text/html,<script>alert(1)</script>', filename: 'page.html' },
];

function conversation(partsOfAnswer: Part[], last: Partial<ChatMessage> = {}): ChatMessage[] {
  const text = partsOfAnswer.filter((p) => p.type === 'text').map((p) => p.text).join('');
  return [
    { id: 'u1', role: 'user', content: 'Weather in Paris?', status: 'complete' },
    { id: 'a1', role: 'assistant', content: text, status: 'complete', parts: partsOfAnswer, ...last } as ChatMessage,
  ];
}

async function restored(partsOfAnswer: Part[], setup?: (el: LlmStreamChat) => void): Promise<LlmStreamChat> {
  const el = await chatFixture('/never-called', '640px');
  setup?.(el);
  el.messages = conversation(partsOfAnswer);
  await el.updateComplete;
  return el;
}

async function clickCentre(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

describe('answer parts', () => {
  afterEach(() => emulateMedia({ colorScheme: 'no-preference', reducedMotion: 'no-preference' }));

  it('renders reasoning, tool calls, text, files and numbered sources in order; data parts stay hidden', async () => {
    const el = await restored(RICH);
    const bubble = parts(el, 'assistant-message')[0]!;
    const order = [...bubble.querySelectorAll('[part~="reasoning"], [part~="tool-call"], [part~="content"], [part~="file"], [part~="sources"]')].map(
      (node) => node.getAttribute('part')!.split(' ')[0],
    );
    expect(order).to.deep.equal(['reasoning', 'tool-call', 'tool-call', 'content', 'file', 'file', 'file', 'sources']);

    const reasoning = part<HTMLDetailsElement>(el, 'reasoning')!;
    expect(reasoning.open, 'a finished reasoning is collapsed').to.be.false;
    expect(part(el, 'reasoning-summary')!.textContent!.trim()).to.equal('Reasoning');
    expect(reasoning.querySelector('strong')!.textContent).to.equal('weather');

    const [weather, station] = parts(el, 'tool-call');
    expect(weather!.getAttribute('aria-label')).to.equal('Tool: getWeather');
    expect(weather!.querySelector('[part~="tool-state"]')!.textContent!.trim()).to.equal('Done');
    expect(weather!.querySelector('[part~="tool-input"]')!.textContent).to.equal('{\n  "city": "Paris"\n}');
    const output = weather!.querySelector<HTMLDetailsElement>('[part~="tool-output"]')!;
    expect(output.open, 'output is collapsed').to.be.false;
    expect(output.querySelector('pre')!.textContent).to.equal('{\n  "temperature": 18\n}');
    expect(station!.getAttribute('part')).to.equal('tool-call tool-call-failed');
    expect(station!.querySelector('[part~="tool-name"]')!.textContent).to.equal('lookupStation');
    expect(station!.querySelector('[part~="tool-error"]')!.textContent).to.equal('Station service unavailable');

    expect(bubble.querySelector('[part~="content"]')!.innerHTML).to.contain('<strong>18 °C</strong>');
    expect(bubble.textContent).to.not.contain('temperature": 18,'); // the data part is not shown

    const sources = parts(el, 'source');
    expect(sources.map((s) => s.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      '1Paris forecast',
      '2example.org',
      '3Bad link',
      '4Climate report',
    ]);
    const links = parts<HTMLAnchorElement>(el, 'source-link');
    expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://weather.example.com/paris', 'https://www.example.org/a/b']);
    for (const a of links) {
      expect(a.target).to.equal('_blank');
      expect(a.rel).to.equal('noopener noreferrer');
    }

    const [image, pdf, page] = parts(el, 'file');
    const img = image!.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('https://weather.example.com/map.png');
    expect(img.alt).to.equal('map.png');
    expect(img.getAttribute('referrerpolicy')).to.equal('no-referrer');
    expect(pdf!.querySelector('a')!.getAttribute('href')).to.equal('https://weather.example.com/report.pdf');
    expect(pdf!.textContent!.trim()).to.equal('Download report.pdf');
    expect(page!.querySelector('a'), 'no link to an HTML data URL').to.equal(null);
  });

  it('no-images turns a model image into a download link', async () => {
    const el = await restored(RICH, (chat) => (chat.noImages = true));
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(parts(el, 'file')[0]!.textContent!.trim()).to.equal('Download map.png');
  });

  it('opens the reasoning and a tool output with the pointer and with the keyboard', async () => {
    const el = await restored(RICH);
    const reasoning = part<HTMLDetailsElement>(el, 'reasoning')!;
    await clickCentre(part(el, 'reasoning-summary')!);
    expect(reasoning.open).to.be.true;
    const output = part<HTMLDetailsElement>(el, 'tool-output')!;
    await clickCentre(part(el, 'tool-output-summary')!);
    expect(output.open).to.be.true;
    await sendKeys({ press: 'Enter' }); // the summary has focus: Enter closes it again
    expect(output.open).to.be.false;
  });

  it('passes axe with every kind of part, in light and in dark', async () => {
    const el = await restored(RICH);
    await expect(el).shadowDom.to.be.accessible();
    await emulateMedia({ colorScheme: 'dark' });
    await expect(el).shadowDom.to.be.accessible();
  });

  it('lays out right to left in an RTL page', async () => {
    const el = await restored(RICH, (chat) => chat.setAttribute('dir', 'rtl'));
    const card = part(el, 'tool-call')!;
    const name = card.querySelector('[part~="tool-name"]')!.getBoundingClientRect();
    const state = card.querySelector('[part~="tool-state"]')!.getBoundingClientRect();
    expect(state.right, 'the state sits at the inline end: the left in RTL').to.be.lessThan(name.left);
    const reasoning = getComputedStyle(part(el, 'reasoning')!);
    expect(reasoning.borderRightWidth).to.equal('2px');
  });

  describe('custom renderers', () => {
    it('a template for a tool, a node for a data part, sanitized HTML for another', async () => {
      const el = await restored(RICH, (chat) => {
        chat.renderers = {
          'tool-getWeather': (p) => litHtml`<div class="weather-card">${(p.input as { city: string }).city}: ${(p.output as { temperature: number }).temperature} °C</div>`,
          'data-weather': (p) => Object.assign(document.createElement('meter'), { value: (p.data as { temperature: number }).temperature, max: 40, title: 'temperature' }),
          'tool-lookupStation': () => '<b>Station</b><img src=x onerror="window.pwned=1"><script>window.pwned=1</script>',
        };
      });
      const custom = parts(el, 'custom-part');
      expect(custom).to.have.length(3);
      expect(custom[0]!.querySelector('.weather-card')!.textContent).to.equal('Paris: 18 °C');
      expect(custom[1]!.querySelector('b')!.textContent).to.equal('Station');
      expect(custom[1]!.innerHTML).to.not.contain('onerror');
      expect(custom[1]!.querySelector('script')).to.equal(null);
      expect(custom[2]!.querySelector('meter')!.value).to.equal(18);
      expect(parts(el, 'tool-call'), 'no default cards left').to.have.length(0);
      expect((window as { pwned?: number }).pwned).to.equal(undefined);
    });

    it('a renderer that throws shows the default card and fires llm-chat-error with reason render, once', async () => {
      const el = await chatFixture('/never-called', '640px');
      const errors: CustomEvent[] = [];
      el.addEventListener('llm-chat-error', (e) => errors.push(e as CustomEvent));
      el.renderers = {
        'tool-getWeather': () => {
          throw new Error('boom');
        },
      };
      const first = oneEvent(el, 'llm-chat-error');
      el.messages = conversation(RICH);
      const event = await first;
      expect(event.detail.reason).to.equal('render');
      expect(event.detail.message).to.contain('tool-getWeather');
      expect(event.detail.message).to.contain('boom');
      expect(event.detail.chatMessage.id).to.equal('a1');
      expect(part(el, 'tool-call')!.getAttribute('aria-label')).to.equal('Tool: getWeather');
      el.strings = { toolDone: 'Finished' }; // renders again: the renderer throws again, no second event
      await el.updateComplete;
      await el.updateComplete;
      expect(errors).to.have.length(1);
      expect(parts(el, 'content')[1]!.textContent).to.contain('18 °C'); // the conversation goes on
    });
  });
});
