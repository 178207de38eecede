// `npm test` runs this before the browser tests, so a fresh machine needs no manual step.
import { ensureChromium } from './chromium.mjs';

try {
  console.log(`Chromium: ${ensureChromium()}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
