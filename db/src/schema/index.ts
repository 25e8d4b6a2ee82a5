// The whole database schema, one module per aggregate.
export { apiKeyGrants, apiKeys } from './api-keys.js';
export type { CrawlCounts } from './crawls.js';
export { crawlErrors, crawlJobs, crawlRuns, serverSubmissions } from './crawls.js';
export type { ServerSourceKind } from './servers.js';
export { SERVER_SOURCE_KINDS, serverPackages, serverSources, servers, serverVersions } from './servers.js';
export { classifications, llmOpinions, tools, toolVersions } from './tools.js';
