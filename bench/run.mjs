// `npm run bench`: streams LLM-style Markdown answers of ~10 KB, 100 KB and 1 MB from a loopback
// server at ~2,000 tokens/s of ~4 characters through the real element in headless Chromium,
// and through a naive renderer in the same run; prints a table and writes bench/results/*.json.
//   --quick           10 KB and 100 KB only
//   --sizes=1MB       only the listed answers (10KB, 100KB, 1MB, rich; comma-separated)
// "rich" is 50 KB of reasoning followed by a 100 KB answer, as AI SDK UI message stream chunks.
//   --naive-budget=S  stop each naive run after S seconds (default 30): it is quadratic
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
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
const TOKENS_PER_SECOND = 2000;
const naiveBudgetMs = Number(args.get('naive-budget') ?? 30) * 1000;
const SIZES = [
  { name: '10 KB', bytes: 10_000 },
  { name: '100 KB', bytes: 100_000 },
  ...(args.has('quick') ? [] : [{ name: '1 MB', bytes: 1_000_000 }]),
  { name: '50 KB reasoning + 100 KB', key: 'rich', bytes: 100_000, reasoningBytes: 50_000 },
].filter((size) => !args.has('sizes') || String(args.get('sizes')).split(',').includes(size.key ?? size.name.replace(' ', ''))).map((size) => ({
  ...size,
  // Prose, nested lists, tables, and one code block of 30 KB (smaller in the 10 KB answer).
  text: llmAnswer(2026, size.bytes, { codeBlockBytes: Math.min(30_000, Math.round(size.bytes * 0.3)) }),
  // Reasoning is prose and lists, without a long code block.
  reasoning: size.reasoningBytes ? llmAnswer(11, size.reasoningBytes, { codeBlockBytes: 2_000 }) : undefined,
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

/**
 * The events of an answer, one ~4-character token each: `{content}` for a plain answer; with
 * reasoning, AI SDK UI message stream chunks (reasoning deltas, then text deltas).
 */
function answerEvents(text, reasoning) {
  if (!reasoning) return tokenize(text, 4).map((content) => JSON.stringify({ content }));
  return [
    { type: 'start' },
    { type: 'reasoning-start', id: 'r' },
    ...tokenize(reasoning, 4).map((delta) => ({ type: 'reasoning-delta', id: 'r', delta })),
    { type: 'reasoning-end', id: 'r' },
    { type: 'text-start', id: 't' },
    ...tokenize(text, 4).map((delta) => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish' },
  ].map((chunk) => JSON.stringify(chunk));
}

/** Plays an answer as SSE, one ~4-character token per event, paced by the wall clock. */
function streamAnswer(res, text, reasoning) {
  const tokens = answerEvents(text, reasoning);
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
  const started = performance.now();
  let sent = 0;
  let closed = false;
  res.on('close', () => (closed = true));
  const tick = () => {
    if (closed) return;
    const due = Math.min(tokens.length, Math.floor(((performance.now() - started) / 1000) * TOKENS_PER_SECOND));
    let out = '';
    for (; sent < due; sent++) out += `data: ${tokens[sent]}\n\n`;
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
      const size = name === 'warmup' ? WARMUP : SIZES[Number(name)];
      if (size) streamAnswer(res, size.text, size.reasoning);
      else res.writeHead(404).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

async function measure(browser, base, script, ...params) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1000, height: 800 });
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await page.waitForFunction(() => typeof window.runIncremental === 'function');
  await page.evaluate((name, url) => window[name](url, 60_000), script, `${base}/stream/warmup`);
  const before = await page.metrics();
  const result = await page.evaluate((name, ...rest) => window[name](...rest), script, ...params);
  const after = await page.metrics();
  await page.close();
  return {
    ...result,
    mainThreadMs: (after.TaskDuration - before.TaskDuration) * 1000,
    layoutMs: (after.LayoutDuration - before.LayoutDuration) * 1000,
    styleMs: (after.RecalcStyleDuration - before.RecalcStyleDuration) * 1000,
  };
}

const { server, base } = await startServer(await bundlePage());
const browser = await puppeteer.launch({
  executablePath: ensureChromium(),
  headless: true,
  protocolTimeout: 900_000,
  args: [...CHROMIUM_ARGS, '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows'],
});
const rows = [];
try {
  for (const [index, size] of SIZES.entries()) {
    const url = `${base}/stream/${index}`;
    process.stdout.write(`${size.name}: incremental… `);
    const ours = summarize(await measure(browser, base, 'runIncremental', url));
    process.stdout.write(`naive (at most ${naiveBudgetMs / 1000} s)…\n`);
    const naive = summarize(await measure(browser, base, 'runNaive', url, naiveBudgetMs));
    rows.push({ size: size.name, bytes: size.text.length + (size.reasoning?.length ?? 0), incremental: ours, naive });
  }
} finally {
  await browser.close();
  server.close();
}

const report = printTable(rows);
const file = join(root, 'bench/results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), chromium: ensureChromium(), tokensPerSecond: TOKENS_PER_SECOND, naiveBudgetMs, rows, targets: report.targets }, null, 2));
console.log(`\nWrote ${file}`);
