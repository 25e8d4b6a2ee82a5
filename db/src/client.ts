// One typed database handle over two engines: embedded PGlite by default, PostgreSQL when a URL is given.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { ToolriskDbError } from './errors.js';
import * as schema from './schema/index.js';

/** The typed query handle every query function takes first. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Where the data lives: a PostgreSQL URL, or a PGlite directory (`memory://` for tests). */
export interface DbConfig {
  databaseUrl?: string | undefined;
  /** PGlite data directory; ignored when databaseUrl is set. `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL pool size. */
  maxConnections?: number | undefined;
}

/** An open database: the handle, which engine serves it, and how to close it. */
export interface DbHandle {
  db: Database;
  engine: 'pglite' | 'postgres';
  /** Applies the committed migrations that have not run yet. */
  migrate: () => Promise<void>;
  /** Answers true when a trivial query succeeds. */
  ping: () => Promise<boolean>;
  close: () => Promise<void>;
}

/** The committed migrations folder, found relative to this module (src/ or dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/** Opens the database the config names. Nothing is migrated until `migrate()` runs. */
export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.maxConnections ?? 10);
  return openPglite(config.dataDir ?? './.toolrisk/pglite');
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  return {
    db,
    engine: 'pglite',
    migrate: () => runMigrations(() => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR })),
    ping: () => ping(db),
    close: () => client.close(),
  };
}

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  // Migration notices ("relation already exists, skipping") are noise on every start.
  const client = postgres(url, { max, onnotice: () => {} });
  const db = drizzlePostgres({ client, schema, casing: 'snake_case' });
  return {
    db,
    engine: 'postgres',
    migrate: () => runMigrations(() => migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR })),
    ping: () => ping(db),
    close: () => client.end({ timeout: 5 }),
  };
}

async function runMigrations(apply: () => Promise<void>): Promise<void> {
  try {
    await apply();
  } catch (cause) {
    throw new ToolriskDbError('MIGRATION_FAILED', 'applying the committed migrations failed', { cause });
  }
}

async function ping(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
