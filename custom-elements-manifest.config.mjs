// `npm run build` (scripts/docs.mjs --manifest) writes dist/custom-elements.json from the JSDoc in
// src/: the class header (@summary, @fires, @slot, @csspart, @cssprop) and the one-line comment
// on every property and method. docs/api.md is generated from that manifest.
import { llmStreamChatManifestPlugin } from './scripts/manifest-plugin.mjs';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts'],
  outdir: 'dist',
  litelement: true,
  packagejson: false,
  plugins: [llmStreamChatManifestPlugin()],
};
