// The screenshot gallery of docs/gallery/: each feature of the element in a real headless
// Chromium, light and dark, driven through the UI as a person would (clicks, keys), against the
// demo server (built element, mock model) on a free loopback port.
//   node scripts/screenshot-gallery.mjs [scene ...]   run `npm run build` first; default: every scene
/* global window, document, requestAnimationFrame, customElements -- page functions run in the browser */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, ensureChromium } from './chromium.mjs';
import { createDemoServer } from '../demo/server.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = resolve(ROOT, 'docs/gallery');

/** Resolves once `type` fires on the first `selector` of the page (registered before acting). */
function nextEvent(page, selector, type) {
  return page.evaluate(
    (selector, type) => {
      window.__next = new Promise((resolve) => document.querySelector(selector).addEventListener(type, () => resolve(true), { once: true }));
    },
    selector,
    type,
  );
}
const awaitEvent = (page) => page.evaluate(() => window.__next);

/** No focus ring, no caret, the last frame painted: the same page gives the same PNG. */
async function settle(page) {
  await page.evaluate(
    () =>
      new Promise((resolveFrame) => {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        active?.blur?.();
        requestAnimationFrame(() => requestAnimationFrame(resolveFrame));
      }),
  );
}

/** Each scene drives a fresh page and returns the screenshot's options. */
const SCENES = {
  /** The launcher open over a page, with an answer, and closed with the unread dot. */
  async launcher(page, base) {
    await page.goto(`${base}/launcher.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('llm-stream-chat-launcher') !== undefined);
    await page.click('llm-stream-chat-launcher >>> [part~="button"]');
    const input = await page.waitForSelector('llm-stream-chat >>> [part~="input"]', { visible: true });
    await nextEvent(page, 'llm-stream-chat-launcher', 'llm-chat-done');
    await input.type('Show me some markdown');
    await page.keyboard.press('Enter');
    await awaitEvent(page);
    await settle(page);
    return { name: 'launcher-open' };
  },
  async 'launcher-unread'(page, base) {
    await page.goto(`${base}/launcher.html`, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('llm-stream-chat-launcher') !== undefined);
    // An answer asked for by code finishes while the panel stays closed.
    await nextEvent(page, 'llm-stream-chat-launcher', 'llm-chat-done');
    await page.evaluate(() => document.querySelector('llm-stream-chat').send('Hello'));
    await awaitEvent(page);
    await settle(page);
    return { name: 'launcher-unread', clip: { x: 640, y: 480, width: 160, height: 120 } };
  },
  /** Thumbs under an answer, one chosen, the comment box open, and a host action. */
  async feedback(page, base) {
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('llm-stream-chat') !== undefined);
    await page.evaluate(() => {
      document.querySelector('llm-stream-chat-launcher').hidden = true; // the demo's bubble would cover the view
      const chat = document.querySelector('#main-chat');
      chat.clear();
      chat.feedback = true;
      chat.feedbackComment = true;
      chat.actions = [{ id: 'share', label: 'Share', icon: '↗' }];
    });
    const input = await page.waitForSelector('#main-chat >>> [part~="input"]');
    await nextEvent(page, '#main-chat', 'llm-chat-done');
    await input.type('Hello');
    await page.keyboard.press('Enter');
    await awaitEvent(page);
    await page.click('#main-chat >>> [part~="feedback-down"]');
    await page.keyboard.type('It missed my question.');
    await settle(page);
    const box = await (await page.$('#main-chat')).boundingBox();
    return { name: 'feedback', clip: { x: box.x, y: box.y, width: box.width, height: box.height } };
  },
};

export async function takeGallery(names = Object.keys(SCENES)) {
  const server = createDemoServer({ TOKEN_DELAY_MS: '2' });
  await new Promise((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await puppeteer.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: CHROMIUM_ARGS,
    defaultViewport: { width: 800, height: 600, deviceScaleFactor: 1 },
  });
  const written = [];
  try {
    await mkdir(OUT, { recursive: true });
    for (const name of names) {
      for (const scheme of ['light', 'dark']) {
        const page = await browser.newPage();
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
        const shot = await SCENES[name](page, base);
        const path = resolve(OUT, `${shot.name}-${scheme}.png`);
        await page.screenshot({ path, clip: shot.clip });
        written.push(path);
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await new Promise((resolveClose) => server.close(resolveClose));
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const path of await takeGallery(process.argv.slice(2).length ? process.argv.slice(2) : undefined)) console.log(`wrote ${path}`);
}
