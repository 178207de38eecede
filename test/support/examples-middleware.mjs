// Builds the framework example apps (demo/react, demo/vue, demo/svelte) with Vite's JavaScript
// API, each once per test run and only when a test first asks for it, into a temporary folder,
// and serves the built files at /examples/<name>/ on the test runner's server, byte for byte.
// The apps import 'llm-stream-chat/…' by name, so they use dist/ through package.json's exports,
// as an app that installed the package would; `npm run build` must have run first.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '../../demo/static-files.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLES = ['react', 'vue', 'svelte'];

let outRoot;
const builds = new Map();

function buildExample(name) {
  if (!builds.has(name)) {
    builds.set(
      name,
      (async () => {
        if (!outRoot) {
          outRoot = mkdtempSync(join(tmpdir(), 'llm-stream-chat-examples-'));
          process.once('exit', () => rmSync(outRoot, { recursive: true, force: true }));
        }
        const { build } = await import('vite');
        const root = join(ROOT, 'demo', name);
        const outDir = join(outRoot, name);
        await build({
          root,
          configFile: join(root, 'vite.config.ts'),
          logLevel: 'warn',
          build: { outDir, emptyOutDir: true, sourcemap: false },
        });
        return outDir;
      })(),
    );
  }
  return builds.get(name);
}

/** Koa middleware for /examples/<name>/…; a failed build answers 500 with Vite's message. */
export function examplesMiddleware() {
  return async function examples(ctx, next) {
    const match = /^\/examples\/([a-z]+)\//.exec(ctx.path);
    if (!match || !EXAMPLES.includes(match[1])) return next();
    let outDir;
    try {
      outDir = await buildExample(match[1]);
    } catch (error) {
      ctx.status = 500;
      ctx.body = `Building demo/${match[1]} failed:\n${error?.stack ?? error}`;
      return;
    }
    ctx.respond = false;
    if (!(await serveStatic(ctx.req, ctx.res, { root: outDir, prefix: `/examples/${match[1]}/` }))) {
      ctx.res.writeHead(404).end();
    }
  };
}
