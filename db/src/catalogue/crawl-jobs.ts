// Queued crawl work: each job's row (state, attempts, failure code), claimed, finished and counted per run.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import type { CrawlJobRow } from '../rows.js';
import { type CrawlCounts, crawlJobs, crawlRuns } from '../schema/index.js';

/** The states a job moves through: queued → running → done | failed (a retried job goes back to queued). */
export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
/** One of JOB_STATES. */
export type JobState = (typeof JOB_STATES)[number];

/** A job to queue: its kind, the key no two running jobs share, and what the handler needs. */
export interface NewJob {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
}

/** A queued job as its handler and the shared queue see it. */
export interface QueuedJobRow {
  id: number;
  queueId: string;
  runId: number;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
}

const QUEUED_COLUMNS = {
  id: crawlJobs.id,
  queueId: crawlJobs.queueId,
  runId: crawlJobs.runId,
  kind: crawlJobs.kind,
  key: crawlJobs.key,
  payload: crawlJobs.payload,
  attempts: crawlJobs.attempts,
};

/** Opens a queued run (no owner: its jobs finish it) with its jobs, in one transaction. */
export async function startQueuedRun(
  db: Database,
  run: { kind: string; target: string | null },
  jobs: readonly NewJob[],
  now = new Date(),
): Promise<{ runId: number; jobs: QueuedJobRow[] }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(crawlRuns)
      .values({ kind: run.kind, target: run.target, startedAt: now, owner: null })
      .returning({ id: crawlRuns.id });
    if (!row) throw new Error('insert into crawl_runs returned no row');
    const queued: QueuedJobRow[] = [];
    // Batches keep each insert's parameter count far below PostgreSQL's 65,535.
    for (let start = 0; start < jobs.length; start += 500) {
      const batch = jobs.slice(start, start + 500).map((job) => ({
        ...job,
        runId: row.id,
        queueId: randomUUID(),
        runAfter: now,
        createdAt: now,
      }));
      queued.push(...(await tx.insert(crawlJobs).values(batch).returning(QUEUED_COLUMNS)));
    }
    if (jobs.length === 0) {
      await tx.update(crawlRuns).set({ status: 'finished', finishedAt: now }).where(eq(crawlRuns.id, row.id));
    }
    return { runId: row.id, jobs: queued };
  });
}

/**
 * Takes a job for a worker: a queued job, or a running one whose worker died (the shared queue hands it out
 * again only then). Answers undefined when the job is done or failed for good: a retry after its result was
 * stored must not store it twice.
 */
export async function claimJob(
  db: Database,
  queueId: string,
  worker: string,
  now = new Date(),
): Promise<QueuedJobRow | undefined> {
  const [row] = await db
    .update(crawlJobs)
    .set({ state: 'running', attempts: sql`${crawlJobs.attempts} + 1`, worker, startedAt: now })
    .where(and(eq(crawlJobs.queueId, queueId), inArray(crawlJobs.state, ['queued', 'running'])))
    .returning(QUEUED_COLUMNS);
  return row;
}

/**
 * Takes the oldest due queued job (the in-process runner's queue on the embedded database). One statement, so
 * two processes on one database never take the same job.
 */
export async function claimNextDueJob(
  db: Database,
  worker: string,
  now = new Date(),
): Promise<QueuedJobRow | undefined> {
  const due = db
    .select({ id: crawlJobs.id })
    .from(crawlJobs)
    .where(and(eq(crawlJobs.state, 'queued'), lte(crawlJobs.runAfter, now)))
    .orderBy(asc(crawlJobs.runAfter), asc(crawlJobs.id))
    .limit(1);
  const [row] = await db
    .update(crawlJobs)
    .set({ state: 'running', attempts: sql`${crawlJobs.attempts} + 1`, worker, startedAt: now })
    .where(and(inArray(crawlJobs.id, due), eq(crawlJobs.state, 'queued')))
    .returning(QUEUED_COLUMNS);
  return row;
}

/** When the next queued job falls due, if any is queued. */
export async function nextDueAt(db: Database): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: sql<string | null>`min(${crawlJobs.runAfter})::text` })
    .from(crawlJobs)
    .where(eq(crawlJobs.state, 'queued'));
  return row?.at ? new Date(row.at) : undefined;
}

/** Adds a job's counts to its run's, atomically (workers finish jobs of one run at once). */
async function addToRunCounts(db: Database, runId: number, counts: Partial<CrawlCounts>): Promise<void> {
  const sum = Object.entries(counts)
    .filter(([, value]) => typeof value === 'number' && value !== 0)
    .map(([name, value]) => sql`${name}::text, coalesce((${crawlRuns.counts}->>${name})::int, 0) + ${value}`);
  if (sum.length === 0) return;
  await db
    .update(crawlRuns)
    .set({ counts: sql`${crawlRuns.counts} || jsonb_build_object(${sql.join(sum, sql`, `)})` })
    .where(eq(crawlRuns.id, runId));
}

/** Marks a job done and adds its counts to its run; call inside the transaction that stored its result. */
export async function completeJob(
  tx: Database,
  job: { id: number; runId: number },
  counts: Partial<CrawlCounts>,
  now = new Date(),
): Promise<void> {
  await tx
    .update(crawlJobs)
    .set({ state: 'done', finishedAt: now, code: null, message: null })
    .where(eq(crawlJobs.id, job.id));
  await addToRunCounts(tx, job.runId, counts);
}

