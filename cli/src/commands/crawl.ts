// `toolrisk crawl registry|list|servers`: enumerate servers from the registry, a curated list or an operator's file.
import {
  type CrawlProgress,
  crawlList,
  crawlRegistry,
  inheritedEnv,
  processSubmissions,
  progressLine,
} from '@toolrisk/crawler';
import { type CrawlCounts, type DbHandle, emptyCounts, jobsOfRun } from '@toolrisk/db';
import { openCatalogue } from '../catalogue.js';
import { type Config, loadConfig } from '../config.js';
import { positiveIntegerOf, readArgs, usageError } from './args.js';
import {
  classifyQueued,
  crawlPackagesQueued,
  crawlServersQueued,
  printRunErrors,
  printStatus,
  type QueuedOutcome,
} from './crawl-queue.js';
import { didYouMean } from './failures.js';
import type { CliCommand, CliIo, Command } from './io.js';
import { secondOpinionAfterStore } from './second-opinion.js';

const USAGE = `usage:
  toolrisk crawl registry [--url U] [--limit N] [--full] [--allow-private]
  toolrisk crawl list FILE|URL [--allow-private]
  toolrisk crawl servers FILE [--allow-exec] [--allow-private] [--concurrency N] [--timeout MS]
  toolrisk crawl submissions [--limit N] [--allow-exec] [--allow-private] [--timeout MS]
  toolrisk crawl packages [--limit N] [--full] [--concurrency N] [--timeout MS]
  toolrisk crawl classify [--concurrency N]
  toolrisk crawl status [--run N]
  toolrisk crawl errors [--run N]

crawl servers, crawl packages and crawl classify queue one job per server and work the queue in this process until
the run is over; on PostgreSQL every \`toolrisk worker\` on the same DATABASE_URL helps. crawl packages installs
each registry server's npm package (no install scripts, TOOLRISK_PACKAGE_CACHE_DIR) and lists its tools inside a
bubblewrap sandbox with no network, for servers never listed (--full: all; --limit: at most N, default 100). A refusal names the flag that lifts
it (--allow-exec, --allow-private); a run with failures exits 1 after printing each.
`;

const OPTIONS = {
  url: { type: 'string' },
  limit: { type: 'string' },
  concurrency: { type: 'string' },
  timeout: { type: 'string' },
  run: { type: 'string' },
  full: { type: 'boolean' },
  'allow-exec': { type: 'boolean' },
  'allow-private': { type: 'boolean' },
} as const;

/** The crawl's options, the integer ones checked. */
interface CrawlArgs {
  positionals: string[];
  url: string | undefined;
  limit: number | undefined;
  concurrency: number | undefined;
  timeout: number | undefined;
  run: number | undefined;
  isFull: boolean;
  allowExec: boolean;
  allowPrivate: boolean;
}

/** Reads the flags after the source; a message naming the problem when they are wrong. */
function parseOptions(args: string[]): CrawlArgs | string {
  const parsed = readArgs(args, OPTIONS);
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  const limit = positiveIntegerOf(values.limit, '--limit');
  const concurrency = positiveIntegerOf(values.concurrency, '--concurrency');
  const timeout = positiveIntegerOf(values.timeout, '--timeout');
  const run = positiveIntegerOf(values.run, '--run');
  for (const value of [limit, concurrency, timeout, run]) if (typeof value === 'string') return value;
  return {
    positionals,
    url: values.url,
    limit: typeof limit === 'number' ? limit : undefined,
    concurrency: typeof concurrency === 'number' ? concurrency : undefined,
    timeout: typeof timeout === 'number' ? timeout : undefined,
    run: typeof run === 'number' ? run : undefined,
    isFull: values.full === true,
    allowExec: values['allow-exec'] === true,
    allowPrivate: values['allow-private'] === true,
  };
}

