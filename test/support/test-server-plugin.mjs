// Mounts real streaming endpoints on the test runner's own HTTP server (127.0.0.1), so browser
// tests talk to a real server over loopback, same-origin:
//   POST /api/chat?delay=MS   the demo's mock model (demo/mock-backend.mjs), MS between tokens
//   /test/...                 scripted responses (test/support/scripted-server.mjs)
//   /real/...                 servers written as real libraries' docs show (test/support/real-backends.mjs)
import { createMockChatHandler } from '../../demo/mock-backend.mjs';
import { handleScriptRoutes } from './scripted-server.mjs';
import { handleRealBackends, startMockLlm } from './real-backends.mjs';

const mockHandlers = new Map();

function mockHandler(delay) {
  if (!mockHandlers.has(delay)) mockHandlers.set(delay, createMockChatHandler({ tokenDelayMs: delay }));
  return mockHandlers.get(delay);
}

/** Koa middleware that hands our routes the raw Node request and response. */
export function testServerMiddleware() {
  startMockLlm().catch(() => {}); // a failure shows in the tests that use it
  return async function testRoutes(ctx, next) {
    if (ctx.path === '/api/chat') {
      ctx.respond = false;
      const delay = Number(ctx.query.delay ?? 5);
      await mockHandler(delay)(ctx.req, ctx.res);
      return;
    }
    if (ctx.path.startsWith('/real/')) {
      ctx.respond = false;
      // Koa presets 404, which a Node handler that leaves the status alone (better-sse) inherits.
      ctx.res.statusCode = 200;
      if (await handleRealBackends(ctx.req, ctx.res)) return;
      ctx.respond = true;
    }
    if (ctx.path.startsWith('/test/')) {
      ctx.respond = false;
      const handled = await handleScriptRoutes(ctx.req, ctx.res);
      if (handled) return;
      ctx.respond = true;
    }
    await next();
  };
}
