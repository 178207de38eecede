import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// `npm run example:vue` serves this app on http://127.0.0.1:5174 and proxies /api to the demo
// backend started by `npm start` (port 5173).
export default defineConfig({
  base: './',
  plugins: [
    vue({
      // Without this, Vue warns "Failed to resolve component: llm-stream-chat".
      template: { compilerOptions: { isCustomElement: (tag) => tag === 'llm-stream-chat' } },
    }),
  ],
  server: { host: '127.0.0.1', port: 5174, proxy: { '/api': 'http://127.0.0.1:5173' } },
});
