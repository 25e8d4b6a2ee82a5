// @toolrisk/web/testing: what only tests and benchmarks use, kept off the public entry.
export { escapeHtml } from './html.js';
