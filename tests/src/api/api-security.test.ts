// Guarantees against hostile clients: keys, scopes, rate limits, hostile bodies, and no secrets in logs.
import { Writable } from 'node:stream';
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

describe.each(ENGINES)('API security on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  const submit = (headers: Record<string, string> = {}) =>
    world.app.inject({
      method: 'POST',
      url: '/v1/servers',
      payload: { kind: 'url', value: 'https://mcp.example.com/sse' },
      headers,
    });

  it('requires a valid, unrevoked key with the right scope for writes', async () => {
    const none = await submit();
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect((await submit({ authorization: 'Bearer trk_forged' })).statusCode).toBe(401);
    expect((await submit({ authorization: 'Basic dXNlcjpwYXNz' })).statusCode).toBe(401);
    const storeOnly = await world.createKey(['classify:store']);
    const forbidden = await submit({ authorization: `Bearer ${storeOnly}` });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'FORBIDDEN' });
    const store = await world.app.inject({
      method: 'POST',
      url: '/v1/classify?store=true',
      payload: sampleDocument(),
    });
    expect(store.statusCode).toBe(401);
  });

  it('refuses invalid UTF-8 and deeply nested bodies before classifying them', async () => {
    const invalid = Buffer.concat([
      Buffer.from('{"tools":[{"name":"'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}]}'),
    ]);
    const bad = await world.app.inject({
      method: 'POST',
      url: '/v1/classify',
      headers: { 'content-type': 'application/json' },
      payload: invalid,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'BODY_NOT_UTF8' });
    const deep = `{"tools":[{"name":"x","inputSchema":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}]}`;
    const nested = await world.app.inject({
      method: 'POST',
      url: '/v1/classify',
      headers: { 'content-type': 'application/json' },
      payload: deep,
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json()).toMatchObject({ code: 'BODY_TOO_DEEP' });
  });

  it('refuses a 50 MB body with 413 without buffering it all', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/v1/classify',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.alloc(50 * 1024 * 1024, 0x20),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
  });

  it('ignores prototype-poisoning keys in bodies', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/v1/classify',
      headers: { 'content-type': 'application/json' },
      payload: '{"tools":[{"name":"read_file"}],"__proto__":{"polluted":true}}',
    });
    expect(response.statusCode).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rate-limits per client and, separately, per key with 429 problem+json', async () => {
    const app = await buildApp({
      config: loadConfig({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '3' }),
      db: world.db.db,
      ping: world.db.ping,
    });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await app.inject('/v1/stats')).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
      const limited = await app.inject('/v1/stats');
      expect(limited.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(limited.headers['retry-after']).toBeDefined();
      const key = await world.createKey();
      expect(
        (await app.inject({ url: '/v1/stats', headers: { authorization: `Bearer ${key}` } })).statusCode,
      ).toBe(200);
      expect((await app.inject('/healthz')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('logs structured JSON with request ids, never the authorization header or bodies', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp(
      { config: loadConfig({}), db: world.db.db, ping: world.db.ping },
      { logger: { level: 'info', stream, redact: ['req.headers.authorization'] } },
    );
    try {
      const key = await world.createKey();
      const secretArgument = 'do-not-log-this-description';
      await app.inject({
        method: 'POST',
        url: '/v1/classify',
        headers: { authorization: `Bearer ${key}`, 'x-request-id': 'req-123' },
        payload: { tools: [{ name: 'x', description: secretArgument }] },
      });
      const text = lines.join('');
      expect(text).toContain('"reqId":"req-123"');
      expect(text).not.toContain(key);
      expect(text).not.toContain(secretArgument);
      for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      await app.close();
    }
  });
});
