// Chat servers written the way each library's own documentation shows, with that library's own
// mock model where it has one, for the tests that point the element at them (issue 11):
//   POST /real/ai-sdk-ui      Vercel AI SDK route handler, toUIMessageStreamResponse()
//   POST /real/ai-sdk-text    the same with toTextStreamResponse()
//   POST /real/ai-sdk-tools   the same with a tool (executed on the server) and a model that
//                             reasons, calls it, then answers citing a source: two steps
//   POST /real/hono-ids       Hono streamSSE, an `id` on every event, no [DONE], a clean close
//   POST /real/hono-token     Hono streamSSE with `event: 'token'`
//   POST /real/better-sse     better-sse createSession + session.push(token) (JSON data, random ids)
//   POST /real/langchain-sse  LangChain HttpResponseOutputParser, text/event-stream
//   POST /real/langchain-text LangChain HttpResponseOutputParser, text/plain
//   POST /real/openai/v1/chat/completions   mock-llm (@dwmkerr/mock-llm), an OpenAI-compatible
//                             mock server from npm, run as its own process and reached through here
//   GET  /real/log?run=ID     how many requests each run id made (tests pass ?run=<uuid>)
// Every answer is computed from the conversation the server received (see answerFor), so a test
// that asserts the exact text also proves that every turn's history arrived as the server reads it.
import { spawn } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { convertToModelMessages, jsonSchema, simulateReadableStream, stepCountIs, streamText, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { createSession } from 'better-sse';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { HttpResponseOutputParser } from '@langchain/classic/output_parsers';
import { answerFor } from './real-answers.mjs';

export { answerFor };

/** The answer to a body's `messages` (`{ role, content }` each). */
function answerForMessages(messages) {
  const users = messages.filter((m) => m.role === 'user').map((m) => m.content);
  return answerFor(users, messages.filter((m) => m.role === 'assistant').length);
}

/** Pieces of three characters (code points), as a model streams tokens. */
export function tokens(text) {
  const characters = [...text];
  const pieces = [];
  for (let i = 0; i < characters.length; i += 3) pieces.push(characters.slice(i, i + 3).join(''));
  return pieces;
}

const usage = {
  inputTokens: { total: 3, noCache: 3, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 10, text: 10, reasoning: undefined },
};

/** The AI SDK's own mock model (ai/test), streaming the answer to the prompt it was given. */
function mockModel() {
  return new MockLanguageModelV3({
    doStream: async ({ prompt }) => {
      const text = (message) =>
        message.content
          .filter((part) => part.type === 'text')
          .map((part) => part.text)
          .join('');
      const users = prompt.filter((m) => m.role === 'user').map(text);
      const answer = answerFor(users, prompt.filter((m) => m.role === 'assistant').length);
      return {
        stream: simulateReadableStream({
          chunkDelayInMs: 2,
          chunks: [
            { type: 'text-start', id: 'text-1' },
            ...tokens(answer).map((delta) => ({ type: 'text-delta', id: 'text-1', delta })),
            { type: 'text-end', id: 'text-1' },
            { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, logprobs: undefined, usage },
          ],
        }),
      };
    },
  });
}

// The AI SDK's route handler (app/api/chat/route.ts in its Next.js guide), word for word but for
// the model.
async function aiSdkUiRoute(req) {
  const { messages } = await req.json();
  const result = streamText({ model: mockModel(), messages: await convertToModelMessages(messages) });
  return result.toUIMessageStreamResponse();
}

/**
 * The AI SDK's mock model as a model that reasons and uses tools: in the first step of a turn it
 * reasons and calls getWeather for the city in the last user message; once the tool's result is
 * in the prompt, it reasons again and answers with the result, citing a source. The answer names
 * the turn and counts the earlier tool results, so the next turn proves the history went back.
 */
function toolModel() {
  return new MockLanguageModelV3({
    doStream: async ({ prompt }) => {
      const users = prompt.filter((m) => m.role === 'user');
      const turn = users.length;
      const lastUser = users.at(-1).content.filter((part) => part.type === 'text').map((part) => part.text).join('');
      const city = /in ([A-Z][a-zé]+)/.exec(lastUser)?.[1] ?? 'Paris';
      // The tool results of this turn: after its last user message.
      const lastUserIndex = prompt.lastIndexOf(users.at(-1));
      const results = prompt.slice(lastUserIndex).filter((m) => m.role === 'tool').flatMap((m) => m.content);
      const earlier = prompt.slice(0, lastUserIndex).filter((m) => m.role === 'tool').length;
      const finish = (unified) => ({ type: 'finish', finishReason: { unified, raw: undefined }, logprobs: undefined, usage });
      const reasoning = (id, text) => [
        { type: 'reasoning-start', id },
        ...tokens(text).map((delta) => ({ type: 'reasoning-delta', id, delta })),
        { type: 'reasoning-end', id },
      ];
      if (results.length === 0) {
        const input = JSON.stringify({ city });
        return {
          stream: simulateReadableStream({
            chunkDelayInMs: 2,
            chunks: [
              ...reasoning('r1', `The user asks about **${city}**: call getWeather.`),
              { type: 'tool-input-start', id: `call-${turn}`, toolName: 'getWeather' },
              ...tokens(input).map((delta) => ({ type: 'tool-input-delta', id: `call-${turn}`, delta })),
              { type: 'tool-input-end', id: `call-${turn}` },
              { type: 'tool-call', toolCallId: `call-${turn}`, toolName: 'getWeather', input },
              finish('tool-calls'),
            ],
          }),
        };
      }
      const output = results[0].output?.value ?? {};
      const answer = `Turn ${turn}: it is ${output.temperature} °C in ${output.city} (${earlier} earlier tool result${earlier === 1 ? '' : 's'}).`;
      return {
        stream: simulateReadableStream({
          chunkDelayInMs: 2,
          chunks: [
            ...reasoning('r2', 'Answer with the tool result and cite it.'),
            { type: 'text-start', id: 't1' },
            ...tokens(answer).map((delta) => ({ type: 'text-delta', id: 't1', delta })),
            { type: 'text-end', id: 't1' },
            { type: 'source', sourceType: 'url', id: `src-${turn}`, url: `https://weather.example.com/${output.city}`, title: `${output.city} forecast` },
            finish('stop'),
          ],
        }),
      };
    },
  });
}

// The AI SDK's route handler with a tool, as its tool-calling guide shows it (a tool with an
// execute function, stopWhen for the second step, reasoning and sources sent to the client).
async function aiSdkToolsRoute(req) {
  const { messages } = await req.json();
  const result = streamText({
    model: toolModel(),
    messages: await convertToModelMessages(messages),
    tools: {
      getWeather: tool({
        description: 'The weather in a city',
        inputSchema: jsonSchema({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] }),
        execute: async ({ city }) => ({ city, temperature: city.length + 12, condition: 'Cloudy' }),
      }),
    },
    stopWhen: stepCountIs(3),
  });
  return result.toUIMessageStreamResponse({ sendReasoning: true, sendSources: true });
}

