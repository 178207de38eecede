// The lifecycle and load suite (heap over 200 exchanges, 20 elements streaming at once, a
// 1,000-message restore), alone: one test page at a time, so its main-thread figures are the
// element's and not a neighbouring test file's.
import base from './web-test-runner.config.mjs';

export default {
  ...base,
  files: ['test/browser/hostile-lifecycle.test.ts'],
  concurrency: 1,
};
