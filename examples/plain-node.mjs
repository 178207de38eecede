// The smallest backend for <llm-stream-chat>: Node's own http module, no dependencies.
// It answers with an echo of the last message, a few characters at a time, in the element's
// simple SSE dialect: `data: {"content": "…"}` per piece of text, then `data: [DONE]`.
//
//   node examples/plain-node.mjs        then: <llm-stream-chat endpoint="http://localhost:3000/api/chat">
//   (cross-origin? see docs/backends.md, "Recipes", for the CORS headers)
import { createServer } from 'node:http';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform', // no caching, no compression by proxies
  'X-Accel-Buffering': 'no', // nginx: do not buffer this response
};
const send = (res, data) => res.write(`data: ${JSON.stringify(data)}\n\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function handleChat(req, res) {
  if (req.method !== 'POST' || req.url !== '/api/chat') return res.writeHead(404).end();
  let body = '';
  for await (const chunk of req) body += chunk;
  let messages; // [{ role, content }, …], the last one is the user's
  try {
    ({ messages } = JSON.parse(body));
  } catch {
    // not JSON: answered below
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    return res.end(JSON.stringify({ error: { message: 'The request needs a "messages" array.' } }));
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
}

const server = createServer((req, res) => {
  handleChat(req, res).catch((error) => {
    console.error(error); // e.g. the client went away while sending its request
    res.destroy();
  });
});

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? 'localhost', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}`);
});
