// @toolrisk/db/testing: what only benchmarks and tests use, kept off the public entry: test databases on both
// engines (a fresh one per run), a generated catalogue of any size, and a proxy that simulates an outage.
export type { GeneratedCatalogue } from './catalogue/generated.js';
export { generateCatalogue } from './catalogue/generated.js';
export type { OutageMode } from './outage-proxy.js';
export { OutageProxy } from './outage-proxy.js';
export type { ScratchDatabase, TestDb, TestDbOptions, TestEngine } from './testing/test-db.js';
export {
  createScratchDatabase,
  freshId,
  openTestDb,
  rowsOf,
  testEngines,
} from './testing/test-db.js';
