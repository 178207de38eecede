// The core's streamChat against servers written as each library's docs show (test/support/
// real-backends.mjs), on loopback: exactly the answer, over three turns, with one request per
// answer and the request body as the element builds it (no prepareRequest, no format).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { buildChatRequest, streamChat } from '../../dist/core/index.js';
import { answerFor, handleRealBackends, startMockLlm } from '../support/real-backends.mjs';

let base;
let server;
before(async () => {
  server = createServer(async (req, res) => {
    if (!(await handleRealBackends(req, res))) res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  await startMockLlm();
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Asks `turns` questions in a row the way the element does; returns each answer and the request count. */
async function converse(path, { turns = 3, model } = {}) {
  const run = randomUUID();
  const history = [];
  const answers = [];
  for (let turn = 1; turn <= turns; turn++) {
    history.push({ id: `u${turn}`, role: 'user', content: `question ${turn}`, status: 'complete' });
    const request = buildChatRequest({ endpoint: `${base}${path}?run=${run}`, messages: history, model });
    let text = '';
    let done;
    for await (const update of streamChat(request, { retryDelay: 0, idleTimeout: 10_000 })) {
      if (update.type === 'text') text += update.text;
      // The AI SDK UI message stream's text comes as its own chunks (see MessageAssembler).
      if (update.type === 'chunk' && update.chunk.type === 'text-delta') text += update.chunk.delta;
      if (update.type === 'done') done = update;
    }
    answers.push({ text, done });
    history.push({ id: `a${turn}`, role: 'assistant', content: text, status: 'complete' });
  }
  const { requests } = await (await fetch(`${base}/real/log?run=${run}`)).json();
  return { answers, requests };
}

const expected = (turn) =>
  answerFor(
    Array.from({ length: turn }, (_, i) => `question ${i + 1}`),
    turn - 1,
  );

describe('real server libraries, as their docs show them', () => {
  for (const [name, path, format] of [
    ['AI SDK toUIMessageStreamResponse()', '/real/ai-sdk-ui', 'ai-sdk'],
    ['AI SDK toTextStreamResponse()', '/real/ai-sdk-text', 'text'],
    ['Hono streamSSE with an id on every event', '/real/hono-ids', 'sse'],
    ["Hono streamSSE with event: 'token'", '/real/hono-token', 'sse'],
    ['better-sse session.push(token)', '/real/better-sse', 'sse'],
    ['LangChain HttpResponseOutputParser, text/event-stream', '/real/langchain-sse', 'sse'],
    ['LangChain HttpResponseOutputParser, text/plain', '/real/langchain-text', 'text'],
  ]) {
    test(`${name}: the exact answer, three turns, one request each`, async () => {
      const { answers, requests } = await converse(path);
      answers.forEach(({ text, done }, i) => {
        assert.equal(text, expected(i + 1), `turn ${i + 1}`);
        assert.equal(done?.format, format, `turn ${i + 1}`);
        assert.equal(done.timing.reconnects, 0);
      });
      assert.equal(requests, 3, 'one request per answer');
    });
  }

  test('mock-llm (OpenAI-compatible) streamed, with a model', async () => {
    const { answers, requests } = await converse('/real/openai/v1/chat/completions', { model: 'gpt-4o-mini' });
    answers.forEach(({ text, done }, i) => {
      assert.equal(text, `You said: question ${i + 1}`);
      assert.equal(done.format, 'openai');
      assert.equal(done.finishReason, 'stop');
    });
    assert.equal(requests, 3);
  });

  test('mock-llm (OpenAI-compatible) without a model: one non-streamed JSON completion', async () => {
    const { answers, requests } = await converse('/real/openai/v1/chat/completions');
    answers.forEach(({ text, done }, i) => {
      assert.equal(text, `You said: question ${i + 1}`);
      assert.equal(done.format, 'openai');
      assert.equal(done.finishReason, 'stop');
    });
    assert.equal(requests, 3);
  });
});
