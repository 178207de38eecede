// Serves the demo's strict-CSP page (demo/csp.html) on the test runner's server with the same
// Content-Security-Policy header that `npm start` sends (demo/csp-policy.mjs).
import { STRICT_CSP, STRICT_CSP_PAGES } from '../../demo/csp-policy.mjs';

/** Koa middleware: adds the policy header to /demo/<page> for the pages that demand it. */
export function cspMiddleware() {
  return async function strictCsp(ctx, next) {
    await next();
    const page = ctx.path.startsWith('/demo/') ? ctx.path.slice('/demo/'.length) : '';
    if (STRICT_CSP_PAGES.has(page)) {
      ctx.set('Content-Security-Policy', STRICT_CSP);
      ctx.set('Cache-Control', 'no-store');
    }
  };
}
