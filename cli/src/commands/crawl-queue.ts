// Queued crawls from the command line: enqueue a run's jobs, work them here (other workers help), show progress,
// and the status and errors commands that read any run back.
import { readFile } from 'node:fs/promises';
import { parseJsonText } from '@toolrisk/classifier';
import {
  type CrawlProgress,
  classifyJob,
  enqueueRun,
  introspectJob,
  type JobQueue,
  packageJob,
  readServersDocument,
  sandboxUnavailableReason,
} from '@toolrisk/crawler';
import {
  type CrawlRunSummary,
  type Database,
  type DbHandle,
  getCrawlRun,
  type JobProgress,
  jobProgress,
  latestRunId,
  listCrawlErrors,
  listCrawlRuns,
  packagedServers,
  recordFailure,
  rootMessage,
  serversNeedingClassification,
} from '@toolrisk/db';
import type { Config } from '../config.js';
import { openJobQueue, type WorkerPermissions } from '../jobs.js';
import { describeFailure } from './failures.js';
import type { CliIo } from './io.js';

/** Draws progress on stderr. */
export interface ProgressBar {
  onProgress: (progress: CrawlProgress) => void;
  end: () => void;
}

/** What a queued crawl needs from the command. */
export interface QueuedCrawl {
  handle: DbHandle;
  config: Readonly<Config>;
  io: CliIo;
  bar: ProgressBar;
  permissions: WorkerPermissions;
  concurrency: number;
}

/** How a queued run ended, for the exit code. */
export interface QueuedOutcome {
  runId: number;
  errors: number;
}

/** Polls the run until no job of it is queued or running, drawing progress; answers its final summary. */
async function waitForRun(db: Database, runId: number, bar: ProgressBar): Promise<CrawlRunSummary> {
  for (;;) {
    const run = await getCrawlRun(db, runId);
    if (!run) throw new Error(`run ${runId} vanished`);
    const { jobs } = run;
    const total = jobs.queued + jobs.running + jobs.done + jobs.failed;
    bar.onProgress({ done: jobs.done + jobs.failed, total, unit: 'jobs' });
    if (run.status !== 'running') {
      bar.end();
      return run;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Prints a run's failures, each with the flag that lifts a refusal. */
async function printErrors(db: Database, io: CliIo, runId: number): Promise<number> {
  let cursor: string | undefined;
  let printed = 0;
  do {
    const page = await listCrawlErrors(db, runId, { limit: 100, cursor });
    for (const error of page.errors) {
      io.stderr(`${error.target}: ${describeFailure(error.code, error.message)}\n`);
      printed++;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return printed;
}

/** Enqueues the jobs, works the queue here until the run is over, then reports it. */
async function runQueued(
  crawl: QueuedCrawl,
  run: { kind: string; target: string | null },
  jobs: Parameters<typeof enqueueRun>[3],
  problems: { target: string; code: string; message: string }[] = [],
): Promise<QueuedOutcome> {
  const { handle, config, io, bar } = crawl;
  const queue: JobQueue = openJobQueue(config, handle, crawl.permissions, io.env);
  try {
    const queued = await enqueueRun(handle.db, queue, run, jobs);
    for (const problem of problems) {
      await recordFailure(handle.db, queued.runId, { ...problem, stage: run.kind });
    }
    await queue.work({ concurrency: queue.kind === 'shared' ? crawl.concurrency : 1 });
    const summary = await waitForRun(handle.db, queued.runId, bar);
    const errors = await printErrors(handle.db, io, queued.runId);
    const { counts } = summary;
    io.stdout(
      `${run.kind}${run.target === null ? '' : ` ${run.target}`} (run ${queued.runId}, ${jobs.length} jobs): ${counts.serversSeen} servers stored, ` +
        `${counts.serversNew} new, ${counts.serversChanged} changed; tools ${counts.toolsNew} new, ` +
        `${counts.toolsChanged} changed, ${counts.toolsRemoved} removed; ${errors} errors\n`,
    );
    return { runId: queued.runId, errors };
  } finally {
    await queue.stop();
  }
}

/** `crawl servers FILE`: one introspect job per server of the file. */
export async function crawlServersQueued(crawl: QueuedCrawl, file: string): Promise<QueuedOutcome> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    crawl.io.stderr(`${file}: FILE_UNREADABLE: ${rootMessage(error)}\n`);
    return { runId: 0, errors: 1 };
  }
  const parsed = parseJsonText(text);
  const document = parsed.ok
    ? readServersDocument(parsed.value)
    : { servers: [], problems: [parsed.message] };
  const code = parsed.ok ? 'DOCUMENT_INVALID' : 'JSON_MALFORMED';
  const problems = document.problems.map((message) => ({ target: file, code, message }));
  const jobs = document.servers.map((server) => introspectJob(server, crawl.permissions));
  return runQueued(crawl, { kind: 'explicit', target: file }, jobs, problems);
}

/** `crawl classify`: one classify job per server whose current tools lack a verdict of this classifier. */
export async function classifyQueued(crawl: QueuedCrawl): Promise<QueuedOutcome> {
  const serverIds = await serversNeedingClassification(crawl.handle.db);
  return runQueued(crawl, { kind: 'classify', target: null }, serverIds.map(classifyJob));
}

/**
 * `crawl packages`: one package job per registry server with an npm package whose tools were never listed (every
 * such server with `includeListed`), its first npm entry introspected in the sandbox. Without a working sandbox on
 * this machine nothing is queued: SANDBOX_UNAVAILABLE, exit 1 (workers elsewhere refuse the same way).
 */
export async function crawlPackagesQueued(
  crawl: QueuedCrawl,
  options: { limit: number; includeListed: boolean },
): Promise<QueuedOutcome> {
  const unavailable = await sandboxUnavailableReason({ searchPath: crawl.io.env.PATH });
  if (unavailable !== undefined) {
    crawl.io.stderr(`SANDBOX_UNAVAILABLE: ${unavailable}; nothing was queued or run (install bubblewrap)\n`);
    return { runId: 0, errors: 1 };
  }
  const servers = await packagedServers(crawl.handle.db, options);
  const jobs = servers.flatMap((server) => {
    const [entry] = server.packages;
    if (entry === undefined) return [];
    return [
      packageJob({
        serverId: server.id,
        registryName: server.registryName,
        title: server.title ?? undefined,
        entry,
        serverVersion: server.version ?? undefined,
      }),
    ];
  });
  return runQueued(crawl, { kind: 'packages', target: null }, jobs);
}

function progressText(jobs: JobProgress): string {
  const codes = Object.entries(jobs.failedByCode)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, count]) => `${code} ${count}`)
    .join(', ');
  return `${jobs.queued} queued, ${jobs.running} running, ${jobs.done} done, ${jobs.failed} failed${codes ? ` (${codes})` : ''}`;
}

