// The demo's chat endpoint, and the reference for backend authors of the resumable protocol:
//   POST /api/chat with { messages, requestId } (or GET /api/chat?message=…&requestId=…)
//   → text/event-stream, one `id:`-numbered event per token, then `data: [DONE]`, with the header
//     `Chat-Resumable: true`: the opt-in without which the element never resumes a stream.
// The answer is generated into a buffer kept per requestId, independently of the connection, so
// a client that lost the connection reconnects with the same request plus `Last-Event-ID: n` and
// gets the events after n; 204 when nothing is left. A comment heartbeat keeps proxies from
// closing an idle connection.
//
// Fault injection for tests and demos, as query parameters of the endpoint URL:
//   dropAfter=3,5h,2  connection k drops after that many events ("h": and half of the next one)
//   drop=end          drop by ending the response cleanly (default: destroy the socket)
//   stall=4:300       after 4 events the first connection goes silent for 300 ms
//   heartbeat=MS      heartbeat interval (default 15 s)
//   failStatus=503&failTimes=2&retryAfter=0   the first requests of an answer fail with that status
//   retry=MS          send `retry: MS` first (the client's reconnection delay)
//   ids=0             no event ids: the stream cannot be resumed
//   resumable=0       no Chat-Resumable header: the client must not resume, whatever the ids
import { randomUUID } from 'node:crypto';
import { pickAnswer, richAnswerChunks, tokenize, wantsRichAnswer } from './mock-model.mjs';

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
export function sendJsonError(res, status, message, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify({ error: { message } }));
}

/**
 * Starts an SSE answer with the headers that keep proxies and caches from holding events, and
 * (unless `resumable` is false) `Chat-Resumable: true`, which tells the element it may resume.
 */
export function startEventStream(res, { resumable = true } = {}) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
    ...(resumable ? { 'Chat-Resumable': 'true' } : {}),
  });
  res.flushHeaders?.();
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fault-injection settings from the query string (see the top of this file). */
function readFaults(query) {
  const [stallAfter, stallMs] = (query.get('stall') ?? '').split(':').map(Number);
  return {
    dropAfter: (query.get('dropAfter') ?? '').split(',').filter(Boolean).map((s) => ({ after: parseInt(s, 10), half: s.endsWith('h') })),
    dropByEnding: query.get('drop') === 'end',
    stallAfter: Number.isFinite(stallAfter) ? stallAfter : undefined,
    stallMs: Number.isFinite(stallMs) ? stallMs : 0,
    heartbeatMs: query.has('heartbeat') ? Number(query.get('heartbeat')) : undefined,
    failStatus: query.has('failStatus') ? Number(query.get('failStatus')) : undefined,
    failTimes: Number(query.get('failTimes') ?? 1),
    retryAfter: query.get('retryAfter') ?? '0',
    retry: query.get('retry'),
    ids: query.get('ids') !== '0',
    resumable: query.get('resumable') !== '0',
  };
}

/**
 * One answer being generated: its events (`data` strings, id = position + 1), whether it is
 * finished, and the connections waiting for more.
 */
class Answer {
  events = [];
  finished = false;
  connections = 0;
  requests = 0;
  #waiters = new Set();

  /** `data` is the list of event data to send, one per token. */
  constructor(data, tokenDelayMs) {
    void this.#generate(data, tokenDelayMs);
  }

  async #generate(data, tokenDelayMs) {
    for (const item of data) {
      this.#push(item);
      if (tokenDelayMs > 0) await sleep(tokenDelayMs);
    }
    this.#push('[DONE]');
    this.finished = true;
    this.#wake();
  }

  #push(data) {
    this.events.push(data);
    this.#wake();
  }

  #wake() {
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }

  /** Resolves when event `index` exists or the answer is finished (or `closed` says so). */
  async waitFor(index, closed) {
    while (this.events.length <= index && !this.finished && !closed()) {
      await new Promise((resolve) => {
        this.#waiters.add(resolve);
        setTimeout(resolve, 250); // also re-check `closed` now and then
      });
    }
  }
}

/**
 * Creates the mock model's request handler.
 * @param {{ tokenDelayMs?: number, heartbeatMs?: number, keepMs?: number, maxAnswers?: number }} options
 *   tokenDelayMs: pause between tokens (default 30 ms, about 130 characters/s);
 *   heartbeatMs: interval of `: heartbeat` comments (default 15 s);
 *   keepMs: how long a finished answer stays resumable (default 60 s);
 *   maxAnswers: answers kept at most; the oldest go first (default 500).
 */
