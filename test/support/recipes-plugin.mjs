// Runs the backend recipes of examples/ for the recipe tests (test/browser/recipes-*.test.ts),
// each as its own Node process, exactly as a site owner starts it (`node examples/x.mjs`, with
// PORT=0 and the address read from its "Listening on" line), and mounts them same-origin at
// /recipes/<name>/… on the test runner's server through a small load balancer:
//   - requests go round-robin to the recipe's processes (two for the Redis recipe), so a
//     reconnection reaches the other process;
//   - a drop can be armed: the next response is cut after N data events (the body ends early,
//     as when a proxy or a network path dies), and the upstream connection is closed too;
//   - every request is logged: which process, its requestId, last message and Last-Event-ID, the status and
//     the Chat-Resumable header of the answer, and whether it was cut.
// Beside them: a fake OpenAI and a fake Anthropic API on loopback that replay the providers'
// recorded streams (test/fixtures/formats/openai-chat.sse, anthropic.sse), paced, and log
// every request (its body, which recipe's key it carried, and whether the caller closed it before
// the end); the recipes' SDKs are pointed at them with OPENAI_BASE_URL / ANTHROPIC_BASE_URL. The Redis recipe gets a real
// redis-server of its own (scripts/redis.mjs).
//
// Commands (executeServerCommand):
//   recipe-start      { name }                → { endpoint }   starts the recipe once
//   recipe-drop-next  { name, afterEvents }   → true           cut the next response
//   recipe-log        { name }                → { requests, provider, output: string[][] }
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRedis } from '../../scripts/redis.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** name → how to start it. */
export const RECIPES = {
  'plain-node': { args: ['examples/plain-node.mjs'] },
  express: { args: ['examples/express.mjs'] },
  'openai-proxy': { args: ['examples/openai-proxy.mjs'] },
  'anthropic-proxy': { args: ['examples/anthropic-proxy.mjs'] },
  'nextjs-route': { args: ['test/support/serve-route.mjs', 'examples/nextjs-route.ts'] },
  'resume-memory': { args: ['examples/resume-memory.mjs'] },
  'resume-redis': { args: ['examples/resume-redis.mjs'], processes: 2, redis: true },
  // Slower answers: its test re-attaches to an answer after a Stop, before the answer ends.
  'ai-sdk-resumable': {
    args: ['test/support/serve-route.mjs', 'examples/ai-sdk-resumable.ts'],
    redis: true,
    providerPaceMs: 250,
  },
};

/** Pause between replayed provider events: answers take about a second, time to stop or drop. */
const PROVIDER_PACE_MS = 80;
/** Each recipe gets its own API keys, so the fake providers know which recipe is asking. */
const apiKeys = (name) => ({ openai: `sk-test-${name}`, anthropic: `sk-ant-test-${name}` });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

function recordedEvents(file) {
  const text = readFileSync(resolve(ROOT, 'test/fixtures/formats', file), 'utf8');
  return text
    .split(/\n\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => `${block}\n\n`);
}

/** The fake providers: POST /v1/chat/completions (OpenAI), POST /v1/messages (Anthropic). */
async function startProviders(log) {
  const streams = { openai: recordedEvents('openai-chat.sse'), anthropic: recordedEvents('anthropic.sse') };
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const provider = path === '/v1/chat/completions' ? 'openai' : path === '/v1/messages' ? 'anthropic' : null;
    const text = (await readBody(req)).toString('utf8');
    if (!provider || req.method !== 'POST') return res.writeHead(404).end();
    const apiKey = req.headers['x-api-key'] ?? req.headers.authorization ?? null; // Anthropic's SDKs have sent either
    const recipe = Object.keys(RECIPES).find((name) => apiKey?.endsWith(apiKeys(name)[provider])) ?? null;
    const entry = {
      provider,
      recipe,
      apiKey,
      body: JSON.parse(text || '{}'),
      completed: false,
      closedEarly: false,
    };
    log.push(entry);
    res.on('close', () => (entry.closedEarly = !entry.completed));
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    for (const event of streams[provider]) {
      if (res.destroyed) return;
      res.write(event);
      await sleep(RECIPES[recipe]?.providerPaceMs ?? PROVIDER_PACE_MS);
    }
    entry.completed = true;
    res.end();
  });
  const port = await listen(server);
  return { server, origin: `http://127.0.0.1:${port}` };
}

