// @toolrisk/db/testing: what only benchmarks and tests use, kept off the public entry: test databases on both
// engines (a fresh one per run), a generated catalogue of any size, a proxy that simulates an outage, and the
// tables, for tests that read or seed rows directly.

export { generateCatalogue } from './catalogue/generated.js';
export type { DbConfig } from './client.js';
export { OutageProxy } from './outage-proxy.js';
export {
  apiKeys,
  classifications,
  crawlErrors,
  crawlRuns,
  llmOpinions,
  serverSources,
  serverSubmissions,
  servers,
  serverVersions,
  tools,
  toolVersions,
} from './schema/index.js';
export type { TestDb, TestEngine } from './testing/test-db.js';
export { createScratchDatabase, freshId, openTestDb, rowsOf, testEngines } from './testing/test-db.js';
