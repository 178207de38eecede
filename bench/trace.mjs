/* global window */
// `node bench/trace.mjs [--tps=100] [--bytes=10000] [--restore=0] [--seconds=8]`: records a
// Chromium trace of the element streaming an answer (as in the bench) and prints where the main
// thread's time went, by trace event, so a change can say what the trace showed.
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { tokenize } from '../demo/mock-model.mjs';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import { llmAnswer } from '../test/fixtures/markdown/llm-answers.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = new Map(
  process.argv
    .slice(2)
    .map((arg) => arg.replace(/^--/, '').split('='))
    .map(([k, v]) => [k, v ?? true]),
);
const tps = Number(args.get('tps') ?? 100);
const bytes = Number(args.get('bytes') ?? 10_000);
const restore = Number(args.get('restore') ?? 0);
const seconds = Number(args.get('seconds') ?? 8);
const text = llmAnswer(2026, bytes, { codeBlockBytes: Math.min(30_000, Math.round(bytes * 0.3)) });

const page = (
  await build({
    entryPoints: [join(root, 'bench/page.mjs')],
    bundle: true,
    format: 'esm',
    write: false,
    logLevel: 'error',
    ignoreAnnotations: true,
    target: 'es2022',
  })
).outputFiles[0].contents;
const server = createServer((req, res) => {
  if (req.url === '/')
    return res
      .writeHead(200, { 'Content-Type': 'text/html' })
      .end('<!doctype html><meta charset="utf-8"><script type="module" src="/page.js"></script>');
  if (req.url === '/page.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(page);
  req.resume();
  const tokens = tokenize(text, 4);
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  const started = performance.now();
  let sent = 0;
  const tick = () => {
    if (res.destroyed) return;
    const due = Math.min(tokens.length, Math.floor(((performance.now() - started) / 1000) * tps));
    let out = '';
    for (; sent < due; sent++) out += `data: ${JSON.stringify({ content: tokens[sent] })}\n\n`;
    if (out) res.write(out);
    if (sent < tokens.length) setTimeout(tick, 4);
    else res.end('data: [DONE]\n\n');
  };
  tick();
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await puppeteer.launch({ executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS });
try {
  const tab = await browser.newPage();
  await tab.setViewport({ width: 1000, height: 800 });
  tab.on('pageerror', (error) => console.error('page error:', error.message));
  tab.on('console', (message) => console.error('console:', message.text()));
  await tab.goto(`${base}/`);
  await tab.waitForFunction(() => typeof window.runIncremental === 'function');
  if (restore) await tab.evaluate((n) => window.restore('runIncremental', n), restore);
  tab.evaluate((url) => window.runIncremental(url), `${base}/stream`).catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await tab.tracing.start({
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'v8.execute'],
  });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const trace = JSON.parse(Buffer.from(await tab.tracing.stop()).toString());
  const events = trace.traceEvents;
  // The renderer main thread that ran the most: the bench page's (other renderers may be traced).
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const busyOf = (m) =>
    events.reduce(
      (sum, e) => sum + (e.ph === 'X' && e.name === 'RunTask' && e.pid === m.pid && e.tid === m.tid ? e.dur : 0),
      0,
    );
  const main = mains.sort((a, b) => busyOf(b) - busyOf(a))[0];
  const totals = new Map();
  let tasks = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== main.pid || e.tid !== main.tid || !e.dur) continue;
    if (e.name === 'RunTask') tasks += e.dur;
    totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur);
  }
  console.log(
    `main thread busy ${(tasks / 1000).toFixed(0)} ms of ${seconds * 1000} ms (${(tasks / 10 / (seconds * 1000)).toFixed(1)} %) at ${tps} tok/s, ${restore} restored messages`,
  );
  for (const [name, dur] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${(dur / 1000).toFixed(1).padStart(9)} ms  ${name}`);
} finally {
  await browser.close();
  server.close();
}
