// Resumable answers in one process: each answer is generated into a buffer, apart from any
// connection, and every connection reads from that buffer. When the connection drops, the
// element sends the same request again (same `requestId`) with a `Last-Event-ID` header and
// gets the events after that id: the answer goes on where it stopped, generated once.
//
// The protocol (docs/backends.md, "Recipes"):
//   - `Chat-Resumable: true` on the response: without it the element never re-sends a request;
//   - every event has an `id:` (1, 2, 3…), the final `data: [DONE]` included;
//   - a resumption gets the events after `Last-Event-ID`, 204 when none are left, 404 when the
//     answer is gone.
//
//   npm install express openai
//   OPENAI_API_KEY=sk-… node examples/resume-memory.mjs
import { randomUUID } from 'node:crypto';
import express from 'express';
import OpenAI from 'openai';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform', // no caching, no compression by proxies
  'X-Accel-Buffering': 'no', // nginx: do not buffer this response
  'Chat-Resumable': 'true', // the element may resume this answer with Last-Event-ID
  'Access-Control-Expose-Headers': 'Chat-Resumable', // cross-origin pages must be able to read it
};
const KEEP_MS = 60_000; // how long a finished answer stays resumable

const openai = new OpenAI(); // reads OPENAI_API_KEY and OPENAI_BASE_URL
const model = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';

/** requestId → { events: string[], done: boolean, listeners: Set<() => void> } */
const answers = new Map();

async function* modelText(messages) {
  const stream = await openai.chat.completions.create({
    model,
    messages: messages.filter((m) => m.content).map(({ role, content }) => ({ role, content })),
    stream: true,
  });
  for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) yield chunk.choices[0].delta.content;
}

/** Generates one answer into the buffer; connections come and go. */
function startAnswer(requestId, messages) {
  const answer = { events: [], done: false, listeners: new Set() };
  answers.set(requestId, answer);
  const push = (data) => {
    answer.events.push(data);
    for (const listener of answer.listeners) listener();
  };
  (async () => {
    try {
      for await (const text of modelText(messages)) push(JSON.stringify({ content: text }));
    } catch (error) {
      console.error(error);
      push(JSON.stringify({ error: { message: 'The model could not answer. Try again.' } }));
    }
    answer.done = true;
    push('[DONE]');
    setTimeout(() => answers.delete(requestId), KEEP_MS).unref();
  })();
  return answer;
}

const app = express();

app.post('/api/chat', express.json(), (req, res) => {
  const { messages } = req.body ?? {};
  if (!Array.isArray(messages)) {
    return res.status(400).json({ error: { message: 'The request needs a "messages" array.' } });
  }
  const requestId = req.body.requestId || randomUUID(); // the element sends one per answer
  const lastEventId = req.get('Last-Event-ID');
  let answer = answers.get(requestId);
  if (!answer && lastEventId !== undefined) {
    return res.status(404).json({ error: { message: 'This answer has expired.' } });
  }
  answer ??= startAnswer(requestId, messages); // the same requestId twice never generates twice
  const after = Number.parseInt(lastEventId ?? '0', 10) || 0; // our ids are 1, 2, 3…
  if (answer.done && after >= answer.events.length) return res.status(204).end(); // nothing left

  res.writeHead(200, SSE_HEADERS);
  res.write(': ok\n\n'); // a first byte at once: proxies and the element see the stream is alive
  let sent = after;
  const flush = () => {
    while (sent < answer.events.length) res.write(`id: ${sent + 1}\ndata: ${answer.events[sent++]}\n\n`);
    if (answer.done) res.end();
  };
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), 15_000); // keeps idle proxies open
  answer.listeners.add(flush);
  res.on('close', () => {
    clearInterval(heartbeat);
    answer.listeners.delete(flush);
    // A Stop and a dropped connection look the same here: the answer goes on, ready to resume.
    if (!res.writableFinished) console.log('Stopped: the client closed the connection.');
  });
  flush();
});

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? 'localhost', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}`);
});
