// The seed catalogue: real servers' tool lists shipped with the repo, imported into an empty database.
import { fileURLToPath } from 'node:url';
import { type Database, hasAnyServer } from '@toolrisk/db';
import { type ImportReport, importToolsFiles } from './sources/files.js';

/** The shipped catalogue (one tools/list document per server), found relative to this module. */
export const SEED_CATALOGUE_DIR = fileURLToPath(new URL('../seed/catalogue', import.meta.url));

/** Imports the seed catalogue when the database holds no server yet; returns the report, or null if skipped. */
export async function seedIfEmpty(db: Database, dir = SEED_CATALOGUE_DIR): Promise<ImportReport | null> {
  if (await hasAnyServer(db)) return null;
  return importToolsFiles(db, [dir], { kind: 'seed' });
}
