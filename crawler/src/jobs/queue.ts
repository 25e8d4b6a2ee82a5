// The job interface both queues implement, and queueing a run: its jobs stored in the catalogue, then sent.
import { type Database, type NewJob, type QueuedJobRow, startQueuedRun } from '@toolrisk/db';

/** How a queue retries and bounds jobs; the same for the shared queue and the in-process runner. */
export interface QueuePolicy {
  /** Attempts per job, the first included. */
  attempts: number;
  /** The first retry waits this long; each later one twice as long as the one before. */
  retryDelayMs: number;
  /** A job still running after this fails with TIMEOUT. */
  jobTimeoutMs: number;
  /** How often an idle worker looks for work other processes queued. */
  pollIntervalMs: number;
}

/** Defaults: three attempts, 10 s then 20 s apart, 2 minutes a job, a look for work every 2 s. */
export const DEFAULT_QUEUE_POLICY: Readonly<QueuePolicy> = Object.freeze({
  attempts: 3,
  retryDelayMs: 10_000,
  jobTimeoutMs: 120_000,
  pollIntervalMs: 2_000,
});

/** How long the retry after `attempt` (1-based) waits: retryDelayMs, doubled per attempt, capped at an hour. */
export function retryDelayMs(policy: Pick<QueuePolicy, 'retryDelayMs'>, attempt: number): number {
  return Math.min(3_600_000, policy.retryDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** What a worker reports as it goes: `start` when it takes a job, then how the attempt ended. */
export type JobEvent =
  | { type: 'start'; job: QueuedJobRow }
  | { type: 'done' | 'skipped' | 'retry'; job: QueuedJobRow }
  | { type: 'failed'; job: QueuedJobRow; code: string; message: string };

/** A queue of crawl jobs: jobs sent to it are worked by every worker on the same database. */
export interface JobQueue {
  /** Which queue this is: `shared` (pg-boss on PostgreSQL) or `in-process` (embedded PGlite). */
  readonly kind: 'shared' | 'in-process';
  /** Hands jobs already stored in the catalogue to the workers. */
  send(jobs: readonly QueuedJobRow[]): Promise<void>;
  /** Starts working jobs (`concurrency` at once where the queue allows it) until stopped. */
  work(options: { concurrency: number; onEvent?: (event: JobEvent) => void }): Promise<void>;
  /** Stops taking jobs and waits for the running ones to end. */
  stop(): Promise<void>;
}

/** Queues a run: the run and its jobs in one transaction, then each sent to the workers. */
export async function enqueueRun(
  db: Database,
  queue: JobQueue,
  run: { kind: string; target: string | null },
  jobs: readonly NewJob[],
): Promise<{ runId: number; jobs: QueuedJobRow[] }> {
  const queued = await startQueuedRun(db, run, jobs);
  await queue.send(queued.jobs);
  return queued;
}
