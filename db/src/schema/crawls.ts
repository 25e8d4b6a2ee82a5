// The crawls aggregate: each run with its counts, each failure, and servers submitted for crawling.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

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
  /** running | finished | failed */
  status: text().notNull().default('running'),
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
