// The shared queue on PostgreSQL: pg-boss hands crawl jobs to every `toolrisk worker` on the same database.
//
// Why pg-boss and not graphile-worker: pg-boss 10 runs on Node 20 (graphile-worker's current line needs Node 22,
// and toolrisk supports 20), and it has what this queue needs as declared options rather than code of our own:
// retries with exponential backoff, an expiry that hands a dead worker's job to another, a `singleton` policy
// that lets one job per key (the server id) be active at a time, and a dead-letter queue. The catalogue's own
// crawl_jobs rows stay the record of each job (state, attempts, code), so status reads the same on PGlite.
import { claimJob, finishRunIfDone, type QueuedJobRow, queuedJobs } from '@toolrisk/db';
import PgBoss from 'pg-boss';
import { CRAWL_ERROR_CODES, ToolriskCrawlError } from '../errors.js';
import type { JobEvent, JobQueue, QueuePolicy } from './queue.js';
import { failForGood, type JobContext, runJob, settleJob } from './run-job.js';

/** The pg-boss queue every crawl job goes to; one server's jobs never run at once (singleton per key). */
export const CRAWL_QUEUE = 'toolrisk_crawl';
/** Where pg-boss moves a job whose attempts are spent or that expired on its last one. */
export const DEAD_LETTER_QUEUE = 'toolrisk_crawl_dead';

/** What travels in a pg-boss job: enough to find its crawl_jobs row and to record its failure. */
interface BossJobData {
  queueId: string;
  runId: number;
  kind: string;
  key: string;
}

function isBossJobData(value: unknown): value is BossJobData {
  if (value === null || typeof value !== 'object') return false;
  const data = value as Record<string, unknown>;
  return (
    typeof data.queueId === 'string' &&
    typeof data.runId === 'number' &&
    typeof data.kind === 'string' &&
    typeof data.key === 'string'
  );
}

