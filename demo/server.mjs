// `npm start`: one Node process serving the demo page, the built element and the chat backend.
//   PORT            port to listen on (default 5173)
//   HOST            address to bind (default 127.0.0.1)
//   TOKEN_DELAY_MS  mock model pace: milliseconds between ~4-character tokens (default 30)
//   OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_MODEL  proxy to a real OpenAI-compatible server instead
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { createMockChatHandler } from './mock-backend.mjs';
import { createOpenAiProxyHandler } from './openai-proxy.mjs';
import { STRICT_CSP, STRICT_CSP_PAGES } from './csp-policy.mjs';
import { serveStatic } from './static-files.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

export function createDemoServer(env = process.env) {
  const chat = env.OPENAI_BASE_URL
    ? createOpenAiProxyHandler({ baseUrl: env.OPENAI_BASE_URL, apiKey: env.OPENAI_API_KEY, model: env.OPENAI_MODEL })
    : createMockChatHandler({ tokenDelayMs: Number(env.TOKEN_DELAY_MS ?? 30) });

  return createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://localhost');
      if (pathname === '/api/chat') {
        if (req.method !== 'POST' && req.method !== 'GET') {
          res.writeHead(405, { Allow: 'GET, POST', 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { message: 'Use POST (or GET with ?message=).' } }));
          return;
        }
        await chat(req, res);
        return;
      }
      if (await serveStatic(req, res, { root: resolve(root, 'dist'), prefix: '/dist/' })) return;
      if (STRICT_CSP_PAGES.has(pathname.slice(1))) res.setHeader('Content-Security-Policy', STRICT_CSP);
      if (await serveStatic(req, res, { root: here, prefix: '/' })) return;
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end();
    }
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 5173);
  const host = process.env.HOST ?? '127.0.0.1';
  const server = createDemoServer();
  server.on('error', (error) => {
    console.error(error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another port.` : error.message);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const mode = process.env.OPENAI_BASE_URL ? `proxying to ${process.env.OPENAI_BASE_URL}` : 'mock model';
    console.log(`llm-stream-chat demo (${mode}): http://${host}:${port}/`);
  });
}
