// Test databases on both engines: PGlite in memory always, PostgreSQL when TEST_DATABASE_URL is set.
// Each PostgreSQL run gets a fresh database that is dropped afterwards.
import { randomBytes } from 'node:crypto';
import { createDb, type DbConfig, type DbHandle } from '@toolrisk/db';
import postgres from 'postgres';

/** The engines this run covers. */
export const ENGINES: readonly ('pglite' | 'postgres')[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

/** A migrated, empty database and how to dispose of it. */
export interface TestDb extends DbHandle {
  /** The URL of the fresh PostgreSQL database (undefined for PGlite). */
  url: string | undefined;
  dispose: () => Promise<void>;
}

/** Opens a fresh, migrated database on the engine; `options` reach a PostgreSQL handle. */
export async function openTestDb(
  engine: 'pglite' | 'postgres',
  options: Pick<DbConfig, 'onQuery'> = {},
): Promise<TestDb> {
  if (engine === 'pglite') {
    const handle = await createDb({ dataDir: 'memory://' });
    await handle.migrate();
    return { ...handle, url: undefined, dispose: () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `toolrisk_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ databaseUrl: url.toString(), maxConnections: 4, ...options });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A short random id, so tests sharing a database never collide. */
export function freshId(prefix = 't'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** The rows of a raw `db.execute` result: PGlite answers `{rows}`, postgres.js an array. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  const rows = Array.isArray(result)
    ? result
    : isObject(result) && Array.isArray(result.rows)
      ? result.rows
      : [];
  return rows.filter(isObject);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object';
}
