// Resumable answers across several processes (behind a load balancer, the reconnection may
// reach another process): the buffer is a Redis stream per answer. Its entry ids are the SSE
// ids, `XREAD BLOCK` follows the live answer from any process, and a `SET NX` claim makes sure
// that exactly one process generates each answer. Same protocol as resume-memory.mjs.
//
//   npm install express openai redis
//   REDIS_URL=redis://127.0.0.1:6379 OPENAI_API_KEY=sk-… node examples/resume-redis.mjs
import { randomUUID } from 'node:crypto';
import express from 'express';
import OpenAI from 'openai';
import { createClient } from 'redis';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform', // no caching, no compression by proxies
  'X-Accel-Buffering': 'no', // nginx: do not buffer this response
  'Chat-Resumable': 'true', // the element may resume this answer with Last-Event-ID
  'Access-Control-Expose-Headers': 'Chat-Resumable', // cross-origin pages must be able to read it
};
const KEEP_SECONDS = 600; // how long an answer stays resumable

const openai = new OpenAI(); // reads OPENAI_API_KEY and OPENAI_BASE_URL
const model = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';
const redis = await createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' }).connect();
const keyOf = (requestId) => `chat:answer:${requestId}`;

async function* modelText(messages) {
  const stream = await openai.chat.completions.create({
    model,
    messages: messages.filter((m) => m.content).map(({ role, content }) => ({ role, content })),
    stream: true,
  });
  for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) yield chunk.choices[0].delta.content;
}

/** Generates one answer into its Redis stream; any process can read it. */
async function generate(key, messages) {
  const push = (data) => redis.xAdd(key, '*', { data });
  try {
    for await (const text of modelText(messages)) await push(JSON.stringify({ content: text }));
  } catch (error) {
    console.error(error);
    await push(JSON.stringify({ error: { message: 'The model could not answer. Try again.' } }));
  }
  await push('[DONE]');
  await redis.expire(key, KEEP_SECONDS);
}

const app = express();

app.post('/api/chat', express.json(), async (req, res) => {
  const { messages } = req.body ?? {};
  if (!Array.isArray(messages)) {
    return res.status(400).json({ error: { message: 'The request needs a "messages" array.' } });
  }
  const key = keyOf(req.body.requestId || randomUUID()); // the element sends one requestId per answer
  let lastId = req.get('Last-Event-ID') ?? '0'; // a Redis stream id, or 0: from the start
  if (lastId !== '0' && !(await redis.exists(key))) {
    return res.status(404).json({ error: { message: 'This answer has expired.' } });
  }
  // The first process to claim the answer generates it; every other request only reads.
  if (await redis.set(`${key}:claim`, process.pid, { EX: KEEP_SECONDS, NX: true })) {
    generate(key, messages).catch(console.error);
  }
  const [last] = await redis.xRevRange(key, '+', '-', { COUNT: 1 });
  if (last?.id === lastId && last.message.data === '[DONE]') return res.status(204).end(); // nothing left

  res.writeHead(200, SSE_HEADERS);
  res.write(': ok\n\n'); // a first byte at once: proxies and the element see the stream is alive
  const reader = redis.duplicate(); // XREAD BLOCK holds its connection: one per response
  let closed = false;
  res.on('close', () => {
    closed = true;
    reader.destroy(); // ends a pending XREAD
    // A Stop and a dropped connection look the same here: the answer goes on, ready to resume.
    if (!res.writableFinished) console.log('Stopped: the client closed the connection.');
  });
  try {
    await reader.connect();
    while (!closed) {
      const reply = await reader.xRead({ key, id: lastId }, { BLOCK: 15_000 });
      if (!reply) {
        res.write(': heartbeat\n\n'); // 15 s of silence: keep proxies from closing the connection
        continue;
      }
      for (const { id, message } of reply[0].messages) {
        res.write(`id: ${id}\ndata: ${message.data}\n\n`);
        lastId = id;
        if (message.data === '[DONE]') return res.end();
      }
    }
  } catch {
    res.end(); // the reader was closed because the client left
  } finally {
    reader.destroy();
  }
});

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? 'localhost', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}`);
});
