// @toolrisk/crawler: sources of servers, MCP introspection, and the definition history they feed.

// Classifying what is stored (the catalogue in @toolrisk/db stores it)
export { reclassifyStale } from './history/classify-server.js';
export { seedIfEmpty } from './seed.js';

// File source
export { importToolsFiles } from './sources/files.js';

// Second opinion
export type { SecondOpinionSettings } from './second-opinion/client.js';
export { secondOpinionSettings } from './second-opinion/client.js';
export { evaluateSecondOpinion, formatLlmEval, readLabelledSet } from './second-opinion/eval.js';
export { secondOpinionPass } from './second-opinion/pass.js';

// Registry, list, explicit and submitted sources; introspection
export type { CrawlProgress } from './progress.js';
export { progressLine } from './progress.js';
export { crawlRegistry } from './sources/registry/crawl.js';
export { crawlList } from './sources/list/crawl.js';
export { readServersDocument } from './sources/explicit-file.js';
export { processSubmissions } from './sources/submissions.js';
export type { IntrospectResult } from './introspect/introspect.js';
export { introspectServer } from './introspect/introspect.js';
export type { ServerTarget } from './introspect/limits.js';
export { inheritedEnv } from './introspect/limits.js';

// Sandboxed package introspection: npm packages installed without scripts and run inside bubblewrap
export type { PackageIntrospectResult } from './sandbox/introspect-package.js';
export { introspectPackage, sandboxUnavailableReason } from './sandbox/introspect-package.js';
export { DEFAULT_SANDBOX_OPTIONS } from './sandbox/limits.js';
export type { PackageSpec } from './sandbox/package-spec.js';
export { npmPackageSpec, parsePackageSpec } from './sandbox/package-spec.js';

// The crawl job queue: pg-boss on PostgreSQL, in the serving process on PGlite, one job interface
export { classifyJob, introspectJob, packageJob } from './jobs/payload.js';
export type { JobEvent, JobQueue } from './jobs/queue.js';
export { enqueueRun } from './jobs/queue.js';
export type { JobContext } from './jobs/run-job.js';
export { InProcessQueue } from './jobs/in-process-queue.js';
export { createSharedQueue } from './jobs/shared-queue.js';
