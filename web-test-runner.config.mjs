import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { CHROMIUM_ARGS, ensureChromium } from './scripts/chromium.mjs';
import { testServerMiddleware } from './test/support/test-server-plugin.mjs';
import { cspMiddleware } from './test/support/csp-middleware.mjs';
import { examplesMiddleware } from './test/support/examples-middleware.mjs';
import { hostilePlugin } from './test/support/hostile-plugin.mjs';
import { createRecipeServers } from './test/support/recipes-plugin.mjs';

// The backend recipes of examples/, run as their own processes behind /recipes/<name>/.
const recipes = createRecipeServers();

export default {
  // The load measurements run on their own afterwards (web-test-runner.load.config.mjs): beside
  // another test page on a 2-core machine, their main-thread figures measure the neighbour.
  files: ['test/browser/**/*.test.ts', '!test/browser/hostile-lifecycle.test.ts'],
  nodeResolve: true,
  hostname: '127.0.0.1',
  concurrency: 2,
  concurrentBrowsers: 1,
  // The XSS suite alone runs every vector through text and through every kind of answer part.
  testsFinishTimeout: 1_800_000,
  testFramework: { config: { timeout: 20_000 } },
  middleware: [testServerMiddleware(), cspMiddleware(), examplesMiddleware(), recipes.middleware()],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    hostilePlugin(),
    recipes.plugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: ensureChromium(), headless: true, args: CHROMIUM_ARGS },
      // One window per test page: tabs of one window are hidden while another tab is active,
      // and a hidden page gets no animation frames (modernweb-dev/web#2588), which stalls every
      // per-frame render.
      createPage: ({ context }) => context.newPage({ type: 'window' }),
    }),
  ],
};
