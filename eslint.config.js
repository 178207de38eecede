// ESLint (flat config). TypeScript gets typescript-eslint's type-checked recommended rules (they
// catch floating promises and unsafe `any`, which the compiler does not); the element's code
// also gets the Lit rules (template and property mistakes), the custom-element rules
// (constructor and lifecycle contracts) and lit-a11y (accessibility inside `html` templates).
// Formatting is Prettier's job (`npm run format`), so no stylistic rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

const typeChecked = ['src/**/*.ts', 'test/**/*.ts', 'vite.config.ts', 'demo/react/**/*.{ts,tsx}'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/results/', 'demo/**/dist/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: typeChecked,
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['src/**/*.ts', 'test/browser/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended'], litA11y.configs.recommended],
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Chai's property assertions (`expect(x).to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      // @open-wc/semantic-dom-diff augments chai's `equal` with a Promise-returning overload (its
      // DOM-diff form), so every synchronous `expect(a).to.equal(b)` reads as a floating promise
      // (332 false reports; allowForKnownSafeCalls does not reach a global-namespace
      // augmentation), so the rule is off in tests; src/ keeps it.
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    // Node scripts, tests, the demo server and the benchmark driver.
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Code that runs in the page: the demo's own scripts and the benchmark's page.
    files: ['demo/*.js', 'bench/page.mjs', 'test/browser/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      // `_name` marks a deliberately unused parameter or binding.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
);
