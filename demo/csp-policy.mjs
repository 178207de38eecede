// The strict Content-Security-Policy that demo/csp.html is served with, by `npm start`
// (demo/server.mjs) and by the test server (test/support/csp-middleware.mjs). No 'unsafe-inline',
// no 'unsafe-eval', and Trusted Types enforced for every DOM XSS sink. The element needs two
// Trusted Types policy names: `lit-html` (Lit's templates) and `dompurify` (the sanitizer).
export const STRICT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' https:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html dompurify',
].join('; ');

/** Pages served with STRICT_CSP, by path below demo/. */
export const STRICT_CSP_PAGES = new Set(['csp.html']);
