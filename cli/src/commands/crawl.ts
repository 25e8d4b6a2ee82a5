// `toolrisk crawl registry|list|servers`: enumerate servers from the registry, a curated list or an operator's file.
import {
  type CrawlProgress,
  crawlList,
  crawlRegistry,
  crawlServers,
  inheritedEnv,
  processSubmissions,
  progressLine,
} from '@toolrisk/crawler';
import { type CrawlCounts, emptyCounts } from '@toolrisk/db';
import { openCatalogue } from '../catalogue.js';
import { type Config, loadConfig } from '../config.js';
import type { CliCommand, CliIo, Command } from './io.js';
import { secondOpinionAfterStore } from './second-opinion.js';

const USAGE = `usage:
  toolrisk crawl registry [--url U] [--limit N] [--full] [--allow-private]
  toolrisk crawl list FILE|URL [--allow-private]
  toolrisk crawl servers FILE [--allow-exec] [--allow-private] [--concurrency N] [--timeout MS]
  toolrisk crawl submissions [--limit N] [--allow-exec] [--allow-private] [--timeout MS]
`;

interface CrawlArgs {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

const VALUE_FLAGS = new Set(['--url', '--limit', '--concurrency', '--timeout']);
const BOOLEAN_FLAGS = new Set(['--full', '--allow-exec', '--allow-private']);

function parseArgs(args: string[]): CrawlArgs | string {
  const parsed: CrawlArgs = { positional: [], flags: new Set(), values: new Map() };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const [flag = '', inline] =
      arg.startsWith('--') && arg.includes('=') ? arg.split('=', 2) : [arg, undefined];
    if (BOOLEAN_FLAGS.has(flag)) parsed.flags.add(flag);
    else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? args[++index];
      if (value === undefined) return `${flag} needs a value`;
      parsed.values.set(flag, value);
    } else if (arg.startsWith('--')) return `unknown option "${arg}"`;
    else parsed.positional.push(arg);
  }
  return parsed;
}

function positiveInteger(args: CrawlArgs, flag: string): number | undefined | string {
  const raw = args.values.get(flag);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 ? value : `${flag} must be a positive integer (got "${raw}")`;
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

function numberFlag(args: CrawlArgs, flag: string): number | undefined {
  const value = positiveInteger(args, flag);
  return typeof value === 'number' ? value : undefined;
}

async function runRegistry({ db, io, args, bar, registryUrl }: CrawlContext): Promise<CrawlCounts> {
  const report = await crawlRegistry(db, {
    baseUrl: args.values.get('--url') ?? registryUrl,
    pageSize: numberFlag(args, '--limit'),
    full: args.flags.has('--full'),
    allowPrivateAddresses: args.flags.has('--allow-private'),
    onProgress: bar.onProgress,
  });
  bar.end();
  const since = report.updatedSince ? ` since ${report.updatedSince}` : ' (full)';
  const what = `registry${since}: ${report.pages} pages, ${report.records} versions, ${report.status}`;
  io.stdout(summary(what, report.runId, report.counts));
  return report.counts;
}

async function runList({ db, io, args, bar, target }: CrawlContext): Promise<CrawlCounts> {
  const allowPrivateAddresses = args.flags.has('--allow-private');
  const report = await crawlList(db, target, { allowPrivateAddresses, onProgress: bar.onProgress });
  bar.end();
  const { parse } = report;
  const found = parse
    ? `${parse.entries.length} entries, ${parse.duplicates.length} duplicates, ${parse.skipped.length} skipped`
    : 'unreadable';
  io.stdout(summary(`list ${target}: ${found}`, report.runId, report.counts));
  return report.counts;
}

async function runServers({ db, io, args, bar, target, config }: CrawlContext): Promise<CrawlCounts> {
  const timeout = numberFlag(args, '--timeout');
  const report = await crawlServers(db, target, {
    concurrency: numberFlag(args, '--concurrency'),
    introspect: {
      // Commands in the file run only with --allow-exec: the file may come from someone else.
      allowExec: args.flags.has('--allow-exec'),
      allowPrivateAddresses: args.flags.has('--allow-private'),
      baseEnv: inheritedEnv(io.env),
      ...(timeout === undefined ? {} : { totalTimeoutMs: timeout, requestTimeoutMs: timeout }),
    },
    onProgress: bar.onProgress,
  });
  bar.end();
  for (const crawl of report.servers) {
    if (crawl.result.ok) {
      io.stdout(`${crawl.server.id}: ${crawl.toolsStored} tools stored, ${crawl.toolsRefused} refused\n`);
    } else {
      io.stderr(`${crawl.server.id}: ${crawl.result.code}: ${crawl.result.message}\n`);
    }
  }
  io.stdout(summary(`servers ${target}`, report.runId, report.counts));
  const stored = report.servers.flatMap((crawl) => (crawl.toolsStored > 0 ? [crawl.server.id] : []));
  await secondOpinionAfterStore(db, config, io, { mode: 'batch', serverIds: stored });
  return report.counts;
}

/** Works through servers submitted with POST /v1/servers; a package runs only with --allow-exec. */
async function runSubmissions({ db, io, args, registryUrl, config }: CrawlContext): Promise<CrawlCounts> {
  const timeout = numberFlag(args, '--timeout');
  const allowPrivateAddresses = args.flags.has('--allow-private');
  const outcomes = await processSubmissions(db, {
    registry: { baseUrl: registryUrl, allowPrivateAddresses },
    introspect: {
      allowExec: args.flags.has('--allow-exec'),
      allowPrivateAddresses,
      baseEnv: inheritedEnv(io.env),
      ...(timeout === undefined ? {} : { totalTimeoutMs: timeout, requestTimeoutMs: timeout }),
    },
    limit: numberFlag(args, '--limit'),
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
  servers: runServers,
  submissions: runSubmissions,
} as const;

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
  const parsed = parseArgs(rest);
  const fail = (message: string): number => {
    io.stderr(`toolrisk crawl: ${message}\n${USAGE}`);
    return 2;
  };
  if (typeof parsed === 'string') return fail(parsed);
  if (!isSource(source)) return fail('name a source: registry, list, servers or submissions');
  const runner = RUNNERS[source];
  for (const flag of ['--limit', '--concurrency', '--timeout']) {
    const value = positiveInteger(parsed, flag);
    if (typeof value === 'string') return fail(value);
  }
  const target = parsed.positional[0];
  const takesTarget = source === 'list' || source === 'servers';
  if (takesTarget && (target === undefined || parsed.positional.length > 1)) {
    return fail(`crawl ${source} takes one FILE${source === 'list' ? '|URL' : ''}`);
  }
  const config = loadConfig(io.env);
  const handle = await openCatalogue(config);
  try {
    const context = {
      db: handle.db,
      io,
      args: parsed,
      bar: progressBar(io),
      registryUrl: config.registryUrl,
      target: target ?? '',
      config,
    };
    const counts = await runner(context);
    return counts.errors > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
};

/** Runs one crawl against the configured catalogue; exits 1 when the run recorded errors. */
export const crawlCommand: Command = { usage: USAGE, run };
