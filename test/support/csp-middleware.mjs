// Serves the demo's plain pages on the test runner's server byte for byte, as `npm start` does
// (the dev server would otherwise inject its own script into HTML), and demo/csp.html with the
// same Content-Security-Policy header that `npm start` sends (demo/csp-policy.mjs).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STRICT_CSP, STRICT_CSP_PAGES } from '../../demo/csp-policy.mjs';
import { serveStatic } from '../../demo/static-files.mjs';

const demoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../demo');
const PLAIN_PAGES = new Set(['script-tag.html', ...STRICT_CSP_PAGES]);

/** Koa middleware for /demo/<page> of PLAIN_PAGES; everything else goes on to the dev server. */
export function cspMiddleware() {
  return async function plainDemoPages(ctx, next) {
    const page = ctx.path.startsWith('/demo/') ? ctx.path.slice('/demo/'.length) : '';
    if (!PLAIN_PAGES.has(page)) return next();
    ctx.respond = false;
    if (STRICT_CSP_PAGES.has(page)) ctx.res.setHeader('Content-Security-Policy', STRICT_CSP);
    if (!(await serveStatic(ctx.req, ctx.res, { root: demoRoot, prefix: '/demo/' }))) {
      ctx.res.writeHead(404).end();
    }
  };
}
