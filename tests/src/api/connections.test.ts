// Guarantees at the socket level, over real loopback connections: slow or half-sent requests are cut off with 408,
// unreadable ones get problem+json, one client cannot hold more connections than its cap, and the server keeps serving.
import { connect, type Socket } from 'node:net';
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, openApiWorld } from './world.js';

/** What a raw connection received before the server closed it. */
function receivedUntilClose(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', reject);
    socket.once('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

/** Opens a loopback connection, writes `data` (and nothing more), and answers what came back before the close. */
async function exchange(port: number, data: string | Buffer): Promise<string> {
  const socket = connect({ port, host: '127.0.0.1' });
  const received = receivedUntilClose(socket);
  socket.write(data);
  return received;
}

/** The status and problem document of a raw HTTP/1.1 response. */
function parseResponse(raw: string): { status: number; headers: string; body: Record<string, unknown> } {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  return {
    status,
    headers: head.toLowerCase(),
    body: body ? (JSON.parse(body) as Record<string, unknown>) : {},
  };
}

/** Sends one keep-alive request on an open socket and resolves when its whole response has arrived. */
function requestOn(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? -1);
      if (length >= 0 && Buffer.byteLength(body) >= length) {
        socket.off('data', onData);
        resolve(text);
      }
    };
    socket.on('data', onData);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

async function openSocket(port: number): Promise<Socket> {
  const socket = connect({ port, host: '127.0.0.1' });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

describe('HTTP server timeouts and connection caps on loopback', () => {
  let world: ApiWorld;
  let port = 0;
  beforeAll(async () => {
    world = await openApiWorld('pglite', {
      TOOLRISK_HEADERS_TIMEOUT_MS: '300',
      TOOLRISK_REQUEST_TIMEOUT_MS: '600',
    });
    await world.app.listen({ port: 0, host: '127.0.0.1' });
    const address = world.app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => world?.close());

  it('cuts off a half-sent body with 408 REQUEST_TIMEOUT as problem+json, then serves the next request', async () => {
    const head = [
      'POST /v1/classify HTTP/1.1',
      'Host: 127.0.0.1',
      'Content-Type: application/json',
      'Content-Length: 100000',
      '',
      '',
    ].join('\r\n');
    const response = parseResponse(await exchange(port, `${head}{"tools":[`));
    expect(response.status).toBe(408);
    expect(response.headers).toContain('content-type: application/problem+json');
    expect(response.body).toMatchObject({
      status: 408,
      code: 'REQUEST_TIMEOUT',
      detail: 'the request did not arrive within the request timeout',
    });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('cuts off headers that never finish with 408', async () => {
    const response = parseResponse(
      await exchange(port, 'GET /v1/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: '),
    );
    expect(response.status).toBe(408);
    expect(response.body).toMatchObject({ code: 'REQUEST_TIMEOUT' });
    expect((await fetch(`http://127.0.0.1:${port}/v1/stats`)).status).toBe(200);
  });

  it("answers Node's own 400 and 431 as problem+json with documented codes", async () => {
    const garbage = parseResponse(await exchange(port, 'NOT HTTP AT ALL\r\n\r\n'));
    expect(garbage.status).toBe(400);
    expect(garbage.headers).toContain('content-type: application/problem+json');
    expect(garbage.body).toMatchObject({ code: 'BAD_REQUEST', detail: 'the request is not valid HTTP' });
    const huge = parseResponse(
      await exchange(
        port,
        `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      ),
    );
    expect(huge.status).toBe(431);
    expect(huge.body).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
  });

  it('refuses a client past its connection cap with 429 TOO_MANY_CONNECTIONS and serves it again once one closes', async () => {
    // An app of its own, so no connection of the other cases counts against the cap.
    const app = await buildApp({
      config: loadConfig({
        TOOLRISK_MAX_CONNECTIONS_PER_CLIENT: '4',
        TOOLRISK_KEEP_ALIVE_TIMEOUT_MS: '60000',
      }),
      db: world.db.db,
      ping: world.db.ping,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // Each held connection has answered a request, so the server has counted it before the next one opens.
    const held: Socket[] = [];
    for (let index = 0; index < 4; index++) {
      const socket = await openSocket(port);
      expect(parseResponse(await requestOn(socket, '/healthz')).status).toBe(200);
      held.push(socket);
    }
    const refused = parseResponse(await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({
      code: 'TOO_MANY_CONNECTIONS',
      detail: 'this client already holds 4 open connections, the most allowed',
    });
    const first = held.shift();
    const closed = new Promise((resolve) => first?.once('close', resolve));
    first?.destroy();
    await closed;
    // The server learns of the close asynchronously: retry on fresh connections until it has (bounded, no sleeps).
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      status = parseResponse(
        await exchange(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'),
      ).status;
    }
    expect(status).toBe(200);
    for (const socket of held) socket.destroy();
    await app.close();
  });
});
