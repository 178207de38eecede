import { defineConfig } from 'vite';
import { svelte, vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// `npm run example:svelte` serves this app on http://127.0.0.1:5174 and proxies /api to the demo
// backend started by `npm start` (port 5173).
export default defineConfig({
  base: './',
  plugins: [svelte({ preprocess: vitePreprocess() })],
  server: { host: '127.0.0.1', port: 5174, proxy: { '/api': 'http://127.0.0.1:5173' } },
});
