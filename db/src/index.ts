// @toolrisk/db: the schema, its committed migrations, the client factory for PGlite or PostgreSQL, and the catalogue.

// The catalogue: keys
export type { KeyScope, KeySummary } from './catalogue/keys.js';
export { createKey, findActiveKey, hashKey, KEY_SCOPES, listKeys, revokeKey } from './catalogue/keys.js';

// The catalogue: servers, tools and their definition history
export type { ServerVersionSnapshot } from './catalogue/server-versions.js';
export type {
  ServerSnapshot,
  SnapshotClassifications,
  SnapshotOutcome,
  SnapshotSource,
} from './catalogue/snapshot-types.js';
export type { SnapshotOptions, SnapshotResult, SnapshotWrite } from './catalogue/snapshots.js';
export { SNAPSHOT_BATCH_SIZE, storeServerSnapshot, storeServerSnapshots } from './catalogue/snapshots.js';
export { snapshotOfDocument } from './catalogue/document-snapshot.js';
export { keyOfRepository, repositoryKey } from './catalogue/repository-key.js';
export type { PackageEntry } from './catalogue/packages.js';
export { installCommandOf, packageEntriesOf, packageKey } from './catalogue/packages.js';
export type { ServerProvenance } from './catalogue/provenance.js';
export { getServerProvenance } from './catalogue/provenance.js';
export { slugify } from './catalogue/slug.js';

// The catalogue: classifications
export type { CurrentTools } from './catalogue/classifications.js';
export {
  classificationOfRow,
  currentClassification,
  currentToolsOf,
  refreshHighestRisk,
  serversNeedingClassification,
  storeClassifications,
  toolDefinitionOf,
} from './catalogue/classifications.js';

// The catalogue: reading servers, tools, history and changes
export type {
  ClassifiedToolRow,
  ServerListing,
  ServerPage,
  ServerSort,
  ToolVersionEntry,
  ToolWithHistory,
} from './catalogue/servers.js';
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
  SERVER_SORTS,
} from './catalogue/servers.js';
export type { CatalogueStats } from './catalogue/tools.js';
export { catalogueSize, catalogueStats } from './catalogue/tools.js';

// The catalogue: one ranked search of tools and servers, and the browsing pages' reads
export type {
  FoundServerPage,
  FoundToolRow,
  ServerFilters,
  ToolFilters,
  ToolPage,
  ToolSearch,
} from './catalogue/search.js';
export { countServers, countTools, searchServers, searchTools } from './catalogue/search.js';
export type { SearchTerms } from './catalogue/search-text.js';
export { searchTermsOf } from './catalogue/search-text.js';
export type {
  CatalogueFigures,
  ChangedServerPage,
  ChangedServerRow,
  RecentChange,
  ServerToolCounts,
  ServerToolPage,
  ToolSummaryRow,
} from './catalogue/browse.js';
export {
  catalogueFigures,
  countServersWithTools,
  recentChanges,
  recentlyChangedServers,
  relatedTools,
  serverToolCounts,
  serverToolsPage,
  similarTools,
} from './catalogue/browse.js';
export { sitemapChunkStarts, sitemapCounts, sitemapServers, sitemapTools } from './catalogue/sitemap.js';
export type { ChangePage, ChangeRow } from './catalogue/changes.js';
export { listChanges } from './catalogue/changes.js';
export type { PackagedServer } from './catalogue/packaged-servers.js';
export { packagedServers } from './catalogue/packaged-servers.js';
export { decodeCursor, encodeCursor, rejectCursor } from './catalogue/cursor.js';

// The catalogue: who may store what
export type { GrantResult, KeyStoreResult, StoreRight } from './catalogue/ownership.js';
export {
  grantServer,
  keySourceRef,
  listGrants,
  storeSnapshotAsKey,
  ungrantServer,
} from './catalogue/ownership.js';

// The catalogue: submissions
export type { SubmissionRow } from './catalogue/submissions.js';
export { finishSubmission, insertSubmission, pendingSubmissions } from './catalogue/submissions.js';

// The catalogue: finding servers by what identifies them
export type { IdentifiedServer } from './catalogue/server-identity.js';
export type { ServerIdentity } from './catalogue/server-identity.js';
export {
  hasAnyServer,
  registryNameOfServer,
  resolveServerIds,
  serverIdOfRegistryName,
  serverIdOfRepository,
  serverIdOfRepositoryKey,
  serversOfIdentities,
} from './catalogue/server-identity.js';

// The catalogue: second opinions
export type { ClassificationWithTool, OpinionValues } from './catalogue/opinions.js';
export {
  cachedOpinionRows,
  currentClassificationRows,
  storeMergedClassification,
  storeOpinion,
} from './catalogue/opinions.js';

// The catalogue: crawl runs
export type { CrawlFailure } from './catalogue/crawl-runs.js';
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
export type { JobProgress, JobState, NewJob, QueuedJobRow } from './catalogue/crawl-jobs.js';
export {
  claimJob,
  claimNextDueJob,
  completeJob,
  failJob,
  finishRunIfDone,
  JOB_STATES,
  jobProgress,
  jobsOfRun,
  nextDueAt,
  queuedJobs,
  lockOpenJob,
  requeueOrphanedJobs,
  retryJob,
  startQueuedRun,
} from './catalogue/crawl-jobs.js';
export type {
  CrawlErrorEntry,
  CrawlErrorPage,
  CrawlRunPage,
  CrawlRunSummary,
} from './catalogue/crawl-reports.js';
export { getCrawlRun, latestRunId, listCrawlErrors, listCrawlRuns } from './catalogue/crawl-reports.js';

export type { Database, DbConfig, DbHandle } from './client.js';
export { CATALOGUE_CHANNEL, createDb, MIGRATIONS_DIR } from './client.js';
export type { DbErrorCode } from './errors.js';
export { DB_ERROR_CODES, ToolriskDbError } from './errors.js';
export type { CrawlCounts, ServerSourceKind } from './schema/index.js';
export {
  apiKeyGrants,
  apiKeys,
  classifications,
  crawlErrors,
  crawlJobs,
  crawlRuns,
  llmOpinions,
  SERVER_SOURCE_KINDS,
  serverPackages,
  serverSources,
  serverSubmissions,
  servers,
  serverVersions,
  tools,
  toolVersions,
} from './schema/index.js';

export type {
  ApiKeyGrantRow,
  ApiKeyRow,
  ClassificationRow,
  CrawlErrorRow,
  CrawlJobRow,
  CrawlRunRow,
  LlmOpinionRow,
  NewClassificationRow,
  NewServerRow,
  NewToolRow,
  ServerPackageRow,
  ServerRow,
  ServerSourceRow,
  ServerSubmissionRow,
  ServerVersionRow,
  ToolRow,
  ToolVersionRow,
} from './rows.js';
