// Serves a web-standard route handler (a module exporting `POST(request: Request): Response`,
// as a Next.js App Router route.ts does) over node:http, the way Next.js calls it: a `Request`
// whose signal aborts when the client goes away, and the `Response` body streamed back, its
// reader cancelled when the client goes away. `<routePath>/<id>/stream` calls the module's GET
// with `{ params: Promise<{ id }> }`, as a Next.js dynamic route app/api/chat/[id]/stream does. TypeScript is compiled with esbuild first (no
// Next.js install needed); bare imports stay imports, resolved from the repository's node_modules.
//
//   PORT=0 node test/support/serve-route.mjs examples/nextjs-route.ts [/api/chat]
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const [file, routePath = '/api/chat'] = process.argv.slice(2);
const outfile = join(
  ROOT,
  'node_modules/.cache/llm-stream-chat-recipes',
  `${process.pid}-${basename(file).replace(/\.ts$/, '')}.mjs`,
);
await build({
  entryPoints: [resolve(file)],
  outfile,
  bundle: true,
  packages: 'external',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const route = await import(pathToFileURL(outfile).href);
rmSync(outfile); // loaded: the compiled copy is not needed any more

function toRequest(req, signal) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(`http://${req.headers.host}${req.url}`, {
    method: req.method,
    headers,
    body: hasBody ? Readable.toWeb(req) : undefined,
    duplex: 'half',
    signal,
  });
}

/** The handler and its context for a request, as Next.js's file-system routing would find them. */
function match(method, pathname) {
  if (pathname === routePath) return { handler: route[method], context: {} };
  const id =
    pathname.startsWith(`${routePath}/`) && /^([^/]+)\/stream$/.exec(pathname.slice(routePath.length + 1))?.[1];
  if (id && method === 'GET')
    return { handler: route.GET, context: { params: Promise.resolve({ id: decodeURIComponent(id) }) } };
  return { handler: undefined, context: {} };
}

const server = createServer(async (req, res) => {
  const { handler, context } = match(req.method, new URL(req.url, 'http://x').pathname);
  if (typeof handler !== 'function') return res.writeHead(404).end();
  const abort = new AbortController();
  let reader;
  res.on('close', () => {
    if (res.writableFinished) return;
    abort.abort();
    reader?.cancel().catch(() => {});
  });
  let response;
  try {
    response = await handler(toRequest(req, abort.signal), context);
  } catch (error) {
    console.error(error);
    return res.writeHead(500).end();
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return res.end();
  reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      res.write(value);
    }
  } catch {
    // cancelled because the client left
  }
  res.end();
});

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? 'localhost', () => {
  const { address, port } = server.address();
  console.log(`Listening on http://${address}:${port}`);
});
