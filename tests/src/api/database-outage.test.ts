// Guarantee: while PostgreSQL is unreachable or silent, requests fail fast as 503 UNAVAILABLE problem+json with
// Retry-After, /readyz is 503, and the service recovers by itself when the database is back, having lost nothing.
// Once a probe finds the database down, no statement is sent until one finds it back; a write answered 503 says
// whether it was applied, and one answered `not-applied` never is, not even once the database answers again.
// The outage is a TCP proxy this test owns between the app and a throwaway database (OutageProxy: stopped refuses
// and cuts connections; hanging accepts them and forwards nothing, as a frozen server or a black-holed network);
// the machine's shared PostgreSQL cluster is never stopped.
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { createDb, createKey, type DbHandle } from '@toolrisk/db';
import { OutageProxy } from '@toolrisk/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTestDb, rowsOf, type TestDb } from '../harness/db.js';

describe('the database timeouts', () => {
  it('default to a connect, statement and client-side query timeout, the query timeout above the statement timeout', () => {
    expect(loadConfig({}).database).toEqual({
      connectTimeoutMs: 1_500,
      statementTimeoutMs: 5_000,
      queryTimeoutMs: 6_000,
      probeIntervalMs: 250,
      probeTimeoutMs: 1_000,
    });
    expect(() => loadConfig({ TOOLRISK_DB_PROBE_INTERVAL_MS: '10' })).toThrow(
      /TOOLRISK_DB_PROBE_INTERVAL_MS="10": expected an integer from 50 to 60000/,
    );
    expect(() => loadConfig({ TOOLRISK_DB_STATEMENT_TIMEOUT_MS: '8000' })).toThrow(
      /TOOLRISK_DB_QUERY_TIMEOUT_MS: must exceed TOOLRISK_DB_STATEMENT_TIMEOUT_MS/,
    );
    expect(() => loadConfig({ TOOLRISK_DB_QUERY_TIMEOUT_MS: 'soon' })).toThrow(
      /TOOLRISK_DB_QUERY_TIMEOUT_MS="soon": expected an integer from 100 to 3600000/,
    );
    expect(
      loadConfig({ TOOLRISK_DB_QUERY_TIMEOUT_MS: '900', TOOLRISK_DB_STATEMENT_TIMEOUT_MS: '800' }).database,
    ).toMatchObject({ statementTimeoutMs: 800, queryTimeoutMs: 900 });
  });
});

/** A started proxy in front of the test database, and the database's URL through it (the outage switch). */
async function behindProxy(testDb: TestDb): Promise<{ proxy: OutageProxy; url: URL }> {
  const url = new URL(testDb.url ?? '');
  const proxy = new OutageProxy({ host: url.hostname, port: Number(url.port || 5432) });
  await proxy.start();
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  return { proxy, url };
}

