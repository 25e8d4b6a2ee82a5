// One typed database handle over two engines: embedded PGlite by default, PostgreSQL when a URL is given.
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { nameDiskFull } from './embedded/disk-full.js';
import { openSharedDir } from './embedded/share.js';
import { ToolriskDbError } from './errors.js';
import { DatabaseHealth, type Probe } from './health.js';
import * as schema from './schema/index.js';
import { WatchedSockets } from './sockets.js';
import { guardStatements, reconnectDelaySeconds } from './timeouts.js';

/** The typed query handle every query function takes first. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Where the data lives: a PostgreSQL URL, or a PGlite directory (`memory://` for tests). */
export interface DbConfig {
  databaseUrl?: string | undefined;
  /** PGlite data directory; ignored when databaseUrl is set. `memory://` keeps it in memory. */
  dataDir?: string | undefined;
  /** PostgreSQL pool size. */
  maxConnections?: number | undefined;
  /** PostgreSQL: give up connecting after this (postgres.js default: 30 s). */
  connectTimeoutMs?: number | undefined;
  /** PostgreSQL: the server cancels a statement running longer than this (unset: no limit). */
  statementTimeoutMs?: number | undefined;
  /**
   * PostgreSQL: a query without an answer after this fails with DATABASE_UNAVAILABLE, and a connection that
   * went silent with it is closed (a server that accepts connections but never answers; unset: no limit).
   * Migrations run on a connection of their own, without it or the statement timeout.
   */
  queryTimeoutMs?: number | undefined;
  /**
   * PostgreSQL: how often a probe checks a database that went silent or refused a connection, and while it is
   * down, whether it is back (unset: no health watch, so each statement waits for its own timeout). While the
   * database is down every statement fails at once with DATABASE_UNAVAILABLE, unsent.
   */
  probeIntervalMs?: number | undefined;
  /** PostgreSQL: a probe with no answer after this marks the database down (default: 1000). */
  probeTimeoutMs?: number | undefined;
  /** PostgreSQL: called with each statement's SQL and parameters (the plan tests EXPLAIN what the catalogue runs). */
  onQuery?: ((query: string, params: unknown[]) => void) | undefined;
}

/** An open database: the handle, which engine serves it, and how to close it. */
export interface DbHandle {
  db: Database;
  engine: 'pglite' | 'postgres';
  /** Applies the committed migrations that have not run yet. */
  migrate: () => Promise<void>;
  /** Answers true when a trivial query succeeds. */
  ping: () => Promise<boolean>;
  /**
   * Calls `listener` after each committed write to the catalogue by any process on this database (a trigger
   * notifies CATALOGUE_CHANNEL), and again each time the subscription is re-established after a lost connection
   * (what was notified meanwhile is lost, so a listener must assume anything changed); resolves to a function that
   * stops listening.
   */
  onCatalogueChange: (listener: () => void) => Promise<() => Promise<void>>;
  /**
   * The same for crawl runs, their failures and their queued jobs (CRAWL_CHANNEL): what the crawl-run reports read,
   * written by every crawl and worker, and kept apart so a crawl's progress does not drop the catalogue's answers.
   */
  onCrawlChange: (listener: () => void) => Promise<() => Promise<void>>;
  /**
   * True when onCatalogueChange and onCrawlChange hear every process's writes (PostgreSQL; an in-memory PGlite, which no other process
   * can open). False for a shared PGlite directory: each process's connections share the owner's one session, so a
   * notification reaches the connection whose statement caused it, not this process's listener.
   */
  isChangeFeedComplete: boolean;
  close: () => Promise<void>;
}

/** The channel the catalogue's write triggers notify (migration 0003_catalogue_notify). */
export const CATALOGUE_CHANNEL = 'toolrisk_catalogue';

/** The channel the crawl runs' write triggers notify (migration 0008_crawl_notify). */
export const CRAWL_CHANNEL = 'toolrisk_crawls';

type PostgresClient = ReturnType<typeof postgres>;

/**
 * LISTEN over postgres.js: one dedicated connection, re-established by the driver after a drop; each subscription
 * after the first tells the listener too, since notifications sent while the connection was down never arrive.
 */
function listenWith(client: PostgresClient, channel: string): DbHandle['onCatalogueChange'] {
  return async (listener) => {
    let isSubscribed = false;
    const { unlisten } = await client.listen(
      channel,
      () => listener(),
      () => {
        if (isSubscribed) listener();
        isSubscribed = true;
      },
    );
    return () => unlisten();
  };
}

/** The committed migrations folder, found relative to this module (src/ or dist/). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Opens the database the config names. Nothing is migrated until `migrate()` runs, except that the process
 * which becomes the owner of a PGlite directory migrates it before serving it to others.
 */
