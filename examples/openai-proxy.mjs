// A proxy to OpenAI with the official `openai` SDK: the API key stays on the server, and the
// upstream request is aborted when the user stops, so nobody pays for tokens nobody reads.
// The element gets the simple SSE dialect; any OpenAI-compatible server works the same way.
//
//   npm install express openai
//   OPENAI_API_KEY=sk-… node examples/openai-proxy.mjs
//   (OPENAI_BASE_URL=http://127.0.0.1:11434/v1 for Ollama, vLLM, LM Studio…; OPENAI_MODEL picks the model)
import express from 'express';
import OpenAI from 'openai';

const SSE_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache, no-transform', // no caching, no compression by proxies
  'X-Accel-Buffering': 'no', // nginx: do not buffer this response
};
const send = (res, data) => res.write(`data: ${JSON.stringify(data)}\n\n`);

const openai = new OpenAI(); // reads OPENAI_API_KEY and OPENAI_BASE_URL
const model = process.env.OPENAI_MODEL ?? 'gpt-4o-mini';

/** The element's messages carry more than OpenAI accepts: keep the role and the text. */
const toOpenAi = (messages) => messages.filter((m) => m.content).map(({ role, content }) => ({ role, content }));

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
    const stream = await openai.chat.completions.create(
      // Add a system prompt here: [{ role: 'system', content: '…' }, ...toOpenAi(…)]
      { model, messages: toOpenAi(req.body.messages), stream: true },
      { signal: abort.signal },
    );
    for await (const chunk of stream) {
      const text = chunk.choices[0]?.delta?.content;
      if (text) send(res, { content: text });
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
