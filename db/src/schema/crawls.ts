// The crawls aggregate: each run with its counts, each failure, and servers submitted for crawling.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Counters a crawl run keeps; every field is a count of this run. */
export interface CrawlCounts {
  serversSeen: number;
  serversNew: number;
  serversChanged: number;
  toolsNew: number;
  toolsChanged: number;
  toolsRemoved: number;
  errors: number;
}

/** One crawl, import or seed run. */
export const crawlRuns = pgTable('crawl_runs', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  /** seed | import | registry | list | explicit | submission */
  kind: text().notNull(),
  target: text(),
  /** running | finished | failed | aborted (its process died before closing it) */
  status: text().notNull().default('running'),
  /**
   * `host:pid` of the process that runs it, so the next start on that host can mark it aborted once that
   * process is gone; null for a queued run, which its jobs finish whichever worker runs them.
   */
  owner: text(),
  counts: jsonb()
    .$type<CrawlCounts>()
    .notNull()
    .default(
      sql`'{"serversSeen":0,"serversNew":0,"serversChanged":0,"toolsNew":0,"toolsChanged":0,"toolsRemoved":0,"errors":0}'::jsonb`,
    ),
  /** Resume point for incremental registry crawls (the registry's updated_since). */
  cursor: text(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp({ withTimezone: true }),
});

/** One failure of a run: which target, at which stage, with a stable code. */
export const crawlErrors = pgTable(
  'crawl_errors',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    runId: integer()
      .notNull()
      .references(() => crawlRuns.id, { onDelete: 'cascade' }),
    target: text().notNull(),
    stage: text().notNull(),
    code: text().notNull(),
    message: text().notNull(),
    detail: jsonb().$type<Record<string, unknown>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('crawl_errors_run_idx').on(table.runId)],
);

/** A unit of crawl work queued for any worker: its state, attempts and, once failed for good, its code. */
export const crawlJobs = pgTable(
  'crawl_jobs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** The job's id in the shared queue (pg-boss), so sending it again is a no-op. */
    queueId: uuid().notNull().unique(),
    runId: integer()
      .notNull()
      .references(() => crawlRuns.id, { onDelete: 'cascade' }),
    /** introspect | classify */
    kind: text().notNull(),
    /** What two jobs must never work on at once: the server id. */
    key: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** queued | running | done | failed */
    state: text().notNull().default('queued'),
    attempts: integer().notNull().default(0),
    /** The last failure's code (a retried job keeps it until it succeeds), and its message. */
    code: text(),
    message: text(),
    /** `host:pid` of the worker that last took it. */
    worker: text(),
    /** A retried job waits until then (the in-process runner's backoff; pg-boss keeps its own). */
    runAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    index('crawl_jobs_run_state_idx').on(table.runId, table.state),
    index('crawl_jobs_state_due_idx').on(table.state, table.runAfter),
  ],
);

/** A server someone asked us to crawl through the API. */
export const serverSubmissions = pgTable('server_submissions', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  /** registry | url | package */
  kind: text().notNull(),
  value: text().notNull(),
  /** pending | done | failed */
  status: text().notNull().default('pending'),
  apiKeyId: integer(),
  serverId: text(),
  error: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  processedAt: timestamp({ withTimezone: true }),
});
