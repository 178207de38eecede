import { defineConfig } from 'vite';

/**
 * The first-party Markdown plugins for the script-tag build: one ES module per plugin in
 * `dist/browser/plugins/`, beside the element (`plugins="math highlight mermaid"` imports them
 * from there), each with its library bundled; what a library loads on demand (KaTeX, a
 * highlight.js language, Mermaid and its diagram types) is a chunk of its own in `chunks/`.
 * `scripts/plugin-sizes.mjs` prints what each plugin weighs.
 */
export default defineConfig({
  // Mermaid alone makes over a hundred chunks: the summary comes from scripts/plugin-sizes.mjs.
  logLevel: 'warn',
  resolve: { conditions: ['module', 'browser', 'production'] },
  build: {
    outDir: 'dist/browser/plugins',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2021',
    minify: 'oxc',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      output: {
        minify: true,
        comments: { annotation: false, jsdoc: false, legal: true },
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
    lib: {
      entry: { math: 'src/plugins/math.ts', highlight: 'src/plugins/highlight.ts', mermaid: 'src/plugins/mermaid.ts' },
      formats: ['es'],
      fileName: (_format, name) => `${name}.js`,
    },
  },
});
