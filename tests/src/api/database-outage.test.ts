// Guarantee: while PostgreSQL is unreachable or silent, requests fail fast as 503 UNAVAILABLE problem+json with
// Retry-After, /readyz is 503, and the service recovers by itself when the database is back, having lost nothing.
// The outage is a TCP proxy this test owns between the app and a throwaway database (OutageProxy: stopped refuses
// and cuts connections; hanging accepts them and forwards nothing, as a frozen server or a black-holed network);
// the machine's shared PostgreSQL cluster is never stopped.
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { createDb, createKey, type DbHandle } from '@toolrisk/db';
import { OutageProxy } from '@toolrisk/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../harness/db.js';

describe('the database timeouts', () => {
  it('default to a connect, statement and client-side query timeout, the query timeout above the statement timeout', () => {
    expect(loadConfig({}).database).toEqual({
      connectTimeoutMs: 1_500,
      statementTimeoutMs: 5_000,
      queryTimeoutMs: 6_000,
    });
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

describe.runIf(process.env.TEST_DATABASE_URL)('a PostgreSQL outage', () => {
  let testDb: TestDb;
  let proxy: OutageProxy;
  let handle: DbHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    testDb = await openTestDb('postgres');
    const url = new URL(testDb.url ?? '');
    proxy = new OutageProxy({ host: url.hostname, port: Number(url.port || 5432) });
    await proxy.start();
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    handle = await createDb({
      databaseUrl: url.toString(),
      maxConnections: 4,
      connectTimeoutMs: 500,
      statementTimeoutMs: 800,
      queryTimeoutMs: 1_000,
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
    expect(response.json(), label).toMatchObject({
      status: 503,
      code: 'UNAVAILABLE',
      detail: 'the database is not answering; retry later',
    });
    expect(response.body, label).not.toMatch(/select|ECONN|postgres/i);
  };

  it('answers 503 UNAVAILABLE with Retry-After while the database is unreachable, and recovers without a restart', async () => {
    expect((await app.inject('/v1/stats')).statusCode).toBe(200);
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });

    const stats = (await app.inject('/v1/stats')).body;
    await proxy.stop();
    // What the read cache holds still answers (for at most READ_CACHE_TTL_MS); everything else needs the database.
    expect((await app.inject('/v1/stats')).body).toBe(stats);
    for (const url of ['/v1/servers?limit=5', '/v1/tools?q=file', '/v1/servers/nope', '/v1/changes']) {
      expectUnavailable(await app.inject(url), url);
    }
    expectUnavailable(await app.inject('/readyz'), '/readyz');
    const key = 'trk_whatever-key-during-an-outage';
    const submit = await app.inject({
      method: 'POST',
      url: '/v1/servers',
      headers: { authorization: `Bearer ${key}` },
      payload: { kind: 'url', value: 'https://mcp.example.com/mcp' },
    });
    expectUnavailable(submit, 'POST /v1/servers');
    // The process itself is alive throughout.
    expect((await app.inject('/healthz')).statusCode).toBe(200);

    await proxy.start();
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    expect((await app.inject('/v1/stats')).statusCode).toBe(200);
    expect((await app.inject('/v1/servers')).statusCode).toBe(200);
  });

  it('answers 503 UNAVAILABLE to every request while the database accepts connections but never answers, and recovers without a restart', async () => {
    const { key } = await createKey(handle.db, { name: 'outage', scopes: ['servers:submit'] });
    const before = (await app.inject('/v1/stats')).json();
    expect((await app.inject('/v1/servers?limit=3')).statusCode).toBe(200);

    proxy.hang();
    // Below the API the failure has a code and says what happened: a query sent on an open connection.
    await expect(handle.db.execute(sql`select 1`)).rejects.toMatchObject({
      cause: { code: 'DATABASE_UNAVAILABLE', message: 'the database did not answer within 1000 ms' },
    });
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
    const during = await Promise.all(urls.map((url) => app.inject(url)));
    for (const [index, response] of during.entries())
      expectUnavailable(response, `concurrent ${urls[index]}`);
    // The connections that went silent were closed: the next request needs a new one, which never starts up.
    expectUnavailable(await app.inject('/v1/servers?limit=4'), 'after the silent connections were closed');
    expectUnavailable(await app.inject('/readyz'), '/readyz');
    const submit = await app.inject({
      method: 'POST',
      url: '/v1/servers',
      headers: { authorization: `Bearer ${key}` },
      payload: { kind: 'url', value: 'https://mcp.example.com/hang' },
    });
    expectUnavailable(submit, 'POST /v1/servers');
    expect((await app.inject('/healthz')).statusCode).toBe(200);

    await proxy.start();
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    expect((await app.inject('/v1/servers?limit=3')).statusCode).toBe(200);
    // Nothing was lost: the catalogue reads as before, and a write goes through again.
    expect((await app.inject('/v1/stats')).json()).toEqual(before);
    const again = await app.inject({
      method: 'POST',
      url: '/v1/servers',
      headers: { authorization: `Bearer ${key}` },
      payload: { kind: 'url', value: 'https://mcp.example.com/after-the-hang' },
    });
    expect(again.statusCode, again.body).toBe(202);
  });
});
