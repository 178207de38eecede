// A real loopback HTTP server for the Node tests: the demo's mock model at /api/chat (with its
// fault injection) and the scripted responses of test/support at /test/….
import { createServer } from 'node:http';
import { createMockChatHandler } from '../../demo/mock-backend.mjs';
import { handleScriptRoutes, registerScript, getLog } from '../support/scripted-server.mjs';

export async function startServer({ tokenDelayMs = 0 } = {}) {
  const chat = createMockChatHandler({ tokenDelayMs, keepMs: 5_000 });
  const server = createServer(async (req, res) => {
    if (req.url.startsWith('/api/chat')) return chat(req, res);
    if (await handleScriptRoutes(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    base,
    /** Registers scripted responses; returns the URL that plays them and their log. */
    script(...responses) {
      const id = registerScript({ responses });
      return { url: `${base}/test/run/${id}`, log: () => getLog(id) };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
