// Wiring the crawl job queue: pg-boss on PostgreSQL, the in-process runner on PGlite, with this process's limits.
import { hostname } from 'node:os';
import {
  createSharedQueue,
  InProcessQueue,
  inheritedEnv,
  type JobContext,
  type JobEvent,
  type JobQueue,
} from '@toolrisk/crawler';
import { type DbHandle, processOwner } from '@toolrisk/db';
import { describeFailure } from './commands/failures.js';
import type { Config } from './config.js';

/** What this worker allows the jobs it runs (each job may ask for less, never more). */
export interface WorkerPermissions {
  allowExec: boolean;
  allowPrivateAddresses: boolean;
  /** This worker's per-request and total introspection timeout, when the operator set one. */
  introspectTimeoutMs?: number | undefined;
}

/** True while a process with this pid exists on this host (EPERM: it exists, owned by someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** The queue for the configured database: shared through pg-boss on PostgreSQL, in this process on PGlite. */
export function openJobQueue(
  config: Readonly<Config>,
  handle: DbHandle,
  permissions: WorkerPermissions,
  env: Readonly<Record<string, string | undefined>>,
): JobQueue {
  const { introspectTimeoutMs, ...allowed } = permissions;
  const timeouts =
    introspectTimeoutMs === undefined
      ? {}
      : { totalTimeoutMs: introspectTimeoutMs, requestTimeoutMs: introspectTimeoutMs };
  const context: JobContext = {
    db: handle.db,
    introspect: { ...allowed, ...timeouts, baseEnv: inheritedEnv(env) },
    sandbox: { sandbox: { cacheDir: config.packageCacheDir }, searchPath: env.PATH },
    jobTimeoutMs: config.queue.jobTimeoutMs,
    worker: processOwner(),
  };
  if (handle.engine === 'postgres' && config.databaseUrl) {
    return createSharedQueue(context, { databaseUrl: config.databaseUrl, policy: config.queue });
  }
  return new InProcessQueue(context, config.queue, hostname(), isProcessAlive);
}

/** One line per job event, as `toolrisk worker` prints them. */
export function eventLine(event: JobEvent): string {
  const { job } = event;
  const head = `job ${job.queueId} ${job.kind} ${job.key} (run ${job.runId}, attempt ${job.attempts})`;
  if (event.type === 'failed') return `${head}: failed: ${describeFailure(event.code, event.message)}\n`;
  return `${head}: ${event.type}\n`;
}
