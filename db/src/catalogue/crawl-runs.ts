// Crawl runs: open one, record its failures as values, close it with its counts.
import { hostname } from 'node:os';
import { and, desc, eq, isNotNull, like } from 'drizzle-orm';
import type { Database } from '../client.js';
import { type CrawlCounts, crawlErrors, crawlRuns } from '../schema/index.js';
import type { SnapshotOutcome } from './snapshot-types.js';

/** A fresh set of counters. */
export function emptyCounts(): CrawlCounts {
  return {
    serversSeen: 0,
    serversNew: 0,
    serversChanged: 0,
    toolsNew: 0,
    toolsChanged: 0,
    toolsRemoved: 0,
    errors: 0,
  };
}

/** Adds one stored snapshot's outcome to a run's counters. */
export function countOutcome(counts: CrawlCounts, outcome: SnapshotOutcome): void {
  counts.serversSeen++;
  if (outcome.isNewServer) counts.serversNew++;
  else if (outcome.isChangedServer) counts.serversChanged++;
  counts.toolsNew += outcome.toolsNew;
  counts.toolsChanged += outcome.toolsChanged;
  counts.toolsRemoved += outcome.toolsRemoved;
}

/** `host:pid` of this process: the owner of the runs it opens. */
export function processOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/** Opens a run owned by this process and returns its id. */
export async function startRun(
  db: Database,
  kind: string,
  target: string | null,
  now = new Date(),
): Promise<number> {
  const [row] = await db
    .insert(crawlRuns)
    .values({ kind, target, startedAt: now, owner: processOwner() })
    .returning({ id: crawlRuns.id });
  if (!row) throw new Error('insert into crawl_runs returned no row');
  return row.id;
}

/** One failure to record against a run; `code` is one of the crawler's documented codes. */
export interface CrawlFailure<Code extends string = string> {
  target: string;
  stage: string;
  code: Code;
  message: string;
  detail?: Record<string, unknown>;
}

/** Records one failure; the run goes on. Crawled text may hold NULs, which PostgreSQL refuses: they are replaced. */
export async function recordFailure(db: Database, runId: number, failure: CrawlFailure): Promise<void> {
  const detail = failure.detail
    ? (JSON.parse(storable(JSON.stringify(failure.detail))) as Record<string, unknown>)
    : undefined;
  await db.insert(crawlErrors).values({
    runId,
    ...failure,
    target: storable(failure.target),
    message: storable(failure.message),
    detail,
  });
}

/** The message of the innermost cause: the driver's words, without the query and its parameters. */
export function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause instanceof Error) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

function storable(text: string): string {
  // A raw NUL (in text) or its JSON escape (in jsonb) becomes U+FFFD, the replacement character.
  return text.replaceAll('\0', '\uFFFD').replaceAll('\\u0000', '\\uFFFD');
}

/** Closes a run with its final counters. */
export async function finishRun(
  db: Database,
  runId: number,
  counts: CrawlCounts,
  options: { status?: 'finished' | 'failed'; cursor?: string | null; now?: Date | undefined } = {},
): Promise<void> {
  await db
    .update(crawlRuns)
    .set({
      counts,
      status: options.status ?? 'finished',
      finishedAt: options.now ?? new Date(),
      ...(options.cursor !== undefined ? { cursor: options.cursor } : {}),
    })
    .where(eq(crawlRuns.id, runId));
}

/** The cursor the last finished run of this kind against this target ended at, if any. */
export async function lastFinishedCursor(db: Database, kind: string, target: string): Promise<string | null> {
  const [row] = await db
    .select({ cursor: crawlRuns.cursor })
    .from(crawlRuns)
    .where(
      and(
        eq(crawlRuns.kind, kind),
        eq(crawlRuns.target, target),
        eq(crawlRuns.status, 'finished'),
        isNotNull(crawlRuns.cursor),
      ),
    )
    .orderBy(desc(crawlRuns.id))
    .limit(1);
  return row?.cursor ?? null;
}

/**
 * Marks `aborted` every run still `running` whose owner on this host is no longer alive: a crawl or import that
 * was killed never closes its run. Runs owned by other hosts are theirs to recover; queued runs have no owner.
 */
export async function abortOrphanedRuns(
  db: Database,
  isAlive: (pid: number) => boolean,
  options: { host?: string; now?: Date } = {},
): Promise<number[]> {
  const host = options.host ?? hostname();
  const running = await db
    .select({ id: crawlRuns.id, owner: crawlRuns.owner })
    .from(crawlRuns)
    .where(
      and(eq(crawlRuns.status, 'running'), like(crawlRuns.owner, `${host.replace(/[\\%_]/g, '\\$&')}:%`)),
    );
  const dead = running.filter((run) => {
    const pid = Number(run.owner?.slice(host.length + 1));
    return Number.isInteger(pid) && pid > 0 && !isAlive(pid);
  });
  const aborted: number[] = [];
  for (const run of dead) {
    const rows = await db
      .update(crawlRuns)
      .set({ status: 'aborted', finishedAt: options.now ?? new Date() })
      .where(and(eq(crawlRuns.id, run.id), eq(crawlRuns.status, 'running')))
      .returning({ id: crawlRuns.id });
    aborted.push(...rows.map((row) => row.id));
  }
  return aborted;
}
