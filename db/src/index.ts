// @toolrisk/db: the schema, its committed migrations, the client factory for PGlite or PostgreSQL, and the catalogue.

// The catalogue: keys
export type { KeyScope, KeySummary } from './catalogue/keys.js';
export { createKey, findActiveKey, hashKey, KEY_SCOPES, listKeys, revokeKey } from './catalogue/keys.js';

export type { Database, DbConfig, DbHandle } from './client.js';
export { createDb, MIGRATIONS_DIR } from './client.js';
export type { DbErrorCode } from './errors.js';
export { DB_ERROR_CODES, ToolriskDbError } from './errors.js';
export type { CrawlCounts, ServerSource } from './schema/index.js';
export {
  apiKeys,
  classifications,
  crawlErrors,
  crawlRuns,
  llmOpinions,
  serverSubmissions,
  servers,
  serverVersions,
  tools,
  toolVersions,
} from './schema/index.js';

/** Row types: what a select returns and what an insert takes. */
import type * as schema from './schema/index.js';
export type ServerRow = typeof schema.servers.$inferSelect;
export type NewServerRow = typeof schema.servers.$inferInsert;
export type ServerVersionRow = typeof schema.serverVersions.$inferSelect;
export type ToolRow = typeof schema.tools.$inferSelect;
export type NewToolRow = typeof schema.tools.$inferInsert;
export type ToolVersionRow = typeof schema.toolVersions.$inferSelect;
export type ClassificationRow = typeof schema.classifications.$inferSelect;
export type NewClassificationRow = typeof schema.classifications.$inferInsert;
export type CrawlRunRow = typeof schema.crawlRuns.$inferSelect;
export type CrawlErrorRow = typeof schema.crawlErrors.$inferSelect;
export type ApiKeyRow = typeof schema.apiKeys.$inferSelect;
export type LlmOpinionRow = typeof schema.llmOpinions.$inferSelect;
export type ServerSubmissionRow = typeof schema.serverSubmissions.$inferSelect;
