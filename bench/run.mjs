/* global window */
// `npm run bench`: streams LLM-style Markdown answers from a loopback server through the real
// element in headless Chromium, and through a naive renderer (marked + DOMPurify over the whole
// text on every delta) in the same run; prints a table and writes bench/results/*.json.
// Scenarios: a real model's pace (100 tokens/s of ~4 characters, a 10 KB answer), the same after
// restoring 1,000 earlier messages (~300 KB), and bursts of 2,000 tokens/s (10 KB, 100 KB, 1 MB).
//   --quick           no 1 MB, and the real-pace answers cut to 4 KB
//   --only=a,b        only the listed scenarios (real, restored, 10KB, 100KB, 1MB)
//   --naive-budget=S  stop each naive run after S seconds (default 30): it is quadratic
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { tokenize } from '../demo/mock-model.mjs';
import { CHROMIUM_ARGS, ensureChromium } from '../scripts/chromium.mjs';
import { llmAnswer } from '../test/fixtures/markdown/llm-answers.mjs';
import { printTable, summarize } from './report.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const args = new Map(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? true]));
const naiveBudgetMs = Number(args.get('naive-budget') ?? 30) * 1000;
const quick = args.has('quick');
const realBytes = quick ? 4_000 : 10_000;
const SCENARIOS = [
  { id: 'real', name: `${realBytes / 1000} KB at 100 tok/s`, bytes: realBytes, tokensPerSecond: 100, restore: 0 },
  { id: 'restored', name: `${realBytes / 1000} KB at 100 tok/s after 1,000 messages`, bytes: realBytes, tokensPerSecond: 100, restore: 1000 },
  { id: '10KB', name: '10 KB at 2,000 tok/s', bytes: 10_000, tokensPerSecond: 2000, restore: 0 },
  { id: '100KB', name: '100 KB at 2,000 tok/s', bytes: 100_000, tokensPerSecond: 2000, restore: 0 },
  ...(quick ? [] : [{ id: '1MB', name: '1 MB at 2,000 tok/s', bytes: 1_000_000, tokensPerSecond: 2000, restore: 0 }]),
]
  .filter((scenario) => !args.has('only') || String(args.get('only')).split(',').includes(scenario.id))
  .map((scenario) => ({
    ...scenario,
    // Prose, nested lists, tables, and one code block of 30 KB (smaller in smaller answers).
    text: llmAnswer(2026, scenario.bytes, { codeBlockBytes: Math.min(30_000, Math.round(scenario.bytes * 0.3)) }),
  }));

// Each measured run is preceded, in the same page, by a short answer through the same renderer:
// one-time costs (compiling the code, first styles) are not the cost per KB being compared.
const WARMUP = { name: 'warm-up', text: llmAnswer(7, 4000, { codeBlockBytes: 800 }) };

/** Bundles the page in memory: nothing is written outside bench/results. */
async function bundlePage() {
  const result = await build({
    entryPoints: [join(root, 'bench/page.mjs')],
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    write: false,
    logLevel: 'error',
    // package.json marks only dist/define.js as having side effects; the page imports src/.
    ignoreAnnotations: true,
  });
  return result.outputFiles[0].contents;
}

/** Plays an answer as SSE, one ~4-character token per event, paced by the wall clock. */
function streamAnswer(res, text, tokensPerSecond) {
  const tokens = tokenize(text, 4);
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const started = performance.now();
  let sent = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  const tick = () => {
    if (closed) return;
    const due = Math.min(tokens.length, Math.floor(((performance.now() - started) / 1000) * tokensPerSecond));
    let out = '';
    for (; sent < due; sent++) out += `data: ${JSON.stringify({ content: tokens[sent] })}\n\n`;
    if (out) res.write(out);
    if (sent < tokens.length) setTimeout(tick, 4);
    else res.end('data: [DONE]\n\n');
  };
  tick();
}

async function startServer(page) {
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    if (pathname === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/page.js"></script></head><body></body></html>');
    } else if (pathname === '/page.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      res.end(page);
    } else if (pathname.startsWith('/stream/') && req.method === 'POST') {
      req.resume();
      const name = pathname.slice('/stream/'.length);
      const scenario = name === 'warmup' ? { ...WARMUP, tokensPerSecond: 2000 } : SCENARIOS[Number(name)];
      if (scenario) streamAnswer(res, scenario.text, scenario.tokensPerSecond);
      else res.writeHead(404).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

/**
 * One run in a fresh page: a warm-up answer, then (for the long-conversation scenario) the
 * restore of earlier messages, then the measured answer. Main-thread busy time is CDP's
 * TaskDuration between two metrics snapshots around the answer alone (style, layout, paint and
 * microtasks included), divided by the wall time between them.
 */
async function measure(browser, base, script, url, scenario, ...params) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => typeof window.runIncremental === 'function');
  await page.evaluate((name, warmup) => window[name](warmup, 60_000), script, `${base}/stream/warmup`);
  const restored = scenario.restore ? await page.evaluate((name, n) => window.restore(name, n), script, scenario.restore) : undefined;
  const before = await page.metrics();
  const result = await page.evaluate((name, ...rest) => window[name](...rest), script, url, ...params);
  const after = await page.metrics();
  await page.close();
  const windowMs = (after.Timestamp - before.Timestamp) * 1000;
  const mainThreadMs = (after.TaskDuration - before.TaskDuration) * 1000;
  return {
    ...result,
    restored,
    windowMs,
    mainThreadMs,
    busy: mainThreadMs / windowMs,
    layoutMs: (after.LayoutDuration - before.LayoutDuration) * 1000,
    styleMs: (after.RecalcStyleDuration - before.RecalcStyleDuration) * 1000,
    layouts: after.LayoutCount - before.LayoutCount,
  };
}

const { server, base } = await startServer(await bundlePage());
const browser = await puppeteer.launch({
  executablePath: ensureChromium(),
  headless: true,
  protocolTimeout: 900_000,
  args: [...CHROMIUM_ARGS, '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
});
const loadBefore = loadavg();
const rows = [];
try {
  for (const [index, scenario] of SCENARIOS.entries()) {
    const url = `${base}/stream/${index}`;
    process.stdout.write(`${scenario.name}: incremental… `);
    const ours = summarize(await measure(browser, base, 'runIncremental', url, scenario));
    process.stdout.write(`naive (at most ${naiveBudgetMs / 1000} s)…\n`);
    const naive = summarize(await measure(browser, base, 'runNaive', url, scenario, naiveBudgetMs));
    rows.push({ id: scenario.id, size: scenario.name, bytes: scenario.text.length, tokensPerSecond: scenario.tokensPerSecond, incremental: ours, naive });
  }
} finally {
  await browser.close();
  server.close();
}
const load = { before: loadBefore.map((n) => Math.round(n * 100) / 100), after: loadavg().map((n) => Math.round(n * 100) / 100) };
console.log(`\nMachine load average (1, 5, 15 min): ${load.before.join(' ')} before, ${load.after.join(' ')} after; ${new Date().toISOString()}`);

const report = printTable(rows);
const file = join(root, 'bench/results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), chromium: ensureChromium(), load, naiveBudgetMs, rows, targets: report.targets }, null, 2));
console.log(`\nWrote ${file}`);
