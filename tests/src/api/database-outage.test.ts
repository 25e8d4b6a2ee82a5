// Guarantee: while PostgreSQL is unreachable, requests fail fast as 503 UNAVAILABLE problem+json with Retry-After,
// /readyz is 503, and the service recovers by itself when the database is back. The outage is a TCP proxy this test
// owns between the app and a throwaway database (the machine's shared PostgreSQL cluster is never stopped).
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli';
import { createDb, type DbHandle } from '@toolrisk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../harness/db.js';

/** A TCP proxy to `target` that can cut every connection and refuse new ones, then come back on the same port. */
class OutageProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    const server = createServer((client) => {
      const upstream = tcpConnect(this.target);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.once('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
  }

  /** The outage: every open connection is cut and the port refuses new ones. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

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
      connectTimeoutMs: 1_000,
      statementTimeoutMs: 5_000,
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

    await proxy.stop();
    for (const url of ['/v1/stats', '/v1/servers', '/v1/tools?q=file', '/v1/servers/nope', '/v1/changes']) {
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
});
