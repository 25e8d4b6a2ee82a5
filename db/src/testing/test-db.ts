// Databases for tests and benchmarks: a migrated PGlite in memory, or a fresh PostgreSQL database dropped after use.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { rowsOf as rawRowsOf } from '../catalogue/raw-rows.js';
import { createDb, type DbConfig, type DbHandle } from '../client.js';

/** The two engines a database suite runs on. */
export type TestEngine = 'pglite' | 'postgres';

/** The engines a run covers: PGlite always, PostgreSQL too when an admin URL is given. */
export function testEngines(adminUrl: string | undefined): readonly TestEngine[] {
  return adminUrl ? ['pglite', 'postgres'] : ['pglite'];
}

/** A migrated, empty database and how to dispose of it. */
export interface TestDb extends DbHandle {
  /** The URL of the fresh PostgreSQL database (undefined for PGlite). */
  url: string | undefined;
  dispose: () => Promise<void>;
}

/** How to open a test database: the PostgreSQL admin URL, and what reaches a PostgreSQL handle. */
export interface TestDbOptions extends Pick<DbConfig, 'onQuery' | 'maxConnections'> {
  /** A PostgreSQL URL allowed to create and drop databases; needed for the `postgres` engine. */
  adminUrl?: string | undefined;
}

/** Opens a fresh, migrated database on the engine: PGlite in memory, or a new PostgreSQL database. */
export async function openTestDb(engine: TestEngine, options: TestDbOptions = {}): Promise<TestDb> {
  if (engine === 'pglite') {
    const handle = await createDb({ dataDir: 'memory://' });
    await handle.migrate();
    return { ...handle, url: undefined, dispose: () => handle.close() };
  }
  if (!options.adminUrl) throw new Error('a PostgreSQL test database needs an admin URL (TEST_DATABASE_URL)');
  const scratch = await createScratchDatabase(options.adminUrl);
  const { adminUrl: _adminUrl, maxConnections = 4, ...config } = options;
  const handle = await createDb({ databaseUrl: scratch.url, maxConnections, ...config });
  await handle.migrate();
  return {
    ...handle,
    url: scratch.url,
    dispose: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

/** A PostgreSQL database made for one run (or kept by name between runs) and how to be rid of it. */
export interface ScratchDatabase {
  url: string;
  /** Whether a database of this name was there already (only with a given name). */
  existed: boolean;
  /** Drops it (unless `keep`) and closes the admin connection. */
  drop: () => Promise<void>;
}

/**
 * Creates a database on the server `adminUrl` names: `toolrisk_test_<random>` by default, or `name`, reused when it
 * exists; `keep` leaves it in place at `drop` (benchmarks that reuse a large generated catalogue).
 */
export async function createScratchDatabase(
  adminUrl: string,
  options: { name?: string; keep?: boolean } = {},
): Promise<ScratchDatabase> {
  const name = options.name ?? `toolrisk_test_${randomBytes(6).toString('hex')}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const [existing] = await admin`select 1 as one from pg_database where datname = ${name}`;
  if (!existing) await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    existed: existing !== undefined,
    drop: async () => {
      if (!options.keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** A short random id, so tests sharing a database never collide. */
export function freshId(prefix = 't'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/** The rows of a raw `db.execute` result as plain records, on either engine (the catalogue's own reader). */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return rawRowsOf<Record<string, unknown>>(result);
}
