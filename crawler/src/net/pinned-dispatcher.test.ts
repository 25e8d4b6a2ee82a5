import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressRefusal, pinnedDispatcher } from './pinned-dispatcher.js';

describe('pinnedDispatcher', () => {
  let connections = 0;
  const server = createServer((_request, response) => response.end('reached'));
  server.on('connection', () => connections++);
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    port = typeof address === 'object' && address !== null ? address.port : 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('refuses, inside the connection, a name that resolves to a private address: nothing is dialled', async () => {
    // Whatever an earlier check saw, the address the connection would use is the one judged here.
    const dispatcher = pinnedDispatcher(async () => ['127.0.0.1']);
    const failure = await fetch(`http://rebound.example.test:${port}/`, { dispatcher }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(addressRefusal(failure)).toContain(
      'rebound.example.test resolves to non-public address 127.0.0.1',
    );
    expect(connections).toBe(0);
  });

  it('refuses a name with any private address among public ones', async () => {
    const dispatcher = pinnedDispatcher(async () => ['93.184.216.34', '10.0.0.7']);
    const failure = await fetch(`http://mixed.example.test:${port}/`, { dispatcher }).catch(
      (error: unknown) => error,
    );
    expect(addressRefusal(failure)).toContain('10.0.0.7');
    expect(connections).toBe(0);
  });

  it('tells an address refusal from other failures', () => {
    expect(addressRefusal(new Error('fetch failed', { cause: new Error('ECONNRESET') }))).toBeNull();
  });
});
