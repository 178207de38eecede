// Test-runner plugin for the hostile-input and fault suites (test/browser/hostile-*.test.ts).
// It runs in Node beside web-test-runner and gives the browser tests what the runner's own
// same-origin server cannot:
//   - other origins on 127.0.0.1 (other ports): CORS-enabled mock models, so 20 elements can
//     stream at once (Chromium allows 6 HTTP/1.1 connections per origin), a server that sends no
//     CORS headers at all, and one that passes the preflight but not the response;
//   - a port where nothing listens (bound, then closed: a refused connection);
//   - heap and DOM counters through the Chrome DevTools protocol, after a forced GC.
// Commands, called from the browser with executeServerCommand(name, payload):
//   hostile-servers      → { cors: string[], noCors, preflightOnly, refused: string, seed: number }
//   hostile-server-log   → { [name]: { method, url }[] } what each extra server received
//   hostile-heap         → { usedSize, totalSize, documents, nodes, jsEventListeners }
//   hostile-trace-start, hostile-trace-stop → { count, busyCpuMs, longestWallMs, longestCpuMs }
//                          the page's main-thread tasks between the two (a Chrome trace); the
//                          page calls performance.mark(payload.mark) in between to be found
import { createServer } from 'node:http';
import { createMockChatHandler } from '../../demo/mock-backend.mjs';

const CORS_MOCK_PORTS = 4;
/** The seed of every random choice in the hostile suites: set HOSTILE_SEED to replay another run. */
const SEED = Number(process.env.HOSTILE_SEED ?? 20261124) >>> 0;

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

function close(server) {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

async function readAll(req) {
  for await (const _chunk of req); // drain
}

function puppeteerPage(session) {
  if (session.browser.type !== 'puppeteer') throw new Error('The hostile commands need a Chromium launched by puppeteer.');
  return session.browser.getPage(session.id);
}

/**
 * The main-thread tasks of the page's renderer in a Chrome trace: wall time (`dur`) and the
 * thread's CPU time (`tdur`), in milliseconds. CPU time does not grow when a busy
 * machine deschedules the renderer, so it measures the page's own blocking.
 */
function mainThreadTasks(events, mark) {
  // The page's renderer main thread is the one that recorded the page's performance.mark().
  const marked = events.find((e) => e.name === mark && e.cat?.includes('blink.user_timing'));
  if (!marked) throw new Error(`The mark ${mark} is not in the trace.`);
  const { pid, tid } = marked;
  // Only top-level tasks: a task nested in another (or the same task under two event names) is
  // part of its parent's time already.
  const tasks = [];
  let end = -Infinity;
  for (const e of events
    .filter((e) => e.ph === 'X' && e.pid === pid && e.tid === tid && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    tasks.push({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? e.dur ?? 0) / 1000 });
  }
  const busyCpuMs = tasks.reduce((n, t) => n + t.cpuMs, 0);
  return {
    count: tasks.length,
    busyCpuMs,
    longestWallMs: Math.max(0, ...tasks.map((t) => t.wallMs)),
    longestCpuMs: Math.max(0, ...tasks.map((t) => t.cpuMs)),
  };
}

export function hostilePlugin() {
  /** @type {import('node:http').Server[]} */
  const servers = [];
  const log = { cors: [], noCors: [], preflightOnly: [] };
  let urls;

  const mock = createMockChatHandler({ tokenDelayMs: 5 });

  async function start(name, handler) {
    const server = createServer((req, res) => {
      log[name].push({ method: req.method, url: req.url });
      handler(req, res);
    });
    servers.push(server);
    return `http://127.0.0.1:${await listen(server)}`;
  }

  async function startAll() {
    const cors = [];
    for (let i = 0; i < CORS_MOCK_PORTS; i++) {
      const origin = await start('cors', (req, res) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        if (req.method === 'OPTIONS') {
          res.writeHead(204, {
            'Access-Control-Allow-Methods': 'POST',
            'Access-Control-Allow-Headers': 'content-type, accept, last-event-id',
          });
          res.end();
          return;
        }
        const delay = Number(new URL(req.url, 'http://x').searchParams.get('delay') ?? 5);
        (delay === 5 ? mock : createMockChatHandler({ tokenDelayMs: delay }))(req, res);
      });
      cors.push(`${origin}/api/chat`);
    }
    // No CORS headers at all: the browser's preflight fails, the POST is never sent.
    const noCors = await start('noCors', async (req, res) => {
      await readAll(req);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end('data: {"content":"must never be read"}\n\ndata: [DONE]\n\n');
    });
    // Passes the preflight, but the POST's response has no Access-Control-Allow-Origin: the
    // server did the work, the browser must still refuse to expose the answer.
    const preflightOnly = await start('preflightOnly', async (req, res) => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': 'content-type, accept',
        });
        res.end();
        return;
      }
      await readAll(req);
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.end('data: {"content":"must never be read"}\n\ndata: [DONE]\n\n');
    });
    // A refused connection: bind a port, close it, and hand out its number.
    const probe = createServer();
    const refusedPort = await listen(probe);
    await close(probe);
    return { cors, noCors: `${noCors}/api/chat`, preflightOnly: `${preflightOnly}/api/chat`, refused: `http://127.0.0.1:${refusedPort}/api/chat` };
  }

  return {
    name: 'hostile',

    async serverStart() {
      urls = await startAll();
    },

    async serverStop() {
      await Promise.all(servers.map(close));
    },

    async executeCommand({ command, payload, session }) {
      if (command === 'hostile-servers') return { ...urls, seed: SEED };
      if (command === 'hostile-server-log') return log;
      if (command === 'hostile-trace-start') {
        const page = puppeteerPage(session);
        await page.tracing.start({ categories: ['toplevel', 'blink.user_timing'] });
        return true;
      }
      if (command === 'hostile-trace-stop') {
        const page = puppeteerPage(session);
        const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
        return mainThreadTasks(trace.traceEvents ?? trace, payload?.mark);
      }
      if (command === 'hostile-heap') {
        const page = puppeteerPage(session);
        const cdp = await page.createCDPSession();
        try {
          await cdp.send('HeapProfiler.collectGarbage');
          await cdp.send('HeapProfiler.collectGarbage');
          const { usedSize, totalSize } = await cdp.send('Runtime.getHeapUsage');
          const { documents, nodes, jsEventListeners } = await cdp.send('Memory.getDOMCounters');
          return { usedSize, totalSize, documents, nodes, jsEventListeners };
        } finally {
          await cdp.detach().catch(() => {});
        }
      }
      return undefined;
    },
  };
}
