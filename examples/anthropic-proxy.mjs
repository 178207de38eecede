// A proxy to Anthropic with the official `@anthropic-ai/sdk`: the API key stays on the server,
// and the upstream request is aborted when the user stops. The element gets the simple SSE
// dialect; only text is forwarded (thinking blocks are not).
//
//   npm install express @anthropic-ai/sdk
//   ANTHROPIC_API_KEY=sk-ant-… node examples/anthropic-proxy.mjs      (ANTHROPIC_MODEL picks the model)
import Anthropic from '@anthropic-ai/sdk';
import express from 'express';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform', // no caching, no compression by proxies
  'X-Accel-Buffering': 'no', // nginx: do not buffer this response
};
const send = (res, data) => res.write(`data: ${JSON.stringify(data)}\n\n`);

const anthropic = new Anthropic(); // reads ANTHROPIC_API_KEY (and ANTHROPIC_BASE_URL)
const model = process.env.ANTHROPIC_MODEL ?? 'claude-sonnet-4-5';

/** Anthropic wants only roles and non-empty text, starting with a user message. */
const toAnthropic = (messages) => messages.filter((m) => m.content).map(({ role, content }) => ({ role, content }));

const app = express();

app.post('/api/chat', express.json(), async (req, res) => {
  if (!Array.isArray(req.body?.messages)) {
    return res.status(400).json({ error: { message: 'The request needs a "messages" array.' } });
  }
  const abort = new AbortController();
  res.on('close', () => {
    if (res.writableFinished) return;
    abort.abort(); // Stop, or the user left: end the upstream request too
    console.log('Stopped: the client closed the connection.');
  });
  res.writeHead(200, SSE_HEADERS);
  try {
    const stream = anthropic.messages.stream(
      { model, max_tokens: 1024, messages: toAnthropic(req.body.messages) }, // add `system: '…'` here
      { signal: abort.signal },
    );
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
        send(res, { content: event.delta.text });
      }
    }
    res.end('data: [DONE]\n\n');
  } catch (error) {
    if (abort.signal.aborted) return;
    console.error(error);
    send(res, { error: { message: 'The model could not answer. Try again.' } }); // no internals to the browser
    res.end();
  }
});

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? 'localhost', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}`);
});
