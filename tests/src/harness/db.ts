// Test databases on both engines, from @toolrisk/db/testing: PGlite in memory always, PostgreSQL when
// TEST_DATABASE_URL is set (each PostgreSQL run gets a fresh database that is dropped afterwards).
import type { DbConfig } from '@toolrisk/db/testing';
import { openTestDb as openEngineDb, type TestDb, type TestEngine, testEngines } from '@toolrisk/db/testing';

export type { TestDb } from '@toolrisk/db/testing';
export { freshId, rowsOf } from '@toolrisk/db/testing';

/** The engines this run covers. */
export const ENGINES: readonly TestEngine[] = testEngines(process.env.TEST_DATABASE_URL);

/** Opens a fresh, migrated database on the engine; `options` reach a PostgreSQL handle. */
export function openTestDb(engine: TestEngine, options: Pick<DbConfig, 'onQuery'> = {}): Promise<TestDb> {
  return openEngineDb(engine, { ...options, adminUrl: process.env.TEST_DATABASE_URL });
}
