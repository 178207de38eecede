// The README's screenshot, taken by the same headless Chromium the test suite uses: starts the
// demo server (built element, mock model) on a free loopback port, asks the demo a question
// through the element's UI, waits for the streamed answer to finish, and saves a PNG.
//   node scripts/screenshot.mjs [output.png]      default docs/screenshot.png; run `npm run build` first
// Without an output, it also takes docs/rich-answers.png: the demo's answer with reasoning, a tool
// call and sources (asked for with "tools").
/* global customElements, document, requestAnimationFrame -- the page.evaluate callbacks run in the page */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';
import { createDemoServer } from '../demo/server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Takes the screenshot into `output`; resolves with the path. */
export async function takeScreenshot(
  output = resolve(ROOT, 'docs/screenshot.png'),
  { question = 'Show me some markdown' } = {},
) {
  const server = createDemoServer({ TOKEN_DELAY_MS: '2' });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await puppeteer.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    defaultViewport: { width: 960, height: 900, deviceScaleFactor: 1 },
  });
  try {
    const page = await browser.newPage();
    await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('llm-stream-chat') !== undefined);
    const done = page.evaluate(
      () =>
        new Promise((resolveDone) => {
          document
            .querySelector('llm-stream-chat')
            .addEventListener('llm-chat-done', () => resolveDone(true), { once: true });
        }),
    );
    const input = await page.waitForSelector('llm-stream-chat >>> [part~="input"]');
    await input.type(question);
    await page.keyboard.press('Enter');
    await done;
    // Show the answer's start rather than its end, without a focus ring or a blinking caret (so
    // the same demo gives the same PNG), and let the last frame paint.
    await page.evaluate(
      () =>
        new Promise((resolveFrame) => {
          const root = document.querySelector('llm-stream-chat').shadowRoot;
          root.activeElement?.blur();
          const log = root.querySelector('[part~="log"]');
          if (log) log.scrollTop = 0;
          requestAnimationFrame(() => requestAnimationFrame(resolveFrame));
        }),
    );
    await mkdir(dirname(output), { recursive: true });
    // The page from its top to the bottom of the main chat (the theme gallery below is left out).
    const chat = await page.$('llm-stream-chat');
    const box = chat ? await chat.boundingBox() : null;
    await page.screenshot({
      path: output,
      clip: box ? { x: 0, y: 0, width: 960, height: Math.ceil(box.y + box.height + 24) } : undefined,
    });
    return output;
  } finally {
    await browser.close();
    await new Promise((resolveClose) => server.close(resolveClose));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const output = process.argv[2] ? resolve(process.argv[2]) : undefined;
  console.log(`wrote ${await takeScreenshot(output)}`);
  if (!output) {
    const rich = resolve(ROOT, 'docs/rich-answers.png');
    console.log(`wrote ${await takeScreenshot(rich, { question: 'What is the weather in Paris? Use your tools.' })}`);
  }
}
