// @toolrisk/crawler/testing: what only tests and benchmarks use, kept off the public entry.
export { classifyServerTools, classifyTools, storeClassifiedSnapshot } from './history/classify-server.js';
export { mapLimited } from './introspect/semaphore.js';
export { DEFAULT_QUEUE_POLICY } from './jobs/queue.js';
export { checkUrlAddress, isPrivateAddress } from './net/address-guard.js';
export type { PackageIntrospectOptions } from './sandbox/introspect-package.js';
export { introspectPackages } from './sandbox/introspect-package.js';
export type { PackageTarget } from './sandbox/registry-package.js';
export { packageTargetFromRegistry, SECRET_PLACEHOLDER } from './sandbox/registry-package.js';
export { estimateCostUsd } from './second-opinion/answer.js';
export { askInBatch } from './second-opinion/batch.js';
export { askInteractive, askOne, createAnthropicClient } from './second-opinion/client.js';
export type { OpinionRequest } from './second-opinion/prompt.js';
export { PROMPT_VERSION } from './second-opinion/prompt.js';
export { SEED_CATALOGUE_DIR } from './seed.js';
export { importCatalogue } from './sources/catalogue/import.js';
export { crawlServers } from './sources/explicit.js';
export type { ListEntry } from './sources/list/awesome.js';
export { parseAwesomeList } from './sources/list/awesome.js';
