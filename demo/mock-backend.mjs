// The demo's chat endpoint: POST /api/chat with { messages } → text/event-stream.
// Each event carries an `id:` so a client can resume; a comment heartbeat keeps proxies from
// closing an idle connection.
import { pickAnswer, tokenize } from './mock-model.mjs';

/** Reads a request body as JSON; rejects with a message fit for a 400 answer. */
export async function readJson(req, limit = 1_000_000) {
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new Error('The request body is too large.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    throw new Error('The request body is not valid JSON.');
  }
}

/** Answers with a JSON error in the shape OpenAI uses, which the element shows to the user. */
export function sendJsonError(res, status, message) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ error: { message } }));
}

/** Starts an SSE answer with the headers that keep proxies and caches from holding events. */
export function startEventStream(res) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  res.flushHeaders?.();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates the mock model's request handler.
 * @param {{ tokenDelayMs?: number, heartbeatMs?: number }} options
 *   tokenDelayMs: pause between tokens (default 30 ms, about 130 characters/s);
 *   heartbeatMs: interval of `: heartbeat` comments (default 15 s).
 */
export function createMockChatHandler({ tokenDelayMs = 30, heartbeatMs = 15_000 } = {}) {
  return async function handleChat(req, res) {
    let body;
    try {
      body = await readJson(req);
    } catch (error) {
      sendJsonError(res, 400, error.message);
      return;
    }
    if (!Array.isArray(body.messages)) {
      sendJsonError(res, 400, 'The request body needs a "messages" array.');
      return;
    }
    let closed = false;
    res.on('close', () => (closed = true));
    startEventStream(res);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
    try {
      const tokens = tokenize(pickAnswer(body.messages));
      res.write(': stream opened\n\n'); // an early first byte: proxies and CDNs see life at once
      for (let i = 0; i < tokens.length && !closed; i++) {
        res.write(`id: ${i + 1}\ndata: ${JSON.stringify({ content: tokens[i] })}\n\n`);
        if (tokenDelayMs > 0) await sleep(tokenDelayMs);
      }
      if (!closed) res.write(`id: ${tokens.length + 1}\ndata: [DONE]\n\n`);
    } finally {
      clearInterval(heartbeat);
      res.end();
    }
  };
}
