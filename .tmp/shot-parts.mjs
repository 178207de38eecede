import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, ensureChromium } from '/work/wt-rich/scripts/chromium.mjs';
import { createDemoServer } from '/work/wt-rich/demo/server.mjs';
const server = createDemoServer({ TOKEN_DELAY_MS: '2' });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await puppeteer.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS, defaultViewport: { width: 900, height: 1000 } });
const page = await browser.newPage();
const scheme = process.argv[2] ?? 'light';
await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
await page.goto(`http://127.0.0.1:${server.address().port}/`);
await page.waitForFunction(() => customElements.get('llm-stream-chat'));
await page.evaluate((dir) => {
  const el = document.querySelector('llm-stream-chat');
  if (dir === 'rtl') el.setAttribute('dir', 'rtl');
  el.style.setProperty('--llm-chat-height', '900px');
  const parts = [
    { type: 'step-start' },
    { type: 'reasoning', text: 'The user wants the **weather**. I should call `getWeather`.', state: 'done' },
    { type: 'tool-getWeather', toolCallId: 'c1', state: 'output-available', input: { city: 'Paris', unit: 'celsius' }, output: { temperature: 18 } },
    { type: 'dynamic-tool', toolName: 'lookupStation', toolCallId: 'c2', state: 'output-error', input: { near: 'Paris' }, errorText: 'Station service unavailable' },
    { type: 'tool-search', toolCallId: 'c3', state: 'input-available', input: { q: 'paris' } },
    { type: 'text', text: 'It is **18 °C** and cloudy in Paris.\n\n- Wind: light\n- Rain: none' },
    { type: 'source-url', sourceId: 's1', url: 'https://weather.example.com/paris', title: 'Paris forecast' },
    { type: 'source-url', sourceId: 's2', url: 'https://www.example.org/a/b' },
    { type: 'source-document', sourceId: 's4', mediaType: 'application/pdf', title: 'Climate report 2025' },
    { type: 'file', mediaType: 'application/pdf', url: 'https://weather.example.com/report.pdf', filename: 'report.pdf' },
  ];
  el.messages = [
    { id: 'u1', role: 'user', content: 'Weather in Paris?', status: 'complete' },
    { id: 'a1', role: 'assistant', content: 'It is 18 °C', status: 'complete', parts },
  ];
  el.shadowRoot.querySelector('[part~="tool-output"]')?.setAttribute('open', '');
}, process.argv[3] ?? 'ltr');
await new Promise((r) => setTimeout(r, 300));
const chat = await page.$('llm-stream-chat');
await chat.screenshot({ path: process.argv[4] ?? `/tmp/parts-${scheme}.png` });
await browser.close();
server.close();