/** Starts one recipe process and resolves with its origin once it prints "Listening on …". */
function startProcess(args, env, output) {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const origin = new Promise((resolve, reject) => {
    let pending = '';
    const onLine = (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        output.push(line);
        const match = /Listening on (http:\/\/\S+)/.exec(line);
        if (match) resolve(match[1]);
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    child.once('exit', (code) =>
      reject(new Error(`${args.join(' ')} exited (code ${code}) before it listened:\n${output.join('\n')}${pending}`)),
    );
  });
  return { child, origin };
}

/** Cuts an SSE body after `afterEvents` events that carry data; comments do not count. */
function eventCutter(afterEvents) {
  let buffered = '';
  let count = 0;
  return (chunk) => {
    buffered += chunk.toString('utf8');
    let end = 0;
    for (let i = buffered.indexOf('\n\n'); i !== -1; i = buffered.indexOf('\n\n', end)) {
      const block = buffered.slice(end, i);
      end = i + 2;
      if (/^data:/m.test(block) && ++count === afterEvents) return { pass: buffered.slice(0, end), cut: true };
    }
    const pass = buffered.slice(0, end);
    buffered = buffered.slice(end);
    return { pass, cut: false };
  };
}

export function createRecipeServers() {
  const recipes = new Map(); // name → Promise<{ origins, outputs, next }>
  const requestLogs = new Map(); // name → entries
  const drops = new Map(); // name → afterEvents, for the next request
  const providerLog = [];
  const cleanups = [];
  const children = new Set();
  let providers;
  // If the runner dies without serverStop, take the recipe processes with it.
  process.once('exit', () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  function start(name) {
    if (!recipes.has(name)) {
      const recipe = RECIPES[name];
      if (!recipe) throw new Error(`No recipe named ${name}.`);
      recipes.set(
        name,
        (async () => {
          providers ??= startProviders(providerLog).then((p) => (cleanups.push(() => p.server.close()), p));
          const { origin: providerOrigin } = await providers;
          const env = {
            PORT: '0',
            HOST: '127.0.0.1',
            OPENAI_BASE_URL: `${providerOrigin}/v1`,
            OPENAI_API_KEY: apiKeys(name).openai,
            ANTHROPIC_BASE_URL: providerOrigin,
            ANTHROPIC_API_KEY: apiKeys(name).anthropic,
          };
          if (recipe.redis) {
            const redis = await startRedis();
            cleanups.push(() => redis.stop());
            env.REDIS_URL = redis.url;
          }
          const outputs = [];
          const started = Array.from({ length: recipe.processes ?? 1 }, () => {
            const output = [];
            outputs.push(output);
            const { child, origin } = startProcess(recipe.args, env, output);
            children.add(child);
            cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
            return origin;
          });
          requestLogs.set(name, []);
          return { origins: await Promise.all(started), outputs, next: 0 };
        })(),
      );
    }
    return recipes.get(name);
  }

  /** The load balancer in front of a recipe: round robin, logging, armed drops. */
  async function forward(name, path, req, res) {
    const recipe = await start(name);
    const body = await readBody(req);
    const backend = recipe.next++ % recipe.origins.length;
    let requestId = null;
    let question = null;
    try {
      const json = JSON.parse(body.toString('utf8'));
      requestId = json.requestId ?? null;
      question = json.messages?.at(-1)?.content ?? null;
    } catch {
      // not JSON: logged without them
    }
    const entry = {
      backend,
      method: req.method,
      requestId,
      question,
      lastEventId: req.headers['last-event-id'] ?? null,
      status: null,
      resumable: null,
      cut: false,
    };
    requestLogs.get(name).push(entry);
    const afterEvents = drops.get(name);
    drops.delete(name);
    const headers = { ...req.headers, host: new URL(recipe.origins[backend]).host };
    const upstream = httpRequest(new URL(path, recipe.origins[backend]), { method: req.method, headers }, (answer) => {
      entry.status = answer.statusCode;
      entry.resumable = answer.headers['chat-resumable'] ?? null;
      const { connection: _c, 'keep-alive': _k, 'transfer-encoding': _t, ...passed } = answer.headers; // hop-by-hop
      res.writeHead(answer.statusCode, passed);
      const cutter = afterEvents ? eventCutter(afterEvents) : null;
      answer.on('data', (chunk) => {
        if (!cutter) return res.write(chunk);
        const { pass, cut } = cutter(chunk);
        if (!cut) return res.write(pass);
        entry.cut = true;
        res.end(pass); // the body ends without its end marker: a dropped connection
        upstream.destroy(); // and the recipe's side of it closes too
      });
      answer.on('end', () => res.end());
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    res.on('close', () => res.writableFinished || upstream.destroy()); // the browser left (Stop)
    upstream.end(body);
  }

  return {
    /** Koa middleware: /recipes/<name>/<path> → the recipe's process(es). */
    middleware() {
      return async function recipeRoutes(ctx, next) {
        const match = /^\/recipes\/([a-z-]+)(\/.*)$/.exec(ctx.url);
        if (!match || !(match[1] in RECIPES)) return next();
        ctx.respond = false;
        ctx.status = 200; // only for the runner's log, which counts a route that set none as a 404
        await forward(match[1], match[2], ctx.req, ctx.res);
      };
    },

    plugin() {
      return {
        name: 'recipes',
        async serverStop() {
          await Promise.all(cleanups.map((cleanup) => cleanup()));
        },
        async executeCommand({ command, payload }) {
          if (command === 'recipe-start') {
            await start(payload.name);
            return { endpoint: `/recipes/${payload.name}/api/chat` };
          }
          if (command === 'recipe-drop-next') {
            drops.set(payload.name, payload.afterEvents);
            return true;
          }
          if (command === 'recipe-log') {
            const recipe = await start(payload.name);
            return { requests: requestLogs.get(payload.name), provider: providerLog, output: recipe.outputs };
          }
          return undefined;
        },
      };
    },
  };
}