/** The code a dead job failed with: the one its last attempt threw, else TIMEOUT (it expired while active). */
function codeOfOutput(output: unknown): string {
  const code =
    output !== null && typeof output === 'object' ? (output as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (CRAWL_ERROR_CODES as readonly string[]).includes(code)
    ? code
    : 'TIMEOUT';
}

function messageOfOutput(output: unknown): string {
  if (output === null || typeof output !== 'object') return 'the job failed';
  const record = output as { message?: unknown; value?: { message?: unknown } };
  const message = record.message ?? record.value?.message;
  return typeof message === 'string' ? message : 'the job failed';
}

/** Connection and timing of the shared queue. */
export interface SharedQueueOptions {
  databaseUrl: string;
  policy: QueuePolicy;
  /** pg-boss's own connections (besides the catalogue's). */
  maxConnections?: number | undefined;
}

/** pg-boss behind the JobQueue interface. */
export class SharedQueue implements JobQueue {
  readonly kind = 'shared';
  private readonly boss: PgBoss;
  private started: Promise<void> | undefined;
  private readonly policy: QueuePolicy;

  constructor(
    private readonly context: JobContext,
    options: SharedQueueOptions,
  ) {
    this.policy = options.policy;
    const expireInSeconds = this.expireInSeconds();
    this.boss = new PgBoss({
      connectionString: options.databaseUrl,
      max: options.maxConnections ?? 4,
      schedule: false,
      // Expiry of a dead worker's job is noticed at the next maintenance: run it twice per expiry period.
      maintenanceIntervalSeconds: Math.min(120, Math.max(1, Math.ceil(expireInSeconds / 2))),
      monitorStateIntervalSeconds: 60,
    });
    // pg-boss reports its own background failures (maintenance, polling) as events; a lost connection retries.
    this.boss.on('error', () => {});
  }

  /**
   * A job is expired (failed and handed out again) only after our own timeout and its store had their chance, so a
   * slow but live attempt is not run twice at once; the expiry is what recovers a killed worker's job.
   */
  private expireInSeconds(): number {
    return Math.ceil(this.policy.jobTimeoutMs / 1000) + 5;
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      await this.boss.start();
      await this.ensureQueue(DEAD_LETTER_QUEUE, { name: DEAD_LETTER_QUEUE, retryLimit: 0 });
      await this.ensureQueue(CRAWL_QUEUE, {
        name: CRAWL_QUEUE,
        policy: 'singleton',
        retryLimit: this.policy.attempts - 1,
        retryDelay: Math.max(1, Math.round(this.policy.retryDelayMs / 1000)),
        retryBackoff: this.policy.retryDelayMs > 0,
        expireInSeconds: this.expireInSeconds(),
        deadLetter: DEAD_LETTER_QUEUE,
      });
    })();
    return this.started;
  }

  private async ensureQueue(name: string, options: PgBoss.Queue): Promise<void> {
    // Creating is a no-op for a queue that exists (another worker made it); updating applies this config's policy.
    await this.boss.createQueue(name, options);
    await this.boss.updateQueue(name, options);
  }

  async send(jobs: readonly QueuedJobRow[]): Promise<void> {
    await this.start();
    // Batches keep each insert's JSON parameter modest; a job sent twice (same id) is inserted once.
    for (let start = 0; start < jobs.length; start += 500) {
      await this.boss.insert(
        jobs.slice(start, start + 500).map((job) => {
          const data: BossJobData = { queueId: job.queueId, runId: job.runId, kind: job.kind, key: job.key };
          return { id: job.queueId, name: CRAWL_QUEUE, data, singletonKey: job.key };
        }),
      );
    }
  }

  async work(options: { concurrency: number; onEvent?: (event: JobEvent) => void }): Promise<void> {
    await this.start();
    // A process that died between storing a run's jobs and sending them left them queued: send them (again).
    await this.send(await queuedJobs(this.context.db, 10_000));
    const pollingIntervalSeconds = Math.max(0.5, this.policy.pollIntervalMs / 1000);
    for (let index = 0; index < options.concurrency; index++) {
      await this.boss.work<BossJobData>(
        CRAWL_QUEUE,
        { batchSize: 1, pollingIntervalSeconds, includeMetadata: true },
        async ([job]) => (job ? this.handle(job, options.onEvent) : undefined),
      );
    }
    await this.boss.work<BossJobData>(
      DEAD_LETTER_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: Math.max(pollingIntervalSeconds, 1), includeMetadata: true },
      async ([job]) => (job ? this.bury(job.data, job.output) : undefined),
    );
  }

  private async handle(
    job: PgBoss.JobWithMetadata<BossJobData>,
    onEvent: ((event: JobEvent) => void) | undefined,
  ): Promise<{ status: string }> {
    const { db } = this.context;
    const row = await claimJob(db, job.id, this.context.worker);
    if (!row) {
      // Done or failed for good already: an attempt stored its result and died before telling pg-boss, maybe
      // before closing the run too, so close it here if this was its last open job.
      await finishRunIfDone(db, job.data.runId);
      const { queueId, runId, kind, key } = job.data;
      const attempts = job.retryCount + 1;
      onEvent?.({ type: 'skipped', job: { id: 0, queueId, runId, kind, key, payload: {}, attempts } });
      return { status: 'skipped' };
    }
    onEvent?.({ type: 'start', job: row });
    const result = await runJob(this.context, row);
    const isLastAttempt = job.retryCount >= job.retryLimit;
    const settled = await settleJob(db, row, result, { isLastAttempt, retryAt: new Date() });
    if (result.status !== 'failed') {
      onEvent?.({ type: result.status, job: row });
      return { status: result.status };
    }
    if (settled === 'retry') {
      onEvent?.({ type: 'retry', job: row });
      // pg-boss retries a job whose handler threw, after its backoff; the code goes to its output.
      throw new ToolriskCrawlError(result.code, result.message);
    }
    onEvent?.({ type: 'failed', job: row, code: result.code, message: result.message });
    // Failed for good and recorded; a spent retryable failure also goes to the dead-letter queue.
    if (result.isRetryable) throw new ToolriskCrawlError(result.code, result.message);
    return { status: 'failed' };
  }

  /** A dead-lettered job: failed for good with its code (a no-op when its last attempt recorded that already). */
  private async bury(data: unknown, output: unknown): Promise<void> {
    if (!isBossJobData(data)) return;
    await failForGood(this.context.db, data, {
      code: codeOfOutput(output),
      message: messageOfOutput(output),
    });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.started;
    // Graceful: the running jobs end (or time out) before the connections close.
    await this.boss.stop({ graceful: true, wait: true, timeout: this.policy.jobTimeoutMs + 5_000 });
    this.started = undefined;
  }
}

/** The shared queue for a catalogue on PostgreSQL. */
export function createSharedQueue(context: JobContext, options: SharedQueueOptions): JobQueue {
  return new SharedQueue(context, options);
}
