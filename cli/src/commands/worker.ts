// `toolrisk worker`: work the crawl job queue until stopped; any number of workers share one DATABASE_URL.
import { openCatalogue } from '../catalogue.js';
import { loadConfig } from '../config.js';
import { eventLine, openJobQueue } from '../jobs.js';
import { positiveIntegerOf, readArgs, usageError } from './args.js';
import type { CliCommand, Command } from './io.js';

const USAGE = `usage: toolrisk worker [--concurrency N] [--allow-exec] [--allow-private]
  Works crawl, introspect and classify jobs until SIGINT or SIGTERM (then finishes the running ones).
  On PostgreSQL (DATABASE_URL) every worker on any machine shares the queue (pg-boss); on the embedded
  database jobs run one at a time. A job runs with only what both its enqueuer and this worker allow:
  --allow-exec lets it start commands, --allow-private lets it reach private and loopback addresses.
`;

const OPTIONS = {
  concurrency: { type: 'string' },
  'allow-exec': { type: 'boolean' },
  'allow-private': { type: 'boolean' },
} as const;

interface WorkerArgs {
  concurrency: number;
  allowExec: boolean;
  allowPrivateAddresses: boolean;
}

function parseOptions(args: string[]): WorkerArgs | string {
  const parsed = readArgs(args, OPTIONS);
  if (typeof parsed === 'string') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length > 0) return `unexpected argument "${positionals[0]}"`;
  const concurrency = positiveIntegerOf(values.concurrency, '--concurrency');
  if (typeof concurrency === 'string') return concurrency;
  return {
    concurrency: Math.min(concurrency ?? 2, 64),
    allowExec: values['allow-exec'] === true,
    allowPrivateAddresses: values['allow-private'] === true,
  };
}

/** Works the queue until SIGINT or SIGTERM. */
const run: CliCommand = async (args, io) => {
  const parsed = parseOptions(args);
  if (typeof parsed === 'string') return usageError(io, 'worker', parsed, USAGE);
  const config = loadConfig(io.env);
  const handle = await openCatalogue(config);
  const queue = openJobQueue(config, handle, parsed, io.env);
  try {
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    const concurrency = queue.kind === 'shared' ? parsed.concurrency : 1;
    await queue.work({ concurrency, onEvent: (event) => io.stdout(eventLine(event)) });
    io.stderr(
      queue.kind === 'shared'
        ? `toolrisk worker: working the shared queue (pg-boss), ${concurrency} job(s) at once\n`
        : 'toolrisk worker: working the embedded queue, one job at a time\n',
    );
    await stopped;
    io.stderr('toolrisk worker: stopping after the running jobs\n');
    return 0;
  } finally {
    await queue.stop();
    await handle.close();
  }
};

/** Works the crawl job queue until stopped. */
export const workerCommand: Command = { usage: USAGE, run };