/** Draws a progress bar on stderr when it is a terminal; silent otherwise (logs and pipes stay clean). */
function progressBar(io: CliIo): { onProgress: (progress: CrawlProgress) => void; end: () => void } {
  const isTty = process.stderr.isTTY === true;
  let drawn = false;
  return {
    onProgress: (progress) => {
      if (!isTty) return;
      drawn = true;
      io.stderr(`\r${progressLine(progress)}\u001b[K`);
    },
    end: () => {
      if (drawn) io.stderr('\n');
    },
  };
}

function summary(what: string, runId: number, counts: CrawlCounts): string {
  return (
    `${what} (run ${runId}): ${counts.serversSeen} servers seen, ${counts.serversNew} new, ${counts.serversChanged} changed; ` +
    `tools ${counts.toolsNew} new, ${counts.toolsChanged} changed, ${counts.toolsRemoved} removed; ${counts.errors} errors\n`
  );
}

type Bar = ReturnType<typeof progressBar>;

interface CrawlContext {
  db: Parameters<typeof crawlRegistry>[0];
  io: CliIo;
  args: CrawlArgs;
  bar: Bar;
  registryUrl: string;
  target: string;
  config: Readonly<Config>;
}

async function runRegistry({ db, io, args, bar, registryUrl }: CrawlContext): Promise<CrawlCounts> {
  const report = await crawlRegistry(db, {
    baseUrl: args.url ?? registryUrl,
    pageSize: args.limit,
    full: args.isFull,
    allowPrivateAddresses: args.allowPrivate,
    onProgress: bar.onProgress,
  });
  bar.end();
  const since = report.updatedSince ? ` since ${report.updatedSince}` : ' (full)';
  const what = `registry${since}: ${report.pages} pages, ${report.records} versions, ${report.status}`;
  io.stdout(summary(what, report.runId, report.counts));
  return report.counts;
}

async function runList({ db, io, args, bar, target }: CrawlContext): Promise<CrawlCounts> {
  const allowPrivateAddresses = args.allowPrivate;
  const report = await crawlList(db, target, { allowPrivateAddresses, onProgress: bar.onProgress });
  bar.end();
  const { parse } = report;
  const found = parse
    ? `${parse.entries.length} entries, ${parse.duplicates.length} duplicates, ${parse.skipped.length} skipped`
    : 'unreadable';
  io.stdout(summary(`list ${target}: ${found}`, report.runId, report.counts));
  return report.counts;
}

function queuedCrawl(context: CrawlContext, handle: DbHandle) {
  return {
    handle,
    config: context.config,
    io: context.io,
    bar: context.bar,
    permissions: {
      // Commands in the file run only with --allow-exec: the file may come from someone else.
      allowExec: context.args.allowExec,
      allowPrivateAddresses: context.args.allowPrivate,
      introspectTimeoutMs: context.args.timeout,
    },
    concurrency: context.args.concurrency ?? 4,
  };
}

/** One introspect job per server of the file, worked here and by any worker; the stored servers get a second opinion. */
async function runServers(context: CrawlContext, handle: DbHandle): Promise<QueuedOutcome> {
  const outcome = await crawlServersQueued(queuedCrawl(context, handle), context.target);
  if (outcome.runId > 0) {
    const jobs = await jobsOfRun(context.db, outcome.runId);
    const stored = jobs.flatMap((job) => (job.state === 'done' ? [job.key] : []));
    await secondOpinionAfterStore(context.db, context.config, context.io, {
      mode: 'batch',
      serverIds: stored,
    });
  }
  return outcome;
}

