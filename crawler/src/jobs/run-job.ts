// Running one queued job, the same way under every queue: its result stored exactly once, its failure settled.
import {
  type CrawlCounts,
  completeJob,
  type Database,
  emptyCounts,
  failJob,
  finishRunIfDone,
  lockOpenJob,
  type QueuedJobRow,
  recordFailure,
  retryJob,
  rootMessage,
} from '@toolrisk/db';
import type { CrawlErrorCode } from '../errors.js';
import { classifyServerTools } from '../history/classify-server.js';
import { type IntrospectResult, introspectServer } from '../introspect/introspect.js';
import type { IntrospectOptions } from '../introspect/limits.js';
import { introspectPackage, type PackageIntrospectOptions } from '../sandbox/introspect-package.js';
import { packageTargetFromRegistry } from '../sandbox/registry-package.js';
import { storeResult } from '../sources/explicit.js';
import { type IntrospectJob, type PackageJob, readJobPayload } from './payload.js';

/** What a worker brings to every job: the database, its own limits and permissions, and who it is. */
export interface JobContext {
  db: Database;
  /** The worker's introspection limits; allowExec and allowPrivateAddresses are what the worker permits. */
  introspect: Partial<IntrospectOptions>;
  /** Where packages are installed and the sandbox's limits, for package jobs. */
  sandbox?: Pick<PackageIntrospectOptions, 'sandbox' | 'searchPath'> | undefined;
  /** A job still running after this fails with TIMEOUT (and is retried while attempts remain). */
  jobTimeoutMs: number;
  /** `host:pid` of the worker. */
  worker: string;
}

/** How one attempt ended. `skipped`: an earlier attempt had already stored the result. */
export type JobResult =
  | { status: 'done' | 'skipped' }
  | { status: 'failed'; code: CrawlErrorCode; message: string; isRetryable: boolean };

/**
 * Failures worth another attempt: the server or the network may do better next time. A refusal (a permission,
 * an address), a server that breaks the protocol or a limit, and a bad payload fail for good at once.
 */
const RETRYABLE_CODES: ReadonlySet<CrawlErrorCode> = new Set([
  'TIMEOUT',
  'CONNECT_FAILED',
  'INITIALIZE_FAILED',
  'SERVER_CRASHED',
  'STORE_FAILED',
]);

/** True when a failure with this code is retried while attempts remain. */
export function isRetryableCode(code: string): boolean {
  return (RETRYABLE_CODES as ReadonlySet<string>).has(code);
}

function failed(code: CrawlErrorCode, message: string): JobResult {
  return { status: 'failed', code, message, isRetryable: isRetryableCode(code) };
}

/**
 * Runs one claimed attempt of a job; never throws for a server's or the network's misbehaviour. The per-job timeout
 * bounds the part that talks to the outside world (the introspection); once its answer is in, storing it is one
 * transaction bounded by the database's statement timeout, and is never abandoned half-way: an attempt either stores
 * its result and marks the job done, or stores nothing.
 */
export async function runJob(context: JobContext, job: QueuedJobRow): Promise<JobResult> {
  const payload = readJobPayload(job.kind, job.payload);
  if (typeof payload === 'string') return failed('DOCUMENT_INVALID', `job ${job.id}: ${payload}`);
  try {
    switch (payload.kind) {
      case 'classify':
        return await classify(context.db, job, payload.serverId);
      case 'package':
        return await introspectRegistryPackage(context, job, payload);
      case 'introspect':
        return await introspect(context, job, payload);
    }
  } catch (error) {
    return failed('STORE_FAILED', `job ${job.id} (${job.key}): ${rootMessage(error)}`);
  }
}

