// Loaded first by csp.html (a classic script from 'self', as the policy allows): records every
// Content-Security-Policy violation on this page in `window.cspViolations` and shows the count,
// so a person, and the test suite, can see that the element needs no exception to the policy.
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.cspViolations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    sample: event.sample,
    source: `${event.sourceFile}:${event.lineNumber}`,
  });
  show();
});
function show() {
  const output = document.getElementById('csp-violations');
  if (output) output.textContent = String(window.cspViolations.length);
}
document.addEventListener('DOMContentLoaded', show);
