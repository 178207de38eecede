import { defineConfig } from 'vite';

// `npm run example:react` serves this app on http://127.0.0.1:5174 and proxies /api to the demo
// backend started by `npm start` (port 5173). Vite compiles the JSX itself; no React plugin is
// needed for a build (add @vitejs/plugin-react for Fast Refresh while developing).
export default defineConfig({
  base: './',
  server: { host: '127.0.0.1', port: 5174, proxy: { '/api': 'http://127.0.0.1:5173' } },
});