async function aiSdkTextRoute(req) {
  const { messages } = await req.json();
  const result = streamText({ model: mockModel(), messages: await convertToModelMessages(messages) });
  return result.toTextStreamResponse();
}

// Hono's streamSSE, as its streaming helper documentation shows it.
const hono = new Hono();
hono.post('/real/hono-ids', async (c) => {
  const { messages } = await c.req.json();
  let id = 0;
  return streamSSE(c, async (stream) => {
    for (const token of tokens(answerForMessages(messages))) {
      await stream.writeSSE({ data: token, id: String(id++) });
      await stream.sleep(2);
    }
  });
});
hono.post('/real/hono-token', async (c) => {
  const { messages } = await c.req.json();
  return streamSSE(c, async (stream) => {
    for (const token of tokens(answerForMessages(messages))) {
      await stream.writeSSE({ data: token, event: 'token' });
      await stream.sleep(2);
    }
  });
});

// LangChain's HttpResponseOutputParser, as its documentation's handler shows it, with LangChain's
// own fake chat model.
async function langchainRoute(req, contentType) {
  const { messages } = await req.json();
  const model = new FakeListChatModel({ responses: [answerForMessages(messages)] });
  const parser = new HttpResponseOutputParser({ contentType });
  const stream = await model.pipe(parser).stream(messages.map((m) => [m.role, m.content]));
  return new Response(stream, {
    headers: { 'Content-Type': contentType === 'text/plain' ? 'text/plain; charset=utf-8' : contentType },
  });
}

