// Row types: what a select returns and what an insert takes, one per table.
import type * as schema from './schema/index.js';

export type ServerRow = typeof schema.servers.$inferSelect;
export type NewServerRow = typeof schema.servers.$inferInsert;
export type ServerSourceRow = typeof schema.serverSources.$inferSelect;
export type ServerPackageRow = typeof schema.serverPackages.$inferSelect;
export type ServerVersionRow = typeof schema.serverVersions.$inferSelect;
export type ToolRow = typeof schema.tools.$inferSelect;
export type NewToolRow = typeof schema.tools.$inferInsert;
export type ToolVersionRow = typeof schema.toolVersions.$inferSelect;
export type ClassificationRow = typeof schema.classifications.$inferSelect;
export type NewClassificationRow = typeof schema.classifications.$inferInsert;
export type CrawlRunRow = typeof schema.crawlRuns.$inferSelect;
export type CrawlJobRow = typeof schema.crawlJobs.$inferSelect;
export type CrawlErrorRow = typeof schema.crawlErrors.$inferSelect;
export type ApiKeyRow = typeof schema.apiKeys.$inferSelect;
export type ApiKeyGrantRow = typeof schema.apiKeyGrants.$inferSelect;
export type LlmOpinionRow = typeof schema.llmOpinions.$inferSelect;
export type ServerSubmissionRow = typeof schema.serverSubmissions.$inferSelect;