/** Works through servers submitted with POST /v1/servers; a package runs only with --allow-exec. */
async function runSubmissions({ db, io, args, registryUrl, config }: CrawlContext): Promise<CrawlCounts> {
  const timeout = args.timeout;
  const allowPrivateAddresses = args.allowPrivate;
  const outcomes = await processSubmissions(db, {
    registry: { baseUrl: registryUrl, allowPrivateAddresses },
    introspect: {
      allowExec: args.allowExec,
      allowPrivateAddresses,
      baseEnv: inheritedEnv(io.env),
      ...(timeout === undefined ? {} : { totalTimeoutMs: timeout, requestTimeoutMs: timeout }),
    },
    limit: args.limit,
  });
  for (const outcome of outcomes) {
    const line = `submission ${outcome.id} (${outcome.kind} ${outcome.value}): ${outcome.status}: ${outcome.message}\n`;
    if (outcome.status === 'failed') io.stderr(line);
    else io.stdout(line);
  }
  const counts = emptyCounts();
  counts.serversSeen = outcomes.filter((outcome) => outcome.status === 'done').length;
  counts.errors = outcomes.filter((outcome) => outcome.status === 'failed').length;
  io.stdout(`submissions: ${outcomes.length} taken, ${counts.serversSeen} done, ${counts.errors} failed\n`);
  const stored = outcomes.flatMap((outcome) => (outcome.serverId ? [outcome.serverId] : []));
  await secondOpinionAfterStore(db, config, io, { mode: 'interactive', serverIds: stored });
  return counts;
}

const RUNNERS = {
  registry: runRegistry,
  list: runList,
  submissions: runSubmissions,
} as const;

/** Sources that run as queued jobs, and the reports that read runs back. */
const QUEUED = {
  servers: runServers,
  packages: (context: CrawlContext, handle: DbHandle) =>
    crawlPackagesQueued(queuedCrawl(context, handle), {
      limit: context.args.limit ?? 100,
      includeListed: context.args.isFull,
    }),
  classify: (context: CrawlContext, handle: DbHandle) => classifyQueued(queuedCrawl(context, handle)),
} as const;

const REPORTS = {
  status: printStatus,
  errors: printRunErrors,
} as const;

function isQueued(name: string | undefined): name is keyof typeof QUEUED {
  return name !== undefined && Object.hasOwn(QUEUED, name);
}

function isReport(name: string | undefined): name is keyof typeof REPORTS {
  return name !== undefined && Object.hasOwn(REPORTS, name);
}

function isSource(name: string | undefined): name is keyof typeof RUNNERS {
  return name !== undefined && Object.hasOwn(RUNNERS, name);
}

/** Runs one crawl against the configured catalogue; exits 1 when the run recorded errors. */
const run: CliCommand = async (args, io) => {
  const [source, ...rest] = args;
  if (source === '--help' || source === '-h') {
    io.stdout(USAGE);
    return 0;
  }
  const parsed = parseOptions(rest);
  const fail = (message: string): number => usageError(io, 'crawl', message, USAGE);
  if (typeof parsed === 'string') return fail(parsed);
  if (!isSource(source) && !isQueued(source) && !isReport(source)) {
    const known = ['registry', 'list', 'servers', 'submissions', 'packages', 'classify', 'status', 'errors'];
    const hint = source === undefined || source.startsWith('-') ? '' : didYouMean(source, known);
    return fail(
      `name a source (registry, list, servers, submissions, packages, classify) or a report (status, errors)${hint}`,
    );
  }
  const target = parsed.positionals[0];
  const takesTarget = source === 'list' || source === 'servers';
  if (takesTarget && (target === undefined || parsed.positionals.length > 1)) {
    return fail(`crawl ${source} takes one FILE${source === 'list' ? '|URL' : ''}`);
  }
  const config = loadConfig(io.env);
  const handle = await openCatalogue(config);
  try {
    if (isReport(source)) return await REPORTS[source](handle.db, io, parsed.run);
    const context = {
      db: handle.db,
      io,
      args: parsed,
      bar: progressBar(io),
      registryUrl: config.registryUrl,
      target: target ?? '',
      config,
    };
    if (isQueued(source)) return (await QUEUED[source](context, handle)).errors > 0 ? 1 : 0;
    const counts = await RUNNERS[source](context);
    return counts.errors > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
};

/** Runs one crawl against the configured catalogue; exits 1 when the run recorded errors. */
export const crawlCommand: Command = { usage: USAGE, run };
