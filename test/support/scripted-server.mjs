// Scripted HTTP responses for the browser tests. A test registers a script (status, headers and
// timed chunks of bytes), points the element at /test/run/<id>, and afterwards reads the log of
// what the server saw: request bodies and headers, and whether the client closed the connection
// before the script finished (which is how a test proves that stop() really aborts the fetch).
import { randomUUID } from 'node:crypto';
import { dropConnection } from '../../demo/mock-backend.mjs';

/**
 * @typedef {{ text?: string, base64?: string, delayMs?: number }} ScriptChunk
 * @typedef {{ status?: number, headers?: Record<string,string>, chunks?: ScriptChunk[], hang?: boolean,
 *   destroy?: boolean, headersDelayMs?: number }} ScriptResponse
 *   hang: keep the connection open after the last chunk; destroy: drop the connection after it
 *   (a network error for the client); headersDelayMs: wait before sending the headers
 * @typedef {{ responses: ScriptResponse[] }} Script  one response per request, the last repeating
 */

const scripts = new Map();
const logs = new Map();
/** The responses of each script still open, so that /test/drop/<id> can drop them. */
const open = new Map();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function registerScript(script) {
  const id = randomUUID();
  scripts.set(id, script);
  logs.set(id, { requests: [], closedEarly: 0, completed: 0 });
  return id;
}

export function getLog(id) {
  return logs.get(id);
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Plays response number n of a script on a Node response. */
export async function playScript(id, req, res) {
  const script = scripts.get(id);
  const log = logs.get(id);
  if (!script || !log) {
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('unknown script');
    return;
  }
  const body = await readBody(req);
  const index = log.requests.length;
  log.requests.push({ method: req.method, url: req.url, headers: req.headers, body });
  const response = script.responses[Math.min(index, script.responses.length - 1)];
  let closed = false;
  res.on('close', () => {
    if (!res.writableFinished) {
      closed = true;
      log.closedEarly++;
    }
  });
  if (response.headersDelayMs) {
    await sleep(response.headersDelayMs);
    if (closed) return;
  }
  res.writeHead(response.status ?? 200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    ...response.headers,
  });
  res.flushHeaders();
  for (const chunk of response.chunks ?? []) {
    if (chunk.delayMs) await sleep(chunk.delayMs);
    if (closed) return;
    res.write(chunk.base64 !== undefined ? Buffer.from(chunk.base64, 'base64') : chunk.text ?? '');
  }
  if (response.destroy) {
    // Close the socket without the final chunk: the client reads all it was sent, then fails.
    await dropConnection(res);
    return;
  }
  if (response.hang) {
    // Keep the connection open until the client goes away (an endless stream), or until
    // /test/drop/<id> drops it: a test can wait until the client has shown every byte first
    // (Chromium may discard received but unread bytes when a connection fails).
    if (!open.has(id)) open.set(id, new Set());
    open.get(id).add(res);
    res.on('close', () => open.get(id)?.delete(res));
    while (!closed) await sleep(20);
    return;
  }
  res.end();
  log.completed++;
}

/** Node-style handler for the /test/ routes; returns false for other paths. */
export async function handleScriptRoutes(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/test/scripts' && req.method === 'POST') {
    const id = registerScript(JSON.parse(await readBody(req)));
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ id }));
    return true;
  }
  const run = /^\/test\/run\/([\w-]+)$/.exec(pathname);
  if (run) {
    await playScript(run[1], req, res);
    return true;
  }
  const drop = /^\/test\/drop\/([\w-]+)$/.exec(pathname);
  if (drop) {
    const responses = [...(open.get(drop[1]) ?? [])];
    await Promise.all(responses.map((response) => dropConnection(response)));
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ dropped: responses.length }));
    return true;
  }
  const log = /^\/test\/log\/([\w-]+)$/.exec(pathname);
  if (log) {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify(getLog(log[1]) ?? null));
    return true;
  }
  return false;
}