/** `crawl status [--run N]`: the queue's jobs by state and failures by code, and the latest runs. */
export async function printStatus(db: Database, io: CliIo, runId: number | undefined): Promise<number> {
  if (runId !== undefined) {
    const run = await getCrawlRun(db, runId);
    if (!run) {
      io.stderr(`RUN_NOT_FOUND: no crawl run with id ${runId}\n`);
      return 1;
    }
    io.stdout(
      `run ${run.id} (${run.kind} ${run.target ?? ''}): ${run.status}; jobs ${progressText(run.jobs)}\n`,
    );
    return 0;
  }
  io.stdout(`jobs: ${progressText(await jobProgress(db))}\n`);
  const page = await listCrawlRuns(db, { limit: 10 });
  for (const run of page.runs) {
    const finished = run.finishedAt ? ` to ${run.finishedAt.toISOString()}` : '';
    io.stdout(
      `run ${run.id} ${run.kind} ${run.target ?? ''}: ${run.status}, ${run.counts.serversSeen} servers, ` +
        `${run.counts.errors} errors (${run.startedAt.toISOString()}${finished})\n`,
    );
  }
  return 0;
}

/** `crawl errors [--run N]`: every failure of a run (the latest by default), with the flag that lifts a refusal. */
export async function printRunErrors(db: Database, io: CliIo, runId: number | undefined): Promise<number> {
  const id = runId ?? (await latestRunId(db));
  if (id === undefined) {
    io.stdout('no crawl runs yet\n');
    return 0;
  }
  if (!(await getCrawlRun(db, id))) {
    io.stderr(`RUN_NOT_FOUND: no crawl run with id ${id}\n`);
    return 1;
  }
  const io2: CliIo = { ...io, stderr: io.stdout };
  const count = await printErrors(db, io2, id);
  io.stdout(`run ${id}: ${count} errors\n`);
  return 0;
}
