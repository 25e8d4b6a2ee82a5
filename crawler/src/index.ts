// @toolrisk/crawler: sources of servers, MCP introspection, and the definition history they feed.

// Errors
export type { CrawlErrorCode } from './errors.js';
export { CRAWL_ERROR_CODES, ToolriskCrawlError } from './errors.js';

// Classifying what is stored (the catalogue in @toolrisk/db stores it)
export {
  classifyServerTools,
  classifyTools,
  reclassifyStale,
  storeClassifiedSnapshot,
  storeClassifiedSnapshots,
} from './history/classify-server.js';
export { SEED_CATALOGUE_DIR, seedIfEmpty } from './seed.js';

// The shipped catalogue and dataset captures
export type { CaptureEntry, CaptureRead, CaptureRefusal } from './sources/catalogue/capture.js';
export { CAPTURE_LIMITS, findInvalidText } from './sources/catalogue/capture.js';
export { readDockerCatalogue, readLiveMcpBench, readSmitheryCaptures } from './sources/catalogue/datasets.js';
export type {
  CatalogueFiles,
  CatalogueImportReport,
  CatalogueSourceReport,
} from './sources/catalogue/import.js';
export { importCatalogue, SHIPPED_CATALOGUE } from './sources/catalogue/import.js';

// File source
export type { FileImport, ImportReport } from './sources/files.js';
export {
  expandJsonFiles,
  importToolsFiles,
  MAX_IMPORT_FILE_BYTES,
  readImportFile,
} from './sources/files.js';

// Second opinion
export type { OpinionAnswer, OpinionOutcome } from './second-opinion/answer.js';
export { DEFAULT_PRICE, estimateCostUsd, MODEL_PRICES, readOpinionMessage } from './second-opinion/answer.js';
export { mergeAnswer, storeMerged } from './second-opinion/apply.js';
export type { BatchOptions } from './second-opinion/batch.js';
export { askInBatch } from './second-opinion/batch.js';
export { readCachedAnswers, storeAnswer } from './second-opinion/cache.js';
export type { SecondOpinionSettings } from './second-opinion/client.js';
export {
  askInteractive,
  askOne,
  createAnthropicClient,
  SECOND_OPINION_DEFAULTS,
  secondOpinionSettings,
} from './second-opinion/client.js';
export type { Agreement, LabelledTool, LlmEvalReport } from './second-opinion/eval.js';
export {
  evaluateSecondOpinion,
  formatLlmEval,
  measureAgreement,
  readLabelledSet,
} from './second-opinion/eval.js';
export type {
  SecondOpinionMode,
  SecondOpinionPassOptions,
  SecondOpinionReport,
} from './second-opinion/pass.js';
export { answersFor, secondOpinionPass } from './second-opinion/pass.js';
export type { OpinionRequest } from './second-opinion/prompt.js';
export {
  buildOpinionParams,
  OPINION_TOOL,
  OPINION_TOOL_NAME,
  PROMPT_VERSION,
  SYSTEM_PROMPT,
} from './second-opinion/prompt.js';
export type { Candidate } from './second-opinion/select.js';
export { findCandidates, reasonToAsk } from './second-opinion/select.js';

// Registry, list, explicit and submitted sources; introspection
export type { HostLookup } from './net/address-guard.js';
export { checkUrlAddress, isPrivateAddress } from './net/address-guard.js';
export type { RetryPolicy } from './net/backoff.js';
export type { CrawlProgress, ProgressListener } from './progress.js';
export { progressLine } from './progress.js';
export type { RegistryCrawlOptions, RegistryCrawlReport } from './sources/registry/crawl.js';
export { crawlRegistry, DEFAULT_REGISTRY_URL, serversEndpoint } from './sources/registry/crawl.js';
export type { RegistryPage, RegistryRecord } from './sources/registry/record.js';
export { readRegistryPage, readRegistryRecord } from './sources/registry/record.js';
export type { ListEntry, ListParse } from './sources/list/awesome.js';
export { markdownToHtml, parseAwesomeList } from './sources/list/awesome.js';
export type { ListCrawlOptions, ListCrawlReport } from './sources/list/crawl.js';
export { crawlList } from './sources/list/crawl.js';
export type { ServerCrawl, ServersCrawlOptions, ServersCrawlReport } from './sources/explicit.js';
export { crawlServers } from './sources/explicit.js';
export type { ExplicitServer } from './sources/explicit-file.js';
export { readServersDocument } from './sources/explicit-file.js';
export type { SubmissionOutcome, SubmissionsOptions } from './sources/submissions.js';
export { processSubmissions } from './sources/submissions.js';
export type { IntrospectFailure, IntrospectResult, IntrospectSuccess } from './introspect/introspect.js';
export { introspectServer } from './introspect/introspect.js';
export type { IntrospectOptions, ServerTarget } from './introspect/limits.js';
export { DEFAULT_INTROSPECT_OPTIONS, describeTarget, inheritedEnv } from './introspect/limits.js';
export { mapLimited, Semaphore } from './introspect/semaphore.js';
export type { ListedTools, RefusedTool } from './introspect/snapshot.js';
export { readListedTools } from './introspect/snapshot.js';

// Sandboxed package introspection: npm packages installed without scripts and run inside bubblewrap
export type {
  PackageIntrospectOptions,
  PackageIntrospectResult,
  SandboxReport,
} from './sandbox/introspect-package.js';
export {
  DEFAULT_SEARCH_PATH,
  introspectPackage,
  introspectPackages,
  sandboxUnavailableReason,
} from './sandbox/introspect-package.js';
export type { SandboxOptions } from './sandbox/limits.js';
export { DEFAULT_SANDBOX_OPTIONS } from './sandbox/limits.js';
export type { PackageSpec } from './sandbox/package-spec.js';
export { describeSpec, npmPackageSpec, parsePackageSpec } from './sandbox/package-spec.js';
export type { PackageRefusal, PackageTarget } from './sandbox/registry-package.js';
export {
  describePackageTarget,
  packageTargetFromRegistry,
  SECRET_PLACEHOLDER,
} from './sandbox/registry-package.js';

// The crawl job queue: pg-boss on PostgreSQL, in the serving process on PGlite, one job interface
export type { ClassifyJob, IntrospectJob, JobKind, JobPayload, PackageJob } from './jobs/payload.js';
export { classifyJob, introspectJob, JOB_KINDS, packageJob, readJobPayload } from './jobs/payload.js';
export type { JobEvent, JobQueue, QueuePolicy } from './jobs/queue.js';
export { DEFAULT_QUEUE_POLICY, enqueueRun, retryDelayMs } from './jobs/queue.js';
export type { JobContext, JobResult, Settled } from './jobs/run-job.js';
export { failForGood, isRetryableCode, runJob, settleJob } from './jobs/run-job.js';
export { InProcessQueue } from './jobs/in-process-queue.js';
export type { SharedQueueOptions } from './jobs/shared-queue.js';
export { CRAWL_QUEUE, createSharedQueue, DEAD_LETTER_QUEUE, SharedQueue } from './jobs/shared-queue.js';
