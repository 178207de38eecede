// The same echo backend as plain-node.mjs, in Express 5: `express.json()` reads the body.
//
//   npm install express
//   node examples/express.mjs           then: <llm-stream-chat endpoint="http://localhost:3000/api/chat">
import express from 'express';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform', // no caching, no compression by proxies
  'X-Accel-Buffering': 'no', // nginx: do not buffer this response
};
const send = (res, data) => res.write(`data: ${JSON.stringify(data)}\n\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const app = express();

app.post('/api/chat', express.json(), async (req, res) => {
  const messages = req.body?.messages; // [{ role, content }, …], the last one is the user's
  if (!Array.isArray(messages) || messages.length === 0) {
    return res.status(400).json({ error: { message: 'The request needs a "messages" array.' } });
  }

  // Listen on `res`, not `req`: `req` closes as soon as its body has been read.
  let closed = false;
  res.on('close', () => (closed = true));
  res.writeHead(200, SSE_HEADERS);
  const answer = `You said: **${messages.at(-1).content}**`;
  for (const piece of answer.match(/.{1,4}/gsu)) {
    if (closed) return console.log('Stopped: the client closed the connection.'); // Stop, or the user left
    send(res, { content: piece });
    await sleep(30); // a real model takes its time too
  }
  res.end('data: [DONE]\n\n');
});

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? 'localhost', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}`);
});
