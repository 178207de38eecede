import { defineConfig } from 'vite';
import { minifyCssLiterals } from './scripts/minify-css-literals.mjs';

/**
 * Script-tag builds only: one self-registering file (`src/define.ts` with lit, marked and
 * DOMPurify bundled in) as ESM and as IIFE, minified, with source maps, using Lit's production
 * build: the `production` export condition is set explicitly, so even a build run with
 * NODE_ENV=development leaves Lit's dev mode out. The npm entries are compiled by `tsc` into `dist/` unbundled, as open-wc recommends;
 * this build writes to `dist/browser/`.
 */
export default defineConfig({
  plugins: [minifyCssLiterals()],
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist/browser',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2021',
    minify: 'oxc',
    // Library mode leaves ES output unminified (whitespace and all) so that a later bundler can
    // tree-shake it; this file is for <script type="module"> as it is, so minify it fully.
    rolldownOptions: { output: { minify: true, comments: { annotation: false, jsdoc: false, legal: true } } },
    lib: {
      entry: 'src/define.ts',
      name: 'LlmStreamChat',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'llm-stream-chat.js' : 'llm-stream-chat.iife.js'),
    },
  },
});
