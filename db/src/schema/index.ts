// The whole database schema, one module per aggregate.
export { apiKeyGrants, apiKeys } from './api-keys.js';
export type { CrawlCounts } from './crawls.js';
export { crawlErrors, crawlJobs, crawlRuns, serverSubmissions } from './crawls.js';
export type { ServerSource } from './servers.js';
export { servers, serverVersions } from './servers.js';
export { classifications, llmOpinions, tools, toolVersions } from './tools.js';
