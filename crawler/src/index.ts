// @toolrisk/crawler: sources of servers, MCP introspection, and the definition history they feed.

// Errors
export type { CrawlErrorCode } from './errors.js';
export { CRAWL_ERROR_CODES, ToolriskCrawlError } from './errors.js';
export { classifyServerTools, reclassifyStale, toolDefinitionOf } from './history/classify-server.js';
export type { CrawlFailure } from './history/runs.js';
export { emptyCounts, finishRun, recordFailure, startRun } from './history/runs.js';
export { slugify } from './history/slug.js';
// Definition history
export type { ServerSnapshot, SnapshotOutcome } from './history/store.js';
export { storeServerSnapshot } from './history/store.js';
export { SEED_CATALOGUE_DIR, seedIfEmpty } from './seed.js';
// Sources
export type { FileImport, ImportReport } from './sources/files.js';
export {
  expandJsonFiles,
  importToolsFiles,
  MAX_IMPORT_FILE_BYTES,
  snapshotOfDocument,
} from './sources/files.js';
export type { JsonParse } from './sources/json-text.js';
export { parseJsonText } from './sources/json-text.js';