/** Puts a failed attempt back in the queue, due at `runAfter`, keeping its code (unless it ended meanwhile). */
export async function retryJob(
  db: Database,
  jobId: number,
  failure: { code: string; message: string },
  runAfter: Date,
): Promise<void> {
  await db
    .update(crawlJobs)
    .set({ state: 'queued', code: failure.code, message: failure.message, runAfter })
    .where(and(eq(crawlJobs.id, jobId), eq(crawlJobs.state, 'running')));
}

/**
 * Fails a job for good (the dead-letter state): its code and message kept, its run's error count raised. Answers
 * false when it had already ended (a dead-letter notice for a job whose result was stored).
 */
export async function failJob(
  db: Database,
  queueId: string,
  failure: { code: string; message: string },
  now = new Date(),
): Promise<{ runId: number } | undefined> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(crawlJobs)
      .set({ state: 'failed', code: failure.code, message: failure.message, finishedAt: now })
      .where(and(eq(crawlJobs.queueId, queueId), inArray(crawlJobs.state, ['queued', 'running'])))
      .returning({ runId: crawlJobs.runId });
    if (row) await addToRunCounts(tx, row.runId, { errors: 1 });
    return row;
  });
}

/**
 * Closes a queued run once none of its jobs is queued or running. Call after the job's transaction committed:
 * the last worker to commit then sees every other job ended. Answers true when this call closed it.
 */
export async function finishRunIfDone(db: Database, runId: number, now = new Date()): Promise<boolean> {
  const open = db
    .select({ one: sql`1` })
    .from(crawlJobs)
    .where(and(eq(crawlJobs.runId, runId), inArray(crawlJobs.state, ['queued', 'running'])));
  const closed = await db
    .update(crawlRuns)
    .set({ status: 'finished', finishedAt: now })
    .where(and(eq(crawlRuns.id, runId), eq(crawlRuns.status, 'running'), sql`not exists (${open})`))
    .returning({ id: crawlRuns.id });
  return closed.length > 0;
}

/** Jobs still queued (not done, not failed) with their ids in the shared queue, oldest first. */
export async function queuedJobs(db: Database, limit: number): Promise<QueuedJobRow[]> {
  return db
    .select(QUEUED_COLUMNS)
    .from(crawlJobs)
    .where(eq(crawlJobs.state, 'queued'))
    .orderBy(asc(crawlJobs.id))
    .limit(limit);
}

/**
 * Puts back in the queue the jobs left running by a dead process of this host (the embedded runner's recovery;
 * on PostgreSQL the shared queue hands a dead worker's job out again when it expires).
 */
export async function requeueOrphanedJobs(
  db: Database,
  isAlive: (pid: number) => boolean,
  options: { host: string; now?: Date },
): Promise<number> {
  const running = await db
    .select({ id: crawlJobs.id, worker: crawlJobs.worker })
    .from(crawlJobs)
    .where(eq(crawlJobs.state, 'running'));
  const orphaned = running.filter((job) => {
    if (!job.worker?.startsWith(`${options.host}:`)) return false;
    const pid = Number(job.worker.slice(options.host.length + 1));
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  });
  if (orphaned.length === 0) return 0;
  const rows = await db
    .update(crawlJobs)
    .set({ state: 'queued', runAfter: options.now ?? new Date() })
    .where(
      and(
        inArray(
          crawlJobs.id,
          orphaned.map((job) => job.id),
        ),
        eq(crawlJobs.state, 'running'),
      ),
    )
    .returning({ id: crawlJobs.id });
  return rows.length;
}

/**
 * Locks a job's row for the transaction that stores its result and answers whether it is still open: a job
 * already done (its result stored by an earlier attempt) must not be stored again.
 */
export async function lockOpenJob(tx: Database, jobId: number): Promise<boolean> {
  const [row] = await tx
    .select({ state: crawlJobs.state })
    .from(crawlJobs)
    .where(eq(crawlJobs.id, jobId))
    .for('update');
  return row !== undefined && (row.state === 'queued' || row.state === 'running');
}

/** How far the queue (or one run) is: jobs by state, and failed jobs by code. */
export interface JobProgress {
  queued: number;
  running: number;
  done: number;
  failed: number;
  failedByCode: Record<string, number>;
}

/** Counts jobs by state and failures by code, of one run or of every run. */
export async function jobProgress(db: Database, runId?: number): Promise<JobProgress> {
  const rows = await db
    .select({ state: crawlJobs.state, code: crawlJobs.code, count: sql<number>`count(*)::int` })
    .from(crawlJobs)
    .where(runId === undefined ? undefined : eq(crawlJobs.runId, runId))
    .groupBy(crawlJobs.state, crawlJobs.code);
  const progress: JobProgress = { queued: 0, running: 0, done: 0, failed: 0, failedByCode: {} };
  for (const row of rows) {
    const count = Number(row.count);
    if (row.state === 'queued' || row.state === 'running' || row.state === 'done')
      progress[row.state] += count;
    else if (row.state === 'failed') {
      progress.failed += count;
      const code = row.code ?? 'UNKNOWN';
      progress.failedByCode[code] = (progress.failedByCode[code] ?? 0) + count;
    }
  }
  return progress;
}

/** Every job of a run, in order (tests and the status command's detail). */
export async function jobsOfRun(db: Database, runId: number): Promise<CrawlJobRow[]> {
  return db.select().from(crawlJobs).where(eq(crawlJobs.runId, runId)).orderBy(asc(crawlJobs.id));
}
