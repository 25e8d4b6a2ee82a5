// Guarantees of rate limiting: buckets belong to verified keys or client addresses, never to invented bearer values,
// and failed authentications on key-guarded writes are limited per address.
import { randomBytes } from 'node:crypto';
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld } from './world.js';

describe.each(ENGINES)('rate limit keys on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  const appWith = (env: Record<string, string>) =>
    buildApp({ config: loadConfig(env), db: world.db.db, ping: world.db.ping });
  const invented = () => `Bearer trk_${randomBytes(12).toString('base64url')}`;

  it('puts every invented bearer value in the client address bucket; a verified key has its own', async () => {
    const app = await appWith({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const codes: number[] = [];
      for (let index = 0; index < 4; index++) {
        codes.push(
          (await app.inject({ url: '/v1/stats', headers: { authorization: invented() } })).statusCode,
        );
      }
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await app.inject({ url: '/v1/stats', headers: { authorization: invented() } });
      expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(limited.headers['content-type']).toContain('application/problem+json');
      // The same address unauthenticated is in the same bucket.
      expect((await app.inject('/v1/stats')).statusCode).toBe(429);
      const key = await world.createKey();
      const withKey: number[] = [];
      for (let index = 0; index < 4; index++) {
        withKey.push(
          (await app.inject({ url: '/v1/stats', headers: { authorization: `Bearer ${key}` } })).statusCode,
        );
      }
      expect(withKey).toEqual([200, 200, 200, 429]);
      // Another address has its own bucket.
      expect((await app.inject({ url: '/v1/stats', remoteAddress: '192.0.2.7' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('ignores X-Forwarded-For unless TOOLRISK_TRUST_PROXY names the proxy; then each forwarded client has its own bucket', async () => {
    const stats = (app: Awaited<ReturnType<typeof appWith>>, client: string, remoteAddress = '10.0.0.5') =>
      app.inject({ url: '/v1/stats', remoteAddress, headers: { 'x-forwarded-for': client } });
    const direct = await appWith({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '2' });
    try {
      // Off by default: invented forwarded addresses share the peer's bucket.
      const codes = [];
      for (const client of ['203.0.113.1', '203.0.113.2', '203.0.113.3'])
        codes.push((await stats(direct, client)).statusCode);
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await direct.close();
    }
    const proxied = await appWith({
      TOOLRISK_RATE_LIMIT_PER_MINUTE: '2',
      TOOLRISK_TRUST_PROXY: '10.0.0.0/8',
    });
    try {
      const codes = [];
      for (const client of ['203.0.113.1', '203.0.113.1', '203.0.113.1', '203.0.113.2'])
        codes.push((await stats(proxied, client)).statusCode);
      expect(codes).toEqual([200, 200, 429, 200]);
      // A peer outside the trusted range is its own client whatever it forwards.
      const outsider = [];
      for (const client of ['203.0.113.7', '203.0.113.8', '203.0.113.9'])
        outsider.push((await stats(proxied, client, '192.0.2.50')).statusCode);
      expect(outsider).toEqual([200, 200, 429]);
    } finally {
      await proxied.close();
    }
  });

  it('names a malformed TOOLRISK_TRUST_PROXY as CONFIG_INVALID', () => {
    expect(() => loadConfig({ TOOLRISK_TRUST_PROXY: '10.0.0.0/40,proxy.example' })).toThrow(
      /TOOLRISK_TRUST_PROXY="10.0.0.0\/40,proxy.example": expected off, a hop count from 1 to 32, or comma-separated proxy addresses or CIDRs \(not "10.0.0.0\/40", "proxy.example"\)/,
    );
    expect(loadConfig({ TOOLRISK_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TOOLRISK_TRUST_PROXY: 'loopback, ::1' }).trustProxy).toEqual(['loopback', '::1']);
    expect(loadConfig({}).trustProxy).toBe(false);
  });

  it('answers failed authentications on POST /v1/servers with 401 until the limit, then 429 with Retry-After', async () => {
    const app = await appWith({ TOOLRISK_AUTH_FAILURES_PER_MINUTE: '3' });
    const submit = (authorization: string, remoteAddress = '198.51.100.9') =>
      app.inject({
        method: 'POST',
        url: '/v1/servers',
        remoteAddress,
        headers: { authorization },
        payload: { kind: 'url', value: 'https://mcp.example.com/mcp' },
      });
    try {
      const codes: number[] = [];
      for (let index = 0; index < 3; index++) codes.push((await submit(invented())).statusCode);
      expect(codes).toEqual([401, 401, 401]);
      const blocked = await submit(invented());
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['content-type']).toContain('application/problem+json');
      expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED' });
      expect(blocked.json<{ detail: string }>().detail).toMatch(
        /^too many failed authentications from this client; retry in \d+ seconds$/,
      );
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      // While blocked, the address's keys are not even tried: a valid one waits too.
      const key = await world.createKey(['servers:submit']);
      expect((await submit(`Bearer ${key}`)).statusCode).toBe(429);
      // Another address is unaffected.
      expect((await submit(`Bearer ${key}`, '203.0.113.5')).statusCode).toBe(202);
      expect((await submit(invented(), '203.0.113.5')).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});
