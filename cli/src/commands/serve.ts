// `toolrisk serve`: migrate, seed an empty catalogue, and serve the API and pages until stopped.
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { openCatalogue } from '../runtime.js';
import type { CliCommand } from './io.js';

/** Serves until SIGINT or SIGTERM; PORT and HOST choose where. */
export const serveCommand: CliCommand = async (_args, io) => {
  const config = loadConfig(io.env);
  const handle = await openCatalogue(config, {
    prepare: true,
    log: (message) => io.stderr(`toolrisk: ${message}\n`),
  });
  const app = await buildApp(
    { config, db: handle.db, ping: handle.ping },
    { logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers["x-api-key"]'] } },
  );
  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address).port;
  io.stderr(`toolrisk: serving on http://localhost:${port} (${handle.engine})\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await app.close();
  await handle.close();
  return 0;
};
