// The seed catalogue: the shipped captures and real servers' tool lists, imported into an empty database.
import { fileURLToPath } from 'node:url';
import { type Database, hasAnyServer } from '@toolrisk/db';
import {
  type CatalogueFiles,
  type CatalogueImportReport,
  importCatalogue,
  SHIPPED_CATALOGUE,
} from './sources/catalogue/import.js';

/** The 37 servers whose tools/list documents were read off the servers themselves (one document per server). */
export const SEED_CATALOGUE_DIR = fileURLToPath(new URL('../seed/catalogue', import.meta.url));

/** Imports the shipped catalogue when the database holds no server yet; returns the report, or null if skipped. */
export async function seedIfEmpty(
  db: Database,
  files: CatalogueFiles = SHIPPED_CATALOGUE,
): Promise<CatalogueImportReport | null> {
  if (await hasAnyServer(db)) return null;
  return importCatalogue(db, files, { kind: 'seed' });
}
