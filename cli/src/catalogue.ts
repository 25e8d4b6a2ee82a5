// Opening the catalogue for a process: the database from the config, migrated, seeded and classified.
import { reclassifyStale, seedIfEmpty } from '@toolrisk/crawler';
import { abortOrphanedRuns, createDb, type DbHandle } from '@toolrisk/db';
import type { Config } from './config.js';
import { isProcessAlive } from './jobs.js';

/** Opens and migrates the configured database; with `prepare`, seeds an empty one and reclassifies stale tools. */
export async function openCatalogue(
  config: Readonly<Config>,
  options: { prepare?: boolean; log?: (message: string) => void } = {},
): Promise<DbHandle> {
  const handle = await createDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    connectTimeoutMs: config.database.connectTimeoutMs,
    statementTimeoutMs: config.database.statementTimeoutMs,
    queryTimeoutMs: config.database.queryTimeoutMs,
    probeIntervalMs: config.database.probeIntervalMs,
    probeTimeoutMs: config.database.probeTimeoutMs,
  });
  try {
    await handle.migrate();
    // A run whose process was killed was never closed: mark it aborted now, so it does not read `running` forever.
    const aborted = await abortOrphanedRuns(handle.db, isProcessAlive);
    if (aborted.length > 0) {
      options.log?.(`marked aborted the runs its killed process left running: ${aborted.join(', ')}`);
    }
    if (options.prepare) {
      const seeded = config.seed ? await seedIfEmpty(handle.db) : null;
      if (seeded) {
        options.log?.(
          `seeded ${seeded.counts.serversNew} servers and ${seeded.counts.toolsNew} tools (${seeded.refusals.length} entries refused, see crawl_errors)`,
        );
      }
      const redone = await reclassifyStale(handle.db);
      if (redone > 0)
        options.log?.(`reclassified the tools of ${redone} servers with the current classifier`);
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