export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config);
  const dataDir = config.dataDir ?? './.toolrisk/pglite';
  if (dataDir.startsWith('memory://')) return openMemory(dataDir);
  return openShared(dataDir, config.maxConnections ?? 10);
}

/** An in-memory PGlite belongs to this process alone, so it is used directly. */
async function openMemory(dataDir: string): Promise<DbHandle> {
  const client = await PGlite.create(dataDir);
  const db = drizzlePglite({ client: failingUnavailableOnceClosed(client), schema, casing: 'snake_case' });
  return {
    db,
    engine: 'pglite',
    migrate: () => runMigrations(() => migratePglite(db, { migrationsFolder: MIGRATIONS_DIR })),
    ping: () => ping(db),
    onCatalogueChange: async (listener) => {
      const unlisten = await client.listen(CATALOGUE_CHANNEL, () => listener());
      return () => unlisten();
    },
    onCrawlChange: async (listener) => {
      const unlisten = await client.listen(CRAWL_CHANNEL, () => listener());
      return () => unlisten();
    },
    isChangeFeedComplete: true,
    close: () => client.close(),
  };
}

/**
 * The PGlite as drizzle reads it, where a query on it once closed fails as DATABASE_UNAVAILABLE: PGlite's own error
 * carries no code, so the API would answer it 500 where the database is simply gone (503 UNAVAILABLE, issue 19).
 */
function failingUnavailableOnceClosed(client: PGlite): PGlite {
  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    if (client.closed) throw closedError();
    try {
      return await run();
    } catch (error) {
      throw client.closed ? closedError(error) : error;
    }
  };
  const query: PGlite['query'] = (text, params, options) =>
    guarded(() => client.query(text, params, options));
  const transaction: PGlite['transaction'] = (callback) => guarded(() => client.transaction(callback));
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return query;
      if (property === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function closedError(cause?: unknown): ToolriskDbError {
  return new ToolriskDbError('DATABASE_UNAVAILABLE', 'the embedded database is closed', { cause });
}

/**
 * A PGlite directory is shared: every process, its owner included, talks to the owner's PGlite over the
 * PostgreSQL protocol, so one process's transaction never interleaves with another's statements. Each new
 * connection finds the owner afresh, so when an owner exits another process takes over.
 */
async function openShared(dataDir: string, max: number): Promise<DbHandle> {
  const shared = await openSharedDir(dataDir, (pglite) =>
    runMigrations(() =>
      migratePglite(drizzlePglite({ client: pglite, schema, casing: 'snake_case' }), {
        migrationsFolder: MIGRATIONS_DIR,
      }),
    ),
  );
  // Unnamed statements: every connection shares the owner's one PGlite session, where names would collide.
  // `socket` (a connected-socket factory) is a postgres.js option its types do not declare yet.
  const options = { max, prepare: false, onnotice: () => {}, socket: () => shared.connect() };
  const client = postgres(options);
  nameDiskFull(client, shared.dataDir);
  const db = drizzlePostgres({ client, schema, casing: 'snake_case' });
  const close = async () => {
    await client.end({ timeout: 5 });
    await shared.release();
  };
  try {
    // Fail here, with the data directory's code, rather than at the first query.
    await client`select 1`;
  } catch (error) {
    await close();
    throw error instanceof ToolriskDbError
      ? error
      : new ToolriskDbError('DATABASE_UNAVAILABLE', `the database in ${shared.dataDir} does not answer`, {
          cause: error,
          context: { dataDir: shared.dataDir },
        });
  }
  return {
    db,
    engine: 'pglite',
    migrate: () => runMigrations(() => migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR })),
    ping: () => ping(db),
    onCatalogueChange: listenWith(client, CATALOGUE_CHANNEL),
    onCrawlChange: listenWith(client, CRAWL_CHANNEL),
    isChangeFeedComplete: false,
    close,
  };
}