const fetchRoutes = {
  '/real/ai-sdk-ui': getRequestListener(aiSdkUiRoute),
  '/real/ai-sdk-text': getRequestListener(aiSdkTextRoute),
  '/real/ai-sdk-tools': getRequestListener(aiSdkToolsRoute),
  '/real/hono-ids': getRequestListener(hono.fetch),
  '/real/hono-token': getRequestListener(hono.fetch),
  '/real/langchain-sse': getRequestListener((req) => langchainRoute(req, 'text/event-stream')),
  '/real/langchain-text': getRequestListener((req) => langchainRoute(req, 'text/plain')),
};

async function readJsonBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// better-sse with Node's HTTP module, as its README shows it: a session, one push per token
// (JSON-serialized data, a random id on each event), then the response ends.
async function betterSseRoute(req, res) {
  const { messages } = await readJsonBody(req);
  const session = await createSession(req, res);
  for (const token of tokens(answerForMessages(messages))) {
    session.push(token);
    await sleep(2);
  }
  res.end();
}

let mockLlm;

/**
 * mock-llm on a free loopback port, started once, as its README runs it (HOST, PORT, --config).
 * Test servers call it when they start, so that no test waits for the process to come up.
 */
export function startMockLlm() {
  mockLlm ??= (async () => {
    const port = await freePort();
    const main = fileURLToPath(new URL('../../node_modules/@dwmkerr/mock-llm/dist/main.js', import.meta.url));
    const config = fileURLToPath(new URL('../fixtures/real-backends/mock-llm.yaml', import.meta.url));
    const child = spawn(process.execPath, [main, '--config', config], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: 'ignore',
    });
    child.unref();
    process.once('exit', () => child.kill());
    for (let i = 0; i < 200; i++) {
      if (await healthy(port)) return port;
      await sleep(50);
    }
    throw new Error('mock-llm did not start');
  })();
  return mockLlm;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function healthy(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
  } catch {
    return false;
  }
}

/** Forwards a request to mock-llm and streams its answer back as it comes. */
async function openAiRoute(req, res, path) {
  const port = await startMockLlm();
  const upstream = httpRequest(
    { host: '127.0.0.1', port, path, method: req.method, headers: req.headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

const runs = new Map();

/** Node-style handler for the /real/ routes; returns false for other paths. */
export async function handleRealBackends(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (!url.pathname.startsWith('/real/')) return false;
  if (url.pathname === '/real/log') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ requests: runs.get(url.searchParams.get('run')) ?? 0 }));
    return true;
  }
  const run = url.searchParams.get('run');
  if (run) runs.set(run, (runs.get(run) ?? 0) + 1);
  // The libraries route on the path alone: the test's ?run=… is for the log above.
  req.url = url.pathname;
  if (url.pathname.startsWith('/real/openai/')) {
    await openAiRoute(req, res, url.pathname.slice('/real/openai'.length));
    return true;
  }
  if (url.pathname === '/real/better-sse') {
    await betterSseRoute(req, res);
    return true;
  }
  const route = fetchRoutes[url.pathname];
  if (!route) return false;
  await route(req, res);
  return true;
}
