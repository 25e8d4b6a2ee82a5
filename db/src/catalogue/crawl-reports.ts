// Reading crawl runs and their failures: newest runs first, a run's errors in order, both cursor-paged.
import { and, asc, desc, eq, gt, lt } from 'drizzle-orm';
import type { Database } from '../client.js';
import { type CrawlCounts, crawlErrors, crawlRuns } from '../schema/index.js';
import { type JobProgress, jobProgress } from './crawl-jobs.js';
import { decodeCursor, encodeCursor, rejectCursor } from './cursor.js';

/** One run as reports show it. */
export interface CrawlRunSummary {
  id: number;
  kind: string;
  target: string | null;
  status: string;
  counts: CrawlCounts;
  startedAt: Date;
  finishedAt: Date | null;
}

/** A page of runs and the cursor of the next, if any. */
export interface CrawlRunPage {
  runs: CrawlRunSummary[];
  nextCursor: string | undefined;
}

/** One recorded failure. */
export interface CrawlErrorEntry {
  id: number;
  runId: number;
  target: string;
  stage: string;
  code: string;
  message: string;
  at: Date;
}

/** A page of failures and the cursor of the next, if any. */
export interface CrawlErrorPage {
  errors: CrawlErrorEntry[];
  nextCursor: string | undefined;
}

function cursorId(cursor: string | undefined): number | null {
  const decoded = decodeCursor(cursor, 1);
  if (decoded === null) return null;
  const id = Number(decoded[0]);
  // A cursor we issued always holds a positive integer; anything else was not ours.
  return Number.isSafeInteger(id) && id > 0 ? id : rejectCursor();
}

/** The columns of a run's summary, as every run report selects them. */
const RUN_SUMMARY_COLUMNS = {
  id: crawlRuns.id,
  kind: crawlRuns.kind,
  target: crawlRuns.target,
  status: crawlRuns.status,
  counts: crawlRuns.counts,
  startedAt: crawlRuns.startedAt,
  finishedAt: crawlRuns.finishedAt,
};

/** Runs, newest first, `limit` at a time after the cursor. */
export async function listCrawlRuns(
  db: Database,
  options: { limit: number; cursor?: string | undefined },
): Promise<CrawlRunPage> {
  const after = cursorId(options.cursor);
  const rows = await db
    .select(RUN_SUMMARY_COLUMNS)
    .from(crawlRuns)
    .where(after === null ? undefined : lt(crawlRuns.id, after))
    .orderBy(desc(crawlRuns.id))
    .limit(options.limit + 1);
  const runs = rows.slice(0, options.limit);
  const last = runs.at(-1);
  return {
    runs,
    nextCursor: rows.length > options.limit && last ? encodeCursor([String(last.id)]) : undefined,
  };
}

/** One run, with its jobs' progress when it was queued. */
export async function getCrawlRun(
  db: Database,
  runId: number,
): Promise<(CrawlRunSummary & { jobs: JobProgress }) | undefined> {
  const [run] = await db.select(RUN_SUMMARY_COLUMNS).from(crawlRuns).where(eq(crawlRuns.id, runId));
  return run ? { ...run, jobs: await jobProgress(db, runId) } : undefined;
}

/** The newest run's id, if any run exists. */
export async function latestRunId(db: Database): Promise<number | undefined> {
  const [row] = await db.select({ id: crawlRuns.id }).from(crawlRuns).orderBy(desc(crawlRuns.id)).limit(1);
  return row?.id;
}

/** A run's failures in the order they happened, `limit` at a time after the cursor. */
export async function listCrawlErrors(
  db: Database,
  runId: number,
  options: { limit: number; cursor?: string | undefined },
): Promise<CrawlErrorPage> {
  const after = cursorId(options.cursor);
  const rows = await db
    .select({
      id: crawlErrors.id,
      runId: crawlErrors.runId,
      target: crawlErrors.target,
      stage: crawlErrors.stage,
      code: crawlErrors.code,
      message: crawlErrors.message,
      at: crawlErrors.at,
    })
    .from(crawlErrors)
    .where(and(eq(crawlErrors.runId, runId), after === null ? undefined : gt(crawlErrors.id, after)))
    .orderBy(asc(crawlErrors.id))
    .limit(options.limit + 1);
  const errors = rows.slice(0, options.limit);
  const last = errors.at(-1);
  return {
    errors,
    nextCursor: rows.length > options.limit && last ? encodeCursor([String(last.id)]) : undefined,
  };
}
