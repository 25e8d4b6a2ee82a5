// @toolrisk/db/testing: what only benchmarks and tests use, kept off the public entry.
export type { GeneratedCatalogue } from './catalogue/generated.js';
export { generateCatalogue } from './catalogue/generated.js';
export type { OutageMode } from './outage-proxy.js';
export { OutageProxy } from './outage-proxy.js';
