import { defineConfig } from 'vite';

/**
 * Script-tag builds only: one self-registering file (`src/define.ts` with lit, marked and
 * DOMPurify bundled in) as ESM and as IIFE. The npm entries are compiled by `tsc` into
 * `dist/` unbundled, as open-wc recommends; this build writes to `dist/browser/`.
 */
export default defineConfig({
  build: {
    outDir: 'dist/browser',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2021',
    lib: {
      entry: 'src/define.ts',
      name: 'LlmStreamChat',
      formats: ['es', 'iife'],
      fileName: (format) => (format === 'es' ? 'llm-stream-chat.js' : 'llm-stream-chat.iife.js'),
    },
  },
});
