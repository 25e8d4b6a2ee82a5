// @toolrisk/db: the schema, its committed migrations, the client factory for PGlite or PostgreSQL, and the catalogue.

// The catalogue: keys
export type { KeyScope } from './catalogue/keys.js';
export { createKey, findActiveKey, hashKey, KEY_SCOPES, listKeys, revokeKey } from './catalogue/keys.js';

// The catalogue: servers, tools and their definition history
export type { ServerSnapshot, SnapshotOutcome, SnapshotSource } from './catalogue/snapshot-types.js';
export type { SnapshotResult } from './catalogue/snapshots.js';
export { storeServerSnapshot, storeServerSnapshots } from './catalogue/snapshots.js';
export { snapshotOfDocument } from './catalogue/document-snapshot.js';
export { keyOfRepository, repositoryKey } from './catalogue/repository-key.js';
export { packageEntriesOf } from './catalogue/packages.js';
export { getServerProvenance } from './catalogue/provenance.js';
export { slugify } from './catalogue/slug.js';

// The catalogue: classifications
export {
  classificationOfRow,
  currentToolsOf,
  refreshHighestRisk,
  serversNeedingClassification,
  storeClassifications,
  toolDefinitionOf,
} from './catalogue/classifications.js';

// The catalogue: reading servers, tools, history and changes
export type { ClassifiedToolRow } from './catalogue/servers.js';
export {
  countListedServers,
  getServer,
  getServers,
  getServerTool,
  getTool,
  getToolHistory,
  getToolWithHistory,
  listServers,
  listServerTools,
  listServerToolsPage,
  SERVER_SORTS,
} from './catalogue/servers.js';
export type { VerdictShapeCount } from './catalogue/tools.js';
export { catalogueSize, catalogueStats, countOfShapes, verdictShapeCounts } from './catalogue/tools.js';

// The catalogue: one ranked search of tools and servers, and the browsing pages' reads
export type { FoundToolRow } from './catalogue/search.js';
export { countTools, searchTools } from './catalogue/search.js';
export type { RecentChange, ToolSummaryRow } from './catalogue/browse.js';
export {
  countServersWithTools,
  recentChanges,
  recentlyChangedServers,
  relatedTools,
  serverToolCounts,
  serverToolsPage,
  similarTools,
} from './catalogue/browse.js';
export { sitemapChunkStarts, sitemapCounts, sitemapServers, sitemapTools } from './catalogue/sitemap.js';
export { listChanges } from './catalogue/changes.js';
export { packagedServers } from './catalogue/packaged-servers.js';

// The catalogue: who may store what
export type { StoreRight } from './catalogue/ownership.js';
export {
  grantServer,
  keySourceRef,
  listGrants,
  storeSnapshotAsKey,
  ungrantServer,
} from './catalogue/ownership.js';

// The catalogue: submissions
export { finishSubmission, insertSubmission, pendingSubmissions } from './catalogue/submissions.js';

// The catalogue: finding servers by what identifies them
export type { ServerIdentity } from './catalogue/server-identity.js';
export {
  hasAnyServer,
  resolveServerIds,
  serverIdOfRegistryName,
  serverIdOfRepository,
  serverIdOfRepositoryKey,
  serversOfIdentities,
} from './catalogue/server-identity.js';

// The catalogue: second opinions
export {
  cachedOpinionRows,
  currentClassificationRows,
  storeMergedClassification,
  storeOpinion,
} from './catalogue/opinions.js';

// The catalogue: crawl runs
export {
  abortOrphanedRuns,
  countOutcome,
  emptyCounts,
  finishRun,
  lastFinishedCursor,
  processOwner,
  recordFailure,
  rootMessage,
  startRun,
} from './catalogue/crawl-runs.js';

// The catalogue: queued crawl jobs, and reports of runs and their failures
export type { JobProgress, NewJob, QueuedJobRow } from './catalogue/crawl-jobs.js';
export {
  claimJob,
  claimNextDueJob,
  completeJob,
  failJob,
  finishRunIfDone,
  jobProgress,
  jobsOfRun,
  nextDueAt,
  queuedJobs,
  lockOpenJob,
  requeueOrphanedJobs,
  retryJob,
  startQueuedRun,
} from './catalogue/crawl-jobs.js';
export type { CrawlRunSummary } from './catalogue/crawl-reports.js';
export { getCrawlRun, latestRunId, listCrawlErrors, listCrawlRuns } from './catalogue/crawl-reports.js';

export type { Database, DbHandle } from './client.js';
export { createDb } from './client.js';
export { DB_ERROR_CODES, databaseFailureOf, ToolriskDbError } from './errors.js';
export { isDatabaseUnavailable, writeOutcomeOf } from './timeouts.js';
export type { CrawlCounts } from './schema/index.js';

export type { ClassificationRow, ServerRow, ServerSourceRow, ServerSubmissionRow, ToolRow } from './rows.js';