async function openPostgres(url: string, config: DbConfig): Promise<DbHandle> {
  // Short timeouts make an unreachable database fail requests fast instead of hanging them (issue 19).
  const connectTimeout = config.connectTimeoutMs ? { connect_timeout: config.connectTimeoutMs / 1000 } : {};
  const statementTimeout = config.statementTimeoutMs
    ? { connection: { statement_timeout: config.statementTimeoutMs } }
    : {};
  const sockets = new WatchedSockets();
  const guarded = Boolean(config.queryTimeoutMs || config.probeIntervalMs);
  // `socket` (a connecting-socket factory) is a postgres.js option its types do not declare yet.
  const options = {
    max: config.maxConnections ?? 10,
    // Migration notices ("relation already exists, skipping") are noise on every start.
    onnotice: () => {},
    backoff: reconnectDelaySeconds,
    ...connectTimeout,
    ...statementTimeout,
    // One statement per connection at a time: postgres.js would otherwise write statements behind a busy
    // connection's, where a write failed as unanswered may still run; waiting in the pool's queue instead, it can be
    // failed as never sent. Not 0: postgres.js reserves a transaction's connection only when a statement may follow
    // on it (`sent.length < max_pipeline`), so with 0 every `sql.begin` on a pool of more than one connection fails
    // with UNSAFE_TRANSACTION. With 1 the first statement on an idle connection is alone; a statement that does
    // get written behind another is sent, so its failure says `unknown`, never `not-sent`.
    ...(guarded ? { socket: sockets.connect, max_pipeline: 1 } : {}),
  };
  const client = postgres(url, options);
  const probe = config.probeIntervalMs ? probeOf(url) : undefined;
  const health =
    probe && config.probeIntervalMs
      ? new DatabaseHealth(
          probe.send,
          { probeIntervalMs: config.probeIntervalMs, probeTimeoutMs: config.probeTimeoutMs ?? 1_000 },
          sockets,
        )
      : undefined;
  if (guarded) guardStatements(client, { sockets, timeoutMs: config.queryTimeoutMs, health });
  const onQuery = config.onQuery;
  const logger = onQuery ? { logQuery: (query: string, params: unknown[]) => onQuery(query, params) } : false;
  const db = drizzlePostgres({ client, schema, casing: 'snake_case', logger });
  return {
    db,
    engine: 'postgres',
    migrate: () => migrateAlone(url, connectTimeout),
    // With a health watch, readiness is its verdict: a busy pool is not a database that is down.
    ping: health ? () => health.isAnswering() : () => ping(db),
    onCatalogueChange: listenWith(client, CATALOGUE_CHANNEL),
    onCrawlChange: listenWith(client, CRAWL_CHANNEL),
    isChangeFeedComplete: true,
    close: async () => {
      health?.stop();
      await Promise.all([client.end({ timeout: 5 }), probe?.close()]);
    },
  };
}

/**
 * The health watch's probe: `select 1` on a connection of its own, so it never queues behind the pool's work. While
 * up it reuses one connection; a probe that fails or times out drops it (a silent one is useless). A `fresh` probe
 * (the database is down, and several may be in flight) connects anew and closes its connection afterwards.
 */
function probeOf(url: string): { send: Probe; close: () => Promise<void> } {
  let shared: ProbeClient | undefined;
  const send: Probe = async (timeoutMs, fresh) => {
    if (fresh || shared?.timeoutMs !== timeoutMs) {
      void shared?.client.end({ timeout: 0 }).catch(() => {});
      shared = undefined;
    }
    const current = shared ?? probeClient(url, timeoutMs);
    if (!fresh) shared = current;
    current.attempts = 0;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      const error = new ToolriskDbError('DATABASE_UNAVAILABLE', `no answer within ${timeoutMs} ms`, {
        context: { timedOut: true },
      });
      timer = setTimeout(() => reject(error), timeoutMs);
    });
    try {
      await Promise.race([current.client`select 1`, late]);
      if (fresh) void current.client.end({ timeout: 0 }).catch(() => {});
    } catch (error) {
      if (shared === current) shared = undefined;
      void current.client.end({ timeout: 0 }).catch(() => {});
      throw error;
    } finally {
      clearTimeout(timer);
    }
  };
  return { send, close: async () => void (await shared?.client.end({ timeout: 0 })) };
}

interface ProbeClient {
  client: PostgresClient;
  timeoutMs: number;
  /** Connection attempts in the current probe. */
  attempts: number;
}

function probeClient(url: string, timeoutMs: number): ProbeClient {
  const sockets = new WatchedSockets();
  // One connection attempt per probe: postgres.js retries a statement whose connection closed before starting
  // up (a proxy or load balancer in front of a stopped server does that), which would spin until the timeout.
  const socket = (options: Parameters<WatchedSockets['connect']>[0]) => {
    if (probe.attempts++ > 0) {
      throw new ToolriskDbError('DATABASE_UNAVAILABLE', 'the connection closed while starting');
    }
    return sockets.connect(options);
  };
  const client = postgres(url, {
    max: 1,
    onnotice: () => {},
    prepare: false,
    fetch_types: false,
    // Idle between outages, the probe's connection closes, so it never holds a process open.
    idle_timeout: 10,
    connect_timeout: timeoutMs / 1000,
    // `socket` is a postgres.js option its types do not declare yet.
    ...{ socket },
  });
  const probe: ProbeClient = { client, timeoutMs, attempts: 0 };
  return probe;
}

/** Migrations on a connection of their own, free of the serving timeouts: rebuilding an index may take minutes. */
async function migrateAlone(url: string, connectTimeout: { connect_timeout?: number }): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {}, ...connectTimeout });
  try {
    const db = drizzlePostgres({ client, schema, casing: 'snake_case' });
    await runMigrations(() => migratePostgres(db, { migrationsFolder: MIGRATIONS_DIR }));
  } finally {
    await client.end({ timeout: 5 });
  }
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
