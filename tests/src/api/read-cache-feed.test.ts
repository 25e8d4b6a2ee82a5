// Guarantee: with a complete change feed (PostgreSQL's LISTEN, an in-memory PGlite) the read cache keeps answers for
// its long TTL, yet a write made outside the app (another process, a worker, a migration) is served on the next reads,
// on every cached catalogue route; the crawl-run reports are cached the same way on their own feed, each answer equal
// to an uncached app's; a change made while the feed's connection was down is not missed either.
import { buildApp } from '@toolrisk/api';
import { READ_CACHE_NOTIFIED_TTL_MS } from '@toolrisk/api/testing';
import { loadConfig } from '@toolrisk/cli/testing';
import { createDb, type DbHandle, emptyCounts, finishRun, recordFailure, startRun } from '@toolrisk/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedSmallCatalogue } from '../harness/catalogue.js';
import { ENGINES, openTestDb, rowsOf, type TestDb } from '../harness/db.js';

const SERVER = 'modelcontextprotocol-server-filesystem';
const TOOL = 'write_file';

/** Every cached route that shows the tool's description or the server's title, as a reader would ask. */
const READS = {
  tool: `/v1/servers/${SERVER}/tools/${TOOL}`,
  serverTools: `/v1/servers/${SERVER}/tools`,
  search: '/v1/tools?q=write%20file',
  server: `/v1/servers/${SERVER}`,
  list: '/v1/servers?limit=100',
};