export function createMockChatHandler({ tokenDelayMs = 30, heartbeatMs = 15_000, keepMs = 60_000, maxAnswers = 500 } = {}) {
  const answers = new Map();

  function answerFor(requestId, messages) {
    let answer = answers.get(requestId);
    if (!answer) {
      // "tools" or "think": reasoning, a tool call and sources, as AI SDK chunks; else Markdown tokens.
      const data = wantsRichAnswer(messages)
        ? richAnswerChunks().map((chunk) => JSON.stringify(chunk))
        : tokenize(pickAnswer(messages)).map((token) => JSON.stringify({ content: token }));
      answer = new Answer(data, tokenDelayMs);
      answers.set(requestId, answer);
      if (answers.size > maxAnswers) answers.delete(answers.keys().next().value);
      const forget = setInterval(() => {
        if (!answer.finished) return;
        clearInterval(forget);
        setTimeout(() => answers.get(requestId) === answer && answers.delete(requestId), keepMs).unref?.();
      }, 1000);
      forget.unref?.();
    }
    return answer;
  }

  return async function handleChat(req, res) {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    let body;
    if (req.method === 'GET') {
      body = { messages: [{ role: 'user', content: query.get('message') ?? '' }], requestId: query.get('requestId') };
    } else {
      try {
        body = await readJson(req);
      } catch (error) {
        sendJsonError(res, 400, error.message);
        return;
      }
    }
    if (!Array.isArray(body.messages)) {
      sendJsonError(res, 400, 'The request body needs a "messages" array.');
      return;
    }
    const faults = readFaults(query);
    const requestId = typeof body.requestId === 'string' && body.requestId !== '' ? body.requestId : randomUUID();
    const lastEventId = req.headers['last-event-id'];
    const known = answers.get(requestId);
    if (lastEventId !== undefined && !known) {
      sendJsonError(res, 404, 'This answer is no longer available to resume.');
      return;
    }
    // The same request id again without Last-Event-ID (a retry): the same answer, from the start.
    const answer = known ?? answerFor(requestId, body.messages);
    const request = answer.requests++;
    if (faults.failStatus && request < faults.failTimes) {
      sendJsonError(res, faults.failStatus, 'The model is busy (injected failure).', { 'Retry-After': faults.retryAfter });
      return;
    }
    const from = lastEventId === undefined ? 0 : Math.max(0, parseInt(lastEventId, 10) || 0);
    if (answer.finished && from >= answer.events.length) {
      res.writeHead(204, { 'Cache-Control': 'no-store' });
      res.end();
      return;
    }
    await streamAnswer(res, answer, from, faults, answer.connections++);
  };

  async function streamAnswer(res, answer, from, faults, connection) {
    let closed = false;
    res.on('close', () => (closed = true));
    startEventStream(res, { resumable: faults.resumable });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), faults.heartbeatMs ?? heartbeatMs);
    const drop = faults.dropAfter[connection];
    let sent = 0;
    try {
      if (faults.retry !== null) res.write(`retry: ${faults.retry}\n`);
      res.write(': stream opened\n\n'); // an early first byte: proxies and CDNs see life at once
      for (let i = from; !closed; i++) {
        await answer.waitFor(i, () => closed);
        if (closed || i >= answer.events.length) break;
        const event = `${faults.ids ? `id: ${i + 1}\n` : ''}data: ${answer.events[i]}\n\n`;
        if (drop && sent === drop.after) {
          // Half an event (the client must not count it), or a comment, then the drop.
          const last = drop.half ? event.slice(0, Math.ceil(event.length / 2)) : ':\n';
          if (faults.dropByEnding) res.end(last);
          else await dropConnection(res, last);
          return;
        }
        res.write(event);
        sent++;
        if (connection === 0 && sent === faults.stallAfter) await sleep(faults.stallMs);
      }
    } finally {
      clearInterval(heartbeat);
      if (!res.destroyed && !res.socket?.writableEnded) res.end();
    }
  }
}

/**
 * Drops a streaming response the way a dying server or proxy does: once `last` is flushed, the
 * socket is closed without the final chunk, so the client reads everything sent and then gets a
 * network error. (Destroying the socket would send a reset, which may discard bytes the client
 * has received but not yet read, and make tests flaky.)
 */
export function dropConnection(res, last = '') {
  return new Promise((resolve) => {
    res.write(last, () => {
      res.socket?.end();
      resolve();
    });
  });
}