/** The promise's value, or undefined when it has not settled within `timeoutMs` (its late value is dropped). */
async function within<T>(promise: Promise<T>, timeoutMs: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Stores `store`'s writes and marks the job done in one transaction, unless an earlier attempt already did. */
async function storeOnce(
  db: Database,
  job: QueuedJobRow,
  store: (tx: Database, counts: CrawlCounts) => Promise<void>,
): Promise<JobResult> {
  return db.transaction(async (tx) => {
    if (!(await lockOpenJob(tx, job.id))) return { status: 'skipped' } as const;
    const counts = emptyCounts();
    await store(tx, counts);
    await completeJob(tx, job, counts);
    return { status: 'done' } as const;
  });
}

async function classify(db: Database, job: QueuedJobRow, serverId: string): Promise<JobResult> {
  return storeOnce(db, job, async (tx, counts) => {
    await classifyServerTools(tx, serverId);
    counts.serversSeen = 1;
  });
}

async function introspect(
  context: JobContext,
  job: QueuedJobRow,
  payload: IntrospectJob,
): Promise<JobResult> {
  // The job runs with only what both the enqueuer and this worker allow.
  const options: Partial<IntrospectOptions> = {
    ...context.introspect,
    allowExec: payload.allowExec && context.introspect.allowExec === true,
    allowPrivateAddresses: payload.allowPrivateAddresses && context.introspect.allowPrivateAddresses === true,
  };
  const result: IntrospectResult | undefined = await within(
    introspectServer(payload.server.target, options),
    context.jobTimeoutMs,
  );
  if (result === undefined) {
    return failed(
      'TIMEOUT',
      `introspecting ${payload.server.id} ran past the job's ${context.jobTimeoutMs} ms`,
    );
  }
  if (!result.ok) return failed(result.code, result.message);
  return storeOnce(context.db, job, async (tx, counts) => {
    await storeResult(tx, job.runId, payload.server, result, new Date(), counts);
  });
}

/**
 * A registry server's npm package, installed without scripts and run only inside the sandbox (never on the host:
 * without a working bubblewrap the job fails SANDBOX_UNAVAILABLE having run nothing); its tools are stored under the
 * registry server. It needs no --allow-exec: nothing runs outside the sandbox, and the sandbox has no network.
 */
async function introspectRegistryPackage(
  context: JobContext,
  job: QueuedJobRow,
  payload: PackageJob,
): Promise<JobResult> {
  const target = packageTargetFromRegistry(payload.entry, payload.serverVersion);
  if ('code' in target) return failed(target.code, `${payload.serverId}: ${target.message}`);
  const { allowExec: _notNeeded, ...introspectOptions } = context.introspect;
  const result = await within(
    introspectPackage(target, { ...context.sandbox, introspect: introspectOptions }),
    context.jobTimeoutMs,
  );
  if (result === undefined) {
    return failed(
      'TIMEOUT',
      `introspecting ${payload.serverId}'s package ran past the job's ${context.jobTimeoutMs} ms`,
    );
  }
  if (!result.ok) return failed(result.code, `${payload.serverId}: ${result.message}`);
  const server = { id: payload.serverId, name: payload.title };
  return storeOnce(context.db, job, async (tx, counts) => {
    await storeResult(tx, job.runId, server, result, new Date(), counts, {
      kind: 'registry',
      ref: payload.registryName,
    });
  });
}

/** What the queue does next with an attempt: nothing more (done or failed for good), or try again. */
export type Settled = 'ended' | 'retry';

/**
 * Settles an attempt in the catalogue: a retryable failure with attempts left goes back to the queue (due at
 * `retryAt`); any other failure is final: a crawl_errors row, the job failed with its code (the dead-letter
 * state), and its run closed once no job of it is open.
 */
export async function settleJob(
  db: Database,
  job: QueuedJobRow,
  result: JobResult,
  options: { isLastAttempt: boolean; retryAt: Date },
): Promise<Settled> {
  if (result.status === 'failed') {
    if (result.isRetryable && !options.isLastAttempt) {
      await retryJob(db, job.id, result, options.retryAt);
      return 'retry';
    }
    await failForGood(db, job, result);
  }
  await finishRunIfDone(db, job.runId);
  return 'ended';
}

/** Fails a job for good with its code, recording the failure against its run (once, however often it is told). */
export async function failForGood(
  db: Database,
  job: Pick<QueuedJobRow, 'queueId' | 'key' | 'kind' | 'runId'>,
  failure: { code: string; message: string },
): Promise<void> {
  const ended = await failJob(db, job.queueId, failure);
  if (ended) {
    await recordFailure(db, ended.runId, {
      target: job.key,
      stage: job.kind,
      code: failure.code,
      message: failure.message,
    });
  }
  await finishRunIfDone(db, job.runId);
}