describe.each(ENGINES)('the read cache with the change feed on %s', (engine) => {
  let testDb: TestDb;
  /** Where the outside writes come from: another handle on PostgreSQL, the same in-memory PGlite otherwise. */
  let writer: DbHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;
  /** The same database without a change feed: nothing it answers is cached past 10 s, crawl runs not at all. */
  let uncached: Awaited<ReturnType<typeof buildApp>>;
  let runId: number;

  beforeAll(async () => {
    testDb = await openTestDb(engine);
    await seedSmallCatalogue(testDb.db);
    writer = testDb.url ? await createDb({ databaseUrl: testDb.url, maxConnections: 1 }) : testDb;
    runId = await startRun(testDb.db, 'registry', 'https://registry.example.com');
    await recordFailure(testDb.db, runId, {
      target: 'https://mcp.example.com/first',
      stage: 'connect',
      code: 'TIMEOUT',
      message: 'the first server did not answer within 10000 ms',
    });
    const config = loadConfig({});
    app = await buildApp({
      config,
      db: testDb.db,
      ping: testDb.ping,
      onCatalogueChange: testDb.onCatalogueChange,
      isChangeFeedComplete: testDb.isChangeFeedComplete,
      onCrawlChange: testDb.onCrawlChange,
    });
    // The same cursor key, so both apps sign the same cursors.
    uncached = await buildApp({ config, db: testDb.db, ping: testDb.ping });
  });
  afterAll(async () => {
    await uncached?.close();
    await app?.close();
    if (writer !== testDb) await writer?.close();
    await testDb?.dispose();
  });

  async function readAll(): Promise<Record<keyof typeof READS, string>> {
    const bodies: Partial<Record<keyof typeof READS, string>> = {};
    for (const [name, url] of Object.entries(READS) as [keyof typeof READS, string][]) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(200);
      bodies[name] = response.body;
    }
    return bodies as Record<keyof typeof READS, string>;
  }

  async function writeOutsideTheApp(description: string, title: string): Promise<void> {
    await writer.db.execute(
      sql`update tools set description = ${description} where server_id = ${SERVER} and name = ${TOOL}`,
    );
    await writer.db.execute(sql`update servers set title = ${title} where id = ${SERVER}`);
  }

  it('is on the long TTL, and serves a write made outside the app on the next reads of every cached route', async () => {
    expect(testDb.isChangeFeedComplete).toBe(true);
    const before = await readAll();
    // Cached: asked again, every route answers the same body.
    expect(await readAll()).toEqual(before);
    expect(before.tool).not.toContain('seen through the change feed');
    await writeOutsideTheApp(
      'Writes a file; seen through the change feed',
      'Filesystem (renamed by a worker)',
    );
    // The notification arrives once the write commits; well inside a second, where the TTL is a minute.
    await vi.waitFor(
      async () => {
        const after = await readAll();
        expect(after.tool).toContain('Writes a file; seen through the change feed');
        expect(after.serverTools).toContain('Writes a file; seen through the change feed');
        expect(after.search).toContain('Writes a file; seen through the change feed');
        expect(after.server).toContain('Filesystem (renamed by a worker)');
        expect(after.list).toContain('Filesystem (renamed by a worker)');
      },
      { timeout: 2_000, interval: 50 },
    );
    expect(READ_CACHE_NOTIFIED_TTL_MS).toBeGreaterThanOrEqual(60_000);
  });

  /** Every crawl-run report, as a reader (or a crawl's dashboard) would poll it. */
  const crawlReads = () => [
    '/v1/crawl-runs',
    '/v1/crawl-runs?limit=1',
    `/v1/crawl-runs/${runId}`,
    `/v1/crawl-runs/${runId}/errors`,
    `/v1/crawl-runs/${runId}/errors?limit=1`,
  ];

  async function readCrawlRuns(from: typeof app): Promise<string[]> {
    const bodies: string[] = [];
    for (const url of crawlReads()) {
      const response = await from.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['cache-control'], url).toBe('no-store');
      bodies.push(response.body);
    }
    return bodies;
  }

  it("caches the crawl-run reports until a crawl writes, each answer equal to an uncached one, and serves the crawl's next write at once", async () => {
    const before = await readCrawlRuns(app);
    expect(await readCrawlRuns(app)).toEqual(before);
    expect(before).toEqual(await readCrawlRuns(uncached));
    expect(before.join('\n')).toContain('the first server did not answer');
    // A crawl in another process records a failure, then finishes its run.
    await recordFailure(writer.db, runId, {
      target: 'https://mcp.example.com/second',
      stage: 'list',
      code: 'PROTOCOL_ERROR',
      message: 'the second server answered tools/list with a malformed result',
    });
    await vi.waitFor(
      async () => {
        const after = await readCrawlRuns(app);
        expect(after[3]).toContain('the second server answered tools/list');
        expect(after).toEqual(await readCrawlRuns(uncached));
      },
      { timeout: 2_000, interval: 50 },
    );
    await finishRun(writer.db, runId, { ...emptyCounts(), serversSeen: 2, errors: 2 });
    await vi.waitFor(
      async () => {
        const after = await readCrawlRuns(app);
        expect(JSON.parse(after[2] ?? '{}')).toMatchObject({ status: 'finished', counts: { errors: 2 } });
        expect(after).toEqual(await readCrawlRuns(uncached));
      },
      { timeout: 2_000, interval: 50 },
    );
    // A run that does not exist is never cached as absent: once a crawl opens it, it is served.
    const next = runId + 1;
    expect((await app.inject(`/v1/crawl-runs/${next}`)).statusCode).toBe(404);
    expect(await startRun(writer.db, 'list', 'https://list.example.com')).toBe(next);
    await vi.waitFor(async () => expect((await app.inject(`/v1/crawl-runs/${next}`)).statusCode).toBe(200), {
      timeout: 2_000,
      interval: 50,
    });
    await vi.waitFor(
      async () => expect((await app.inject('/v1/crawl-runs')).body).toContain('list.example.com'),
      {
        timeout: 2_000,
        interval: 50,
      },
    );
  });

  it.runIf(engine === 'postgres')(
    'drops its answers when the feed reconnects, since what was notified while its connection was down is lost',
    async () => {
      // A write that notifies no one: triggers do not fire for a session in replica mode (the writer's one
      // connection), as a notification lost with a dropped connection never arrives.
      await writer.db.execute(sql`set session_replication_role = replica`);
      try {
        const before = await readAll();
        const crawlBefore = await readCrawlRuns(app);
        await writeOutsideTheApp('Written unnoticed', 'Filesystem (unnoticed)');
        await recordFailure(writer.db, runId, {
          target: 'https://mcp.example.com/unnoticed',
          stage: 'connect',
          code: 'TIMEOUT',
          message: 'a failure recorded unnoticed',
        });
        expect((await readAll()).tool, 'no notification, so the cached body stays').toBe(before.tool);
        expect(await readCrawlRuns(app), 'nor the cached crawl reports').toEqual(crawlBefore);
        const listening = async () =>
          rowsOf(
            await writer.db.execute<{ pid: number }>(
              sql`select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%'`,
            ),
          );
        const [listener] = await listening();
        if (!listener) throw new Error('the app holds no LISTEN connection');
        await writer.db.execute(sql`select pg_terminate_backend(${listener.pid})`);
        // Once the driver has subscribed again, the cache was dropped: the unnoticed write is served.
        await vi.waitFor(
          async () => {
            const after = await readAll();
            expect(after.tool).toContain('Written unnoticed');
            expect(after.server).toContain('Filesystem (unnoticed)');
            expect((await readCrawlRuns(app))[3]).toContain('a failure recorded unnoticed');
          },
          { timeout: 5_000, interval: 50 },
        );
        const [again] = await listening();
        expect(again?.pid).not.toBe(listener.pid);
      } finally {
        await writer.db.execute(sql`set session_replication_role = origin`);
      }
    },
  );
});
