// The embedded database's queue: the catalogue's crawl_jobs rows worked one at a time in the serving process.
import { claimNextDueJob, nextDueAt, type QueuedJobRow, requeueOrphanedJobs } from '@toolrisk/db';
import type { JobEvent, JobQueue, QueuePolicy } from './queue.js';
import { retryDelayMs } from './queue.js';
import { type JobContext, runJob, settleJob } from './run-job.js';

/**
 * pg-boss needs a real PostgreSQL (advisory locks, partitioned tables, its own pool), which PGlite is not; so on
 * the embedded database the same jobs, with the same attempts, backoff, timeout and exactly-once results, run in
 * the process that serves it, one at a time (PGlite serves one statement at a time anyway). Claiming a job is
 * one UPDATE, so a second process on the same directory (a CLI crawl beside `npm start`) never takes the same job.
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process';
  private isStopped = true;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly context: JobContext,
    private readonly policy: QueuePolicy,
    private readonly host: string,
    private readonly isAlive: (pid: number) => boolean,
  ) {}

  /** The jobs are in crawl_jobs already: wake the runner so it takes them now rather than at its next look. */
  async send(_jobs: readonly QueuedJobRow[]): Promise<void> {
    this.wake?.();
  }

  async work(options: { concurrency: number; onEvent?: (event: JobEvent) => void }): Promise<void> {
    if (!this.isStopped) return;
    this.isStopped = false;
    // Jobs a killed process of this host left running go back to the queue before anything else runs.
    await requeueOrphanedJobs(this.context.db, this.isAlive, { host: this.host });
    this.loop = this.run(options.onEvent);
  }

  async stop(): Promise<void> {
    this.isStopped = true;
    this.wake?.();
    await this.loop;
  }

  private async run(onEvent: ((event: JobEvent) => void) | undefined): Promise<void> {
    const { db } = this.context;
    while (!this.isStopped) {
      const job = await claimNextDueJob(db, this.context.worker);
      if (!job) {
        await this.idle();
        continue;
      }
      onEvent?.({ type: 'start', job });
      const result = await runJob(this.context, job);
      const isLastAttempt = job.attempts >= this.policy.attempts;
      const retryAt = new Date(Date.now() + retryDelayMs(this.policy, job.attempts));
      const settled = await settleJob(db, job, result, { isLastAttempt, retryAt });
      if (result.status === 'failed') {
        onEvent?.(
          settled === 'retry'
            ? { type: 'retry', job }
            : { type: 'failed', job, code: result.code, message: result.message },
        );
      } else onEvent?.({ type: result.status, job });
    }
  }

  /** Waits until the next retry falls due, a send wakes it, or the poll interval passes (other processes' jobs). */
  private async idle(): Promise<void> {
    const due = await nextDueAt(this.context.db);
    const untilDueMs = due ? Math.max(0, due.getTime() - Date.now()) : this.policy.pollIntervalMs;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.min(untilDueMs, this.policy.pollIntervalMs));
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }
}