describe.runIf(process.env.TEST_DATABASE_URL)('a PostgreSQL outage', () => {
  let testDb: TestDb;
  let proxy: OutageProxy;
  let handle: DbHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    let url: URL;
    ({ proxy, url } = await behindProxy(testDb));
    handle = await createDb({
      databaseUrl: url.toString(),
      maxConnections: 4,
      connectTimeoutMs: 500,
      statementTimeoutMs: 800,
      queryTimeoutMs: 1_000,
      probeIntervalMs: 100,
      probeTimeoutMs: 400,
    });
    app = await buildApp({ config: loadConfig({}), db: handle.db, ping: handle.ping });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await proxy?.stop();
    await testDb?.dispose();
  });

  const expectUnavailable = (response: Awaited<ReturnType<typeof app.inject>>, label: string) => {
    expect(response.statusCode, label).toBe(503);
    expect(String(response.headers['content-type']), label).toContain('application/problem+json');
    expect(response.headers['retry-after'], label).toBe('5');
    expect(response.json(), label).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(response.body, label).not.toMatch(/select|ECONN|postgres/i);
  };
  const expectReadUnavailable = (response: Awaited<ReturnType<typeof app.inject>>, label: string) => {
    expectUnavailable(response, label);
    expect(response.json().detail, label).toBe('the database is not answering; retry later');
  };
  /** Resolves once /readyz answers 200: the probe found the database back. */
  const ready = async () => {
    for (;;) {
      if ((await app.inject('/readyz')).statusCode === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const submit = (key: string, value: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/servers',
      headers: { authorization: `Bearer ${key}` },
      payload: { kind: 'url', value },
    });

  it('answers 503 UNAVAILABLE with Retry-After while the database is unreachable, and recovers without a restart', async () => {
    expect((await app.inject('/v1/stats')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });

    const stats = (await app.inject('/v1/stats')).body;
    await proxy.stop();
    // What the read cache holds still answers (for at most READ_CACHE_TTL_MS); everything else needs the database.
    expect((await app.inject('/v1/stats')).body).toBe(stats);
    for (const url of ['/v1/servers?limit=5', '/v1/tools?q=file', '/v1/servers/nope', '/v1/changes']) {
      expectReadUnavailable(await app.inject(url), url);
    }
    expectReadUnavailable(await app.inject('/readyz'), '/readyz');
    // The refused connection had a probe mark the database down: from then on nothing is even sent.
    await expect(handle.db.execute(sql`select 1`)).rejects.toMatchObject({
      cause: { code: 'DATABASE_UNAVAILABLE', context: { outcome: 'not-sent' } },
    });
    const refused = await submit('trk_whatever-key-during-an-outage', 'https://mcp.example.com/mcp');
    expectUnavailable(refused, 'POST /v1/servers');
    expect(refused.json()).toMatchObject({
      outcome: 'not-applied',
      detail: 'the database is not answering; nothing was written, retry later',
    });
    // The process itself is alive throughout.
    expect((await app.inject('/healthz')).statusCode).toBe(200);

    await proxy.start();
    await ready();
    expect((await app.inject('/v1/stats')).statusCode).toBe(200);
    expect((await app.inject('/v1/servers')).statusCode).toBe(200);
  });

  it('answers 503 UNAVAILABLE to every request while the database accepts connections but never answers, and recovers without a restart', async () => {
    const { key } = await createKey(handle.db, { name: 'outage', scopes: ['servers:submit'] });
    const before = (await app.inject('/v1/stats')).json();
    expect((await app.inject('/v1/servers?limit=3')).statusCode).toBe(200);

    proxy.hang();
    // Below the API the failure has a code and says what happened: a query sent on an open connection, failed
    // when a probe went unanswered (well before the 1 s query timeout), its effect unknown.
    await expect(handle.db.execute(sql`select 1`)).rejects.toMatchObject({
      cause: {
        code: 'DATABASE_UNAVAILABLE',
        message:
          'the database stopped answering after the statement was sent; whether it took effect is unknown',
        context: { outcome: 'unknown' },
        cause: { message: 'the database is unreachable: a probe failed or had no answer within 400 ms' },
      },
    });
    // While it is down, a statement is refused before it is sent.
    await expect(handle.db.execute(sql`select 1`)).rejects.toMatchObject({
      cause: { code: 'DATABASE_UNAVAILABLE', context: { outcome: 'not-sent' } },
    });
    await proxy.start();
    await ready();
    proxy.hang();
    // More requests at once than the pool has connections: the ones sent on a silent connection, the ones
    // waiting for a connection, and the ones whose new connection never completes its start-up all fail.
    // Every URL a new one, so none is answered from the read cache.
    const routes = [
      '/v1/servers?limit=',
      '/v1/tools?q=file&limit=',
      '/v1/servers/nope-',
      '/v1/changes?limit=',
    ];
    const urls = Array.from({ length: 24 }, (_, index) => `${routes[index % 4]}${index + 10}`);
    // Writes among them, more than the pool has connections, so some wait for one when the probe fails.
    const writes = Array.from({ length: 8 }, (_, index) => `https://mcp.example.com/hang-${index}`);
    const [during, written] = await Promise.all([
      Promise.all(urls.map((url) => app.inject(url))),
      Promise.all(writes.map((value) => submit(key, value))),
    ]);
    for (const [index, response] of during.entries())
      expectReadUnavailable(response, `concurrent ${urls[index]}`);
    for (const [index, response] of written.entries()) {
      expectUnavailable(response, `POST ${writes[index]}`);
      expect(['not-applied', 'unknown'], writes[index]).toContain(response.json().outcome);
    }
    expectReadUnavailable(await app.inject('/v1/servers?limit=4'), 'once the database is marked down');
    expectReadUnavailable(await app.inject('/readyz'), '/readyz');
    const refused = await submit(key, 'https://mcp.example.com/hang');
    expect(refused.json()).toMatchObject({ status: 503, outcome: 'not-applied' });
    expect((await app.inject('/healthz')).statusCode).toBe(200);

    await proxy.start();
    await ready();
    expect((await app.inject('/v1/servers?limit=3')).statusCode).toBe(200);
    // Nothing was lost: the catalogue reads as before, and a write goes through again.
    expect((await app.inject('/v1/stats')).json()).toEqual(before);
    const again = await submit(key, 'https://mcp.example.com/after-the-hang');
    expect(again.statusCode, again.body).toBe(202);
    // Every statement the pool still held has run by now (they are older than this write): of the writes answered
    // 503 during the hang, none that was told `not-applied` is stored. (The proxy drops what a closed connection
    // had sent, so here the `unknown` ones are not stored either; a real frozen server might have run them.)
    const stored = await handle.db.execute<{ value: string }>(
      sql`select value from server_submissions where value like 'https://mcp.example.com/hang%'`,
    );
    expect(rowsOf(stored)).toEqual([]);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('a statement failed while it waited for a connection', () => {
  let testDb: TestDb;
  let handle: DbHandle;

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    // One connection, so the second statement waits for it; the database itself is healthy, only slow.
    handle = await createDb({
      databaseUrl: testDb.url,
      maxConnections: 1,
      statementTimeoutMs: 5_000,
      queryTimeoutMs: 1_000,
      probeIntervalMs: 100,
      probeTimeoutMs: 400,
    });
    await handle.db.execute(sql`create table queued_writes (value text not null)`);
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.dispose();
  });

  it('is never run afterwards: a write told it was not sent is not applied once the connection frees up', async () => {
    // The slow statement holds the only connection past the query timeout; postgres.js writes one more statement
    // behind it on that connection (max_pipeline 1: a transaction's connection is reserved only when one may
    // follow), and the write queues in the pool behind both. (drizzle's queries start when awaited: `then` starts
    // each, in this order.)
    const slow = handle.db.execute(sql`select pg_sleep(2)`).then(
      () => 'answered',
      (error: unknown) => error,
    );
    const behind = handle.db.execute(sql`select 1`).then(
      () => 'answered',
      (error: unknown) => error,
    );
    const write = handle.db
      .execute(sql`insert into queued_writes values ('told 503')`)
      .then((value) => value);
    await expect(write).rejects.toMatchObject({
      cause: {
        code: 'DATABASE_UNAVAILABLE',
        message: 'the database is unreachable; the statement was not sent',
        context: { outcome: 'not-sent' },
        cause: { message: 'the database did not answer within 1000 ms' },
      },
    });
    // The slow one and the one written behind it were sent: their effect is unknown, and the silent connection
    // was closed.
    expect(await slow).toMatchObject({ cause: { context: { outcome: 'unknown' } } });
    expect(await behind).toMatchObject({ cause: { context: { outcome: 'unknown' } } });
    // The database answered every probe meanwhile, so it was never marked down: the pool serves on, on its one
    // connection (a stuck one would hang this), and the queued write did not run before or after.
    for (let round = 0; round < 3; round++) {
      const count = await handle.db.execute<{ n: number }>(sql`select count(*)::int as n from queued_writes`);
      expect(rowsOf(count)).toEqual([{ n: 0 }]);
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('a busy PostgreSQL', () => {
  let testDb: TestDb;
  let proxy: OutageProxy;
  let handle: DbHandle;
  let locker: DbHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    let url: URL;
    ({ proxy, url } = await behindProxy(testDb));
    // Two connections, each statement allowed 4 s: slow statements hold both for well over the probe's interval
    // and timeout, so the watch looks (and must tell slow from gone).
    handle = await createDb({
      databaseUrl: url.toString(),
      maxConnections: 2,
      connectTimeoutMs: 500,
      statementTimeoutMs: 4_000,
      queryTimeoutMs: 4_500,
      probeIntervalMs: 100,
      probeTimeoutMs: 400,
    });
    locker = await createDb({ databaseUrl: testDb.url, maxConnections: 1 });
    app = await buildApp({ config: loadConfig({}), db: handle.db, ping: handle.ping });
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await locker?.close();
    await proxy?.stop();
    await testDb?.dispose();
  });

  const settled = (query: Promise<unknown>) =>
    query.then(
      () => 'answered',
      (error: unknown) => error,
    );

  it('is not marked down while slow statements hold every connection or wait on a lock, and a stopped one is', async () => {
    // Every pool connection sleeps 1.5 s (with more statements queued behind them), and a lock held elsewhere makes
    // a catalogue read wait for it: the database is slow, not gone.
    const sleeps = Array.from({ length: 4 }, () => settled(handle.db.execute(sql`select pg_sleep(1.5)`)));
    const lockHeld = locker.db.transaction(async (tx) => {
      await tx.execute(sql`lock table servers in access exclusive mode`);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    });
    const blocked = app.inject('/v1/servers?limit=7');
    // Meanwhile the readiness probe answers on the watch's own connection (the pool has none free), every time.
    const readiness: number[] = [];
    for (let round = 0; round < 8; round++) {
      readiness.push((await app.inject('/readyz')).statusCode);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(readiness).toEqual(Array(8).fill(200));
    await lockHeld;
    // Every slow statement, and the read that waited on the lock, was answered: nothing was failed as an outage.
    expect(await Promise.all(sleeps)).toEqual(Array(4).fill('answered'));
    const read = await blocked;
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<{ servers: unknown[] }>().servers).toEqual([]);
    await expect(handle.db.execute(sql`select 1`)).resolves.toBeDefined();

    // Stopped: refused connections, so the watch marks it down, and readiness says so at once.
    await proxy.stop();
    await expect(handle.db.execute(sql`select 1`)).rejects.toMatchObject({
      cause: { code: 'DATABASE_UNAVAILABLE' },
    });
    const down = await app.inject('/readyz');
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    await expect(handle.db.execute(sql`select 1`)).rejects.toMatchObject({
      cause: { code: 'DATABASE_UNAVAILABLE', context: { outcome: 'not-sent' } },
    });
    await proxy.start();
    await vi.waitFor(async () => expect((await app.inject('/readyz')).statusCode).toBe(200), {
      timeout: 10_000,
      interval: 50,
    });
  });
});
