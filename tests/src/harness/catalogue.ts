// A small world for tests that need a real catalogue but not the whole shipped one: the 37 servers read off
// their own processes (crawler/seed/catalogue), imported as the seed would.
import { importToolsFiles } from '@toolrisk/crawler';
import { SEED_CATALOGUE_DIR } from '@toolrisk/crawler/testing';
import type { Database } from '@toolrisk/db';

/** How many servers and tools the small world holds. */
export const SMALL_CATALOGUE = { servers: 37, tools: 698 } as const;

/** Imports the 37 real servers into a fresh database (one batched import, about a second). */
export async function seedSmallCatalogue(db: Database): Promise<void> {
  const report = await importToolsFiles(db, [SEED_CATALOGUE_DIR], { kind: 'seed' });
  if (report.counts.errors > 0)
    throw new Error(`the small catalogue did not import: ${report.counts.errors} errors`);
}
