// `toolrisk serve`: migrate, seed an empty catalogue, and serve the API and pages until stopped.
import { buildApp } from '@toolrisk/api';
import { openCatalogue } from '../catalogue.js';
import { loadConfig } from '../config.js';
import { openJobQueue } from '../jobs.js';
import { readArgs, usageError } from './args.js';
import type { CliCommand, Command } from './io.js';

const USAGE = 'usage: toolrisk serve   (PORT, HOST and the other settings come from the environment)\n';

/** Serves until SIGINT or SIGTERM; PORT and HOST choose where. */
const run: CliCommand = async (args, io) => {
  const parsed = readArgs(args, {});
  if (typeof parsed === 'string') return usageError(io, 'serve', parsed, USAGE);
  if (parsed.positionals.length > 0)
    return usageError(io, 'serve', `unexpected argument "${parsed.positionals[0]}"`, USAGE);
  const config = loadConfig(io.env);
  const handle = await openCatalogue(config, {
    prepare: true,
    log: (message) => io.stderr(`toolrisk: ${message}\n`),
  });
  const app = await buildApp(
    {
      config,
      db: handle.db,
      ping: handle.ping,
      onCatalogueChange: handle.onCatalogueChange,
      isChangeFeedComplete: handle.isChangeFeedComplete,
      onCrawlChange: handle.onCrawlChange,
    },
    { logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] } },
  );
  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  io.stderr(`toolrisk: serving on http://localhost:${port} (${handle.engine})\n`);
  // On the embedded database the crawl jobs run here, one at a time, with nothing allowed beyond the defaults
  // (no commands, no private addresses); on PostgreSQL they are for `toolrisk worker` processes.
  const queue =
    handle.engine === 'pglite'
      ? openJobQueue(config, handle, { allowExec: false, allowPrivateAddresses: false }, io.env)
      : undefined;
  await queue?.work({ concurrency: 1 });
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await queue?.stop();
  await app.close();
  await handle.close();
  return 0;
};

/** Serves until SIGINT or SIGTERM; PORT and HOST choose where. */
export const serveCommand: Command = { usage: USAGE, run };
