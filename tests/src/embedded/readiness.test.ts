// Guarantee: the embedded engine's readiness is honest. /readyz answers 503 UNAVAILABLE (problem+json, Retry-After)
// while the PGlite it reads is closed (and so does every read route, never a 500), or while the process that owns a
// shared data directory is frozen, and 200 again once that owner answers or is gone (another process then takes the
// directory over); /healthz stays 200 throughout.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { createDb } from '@toolrisk/db';
import { describe, expect, it, vi } from 'vitest';
import { serveCatalogue } from '../harness/process.js';

type App = Awaited<ReturnType<typeof buildApp>>;

async function expectUnready(app: App, label: string): Promise<void> {
  const response = await app.inject('/readyz');
  expect(response.statusCode, label).toBe(503);
  expect(String(response.headers['content-type']), label).toContain('application/problem+json');
  expect(response.headers['retry-after'], label).toBe('5');
  expect(response.json(), label).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
  expect((await app.inject('/healthz')).statusCode, label).toBe(200);
}

describe('readiness on the embedded database', () => {
  it('is 503 once the in-memory PGlite is closed', async () => {
    const handle = await createDb({ dataDir: 'memory://' });
    await handle.migrate();
    const app = await buildApp({ config: loadConfig({}), db: handle.db, ping: handle.ping });
    try {
      expect((await app.inject('/readyz')).json()).toEqual({ status: 'ready' });
      await handle.close();
      await expectUnready(app, 'closed');
    } finally {
      await app.close();
    }
  });

  it('answers probes asked while one is in flight from that one ping, and pings afresh for the next', async () => {
    const handle = await createDb({ dataDir: 'memory://' });
    let pings = 0;
    let release: (() => void) | undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const ping = async () => {
      pings++;
      if (pings === 1) await gate;
      return handle.ping();
    };
    const app = await buildApp({ config: loadConfig({}), db: handle.db, ping });
    let waiting = 0;
    app.addHook('preHandler', async (request) => {
      if (request.url === '/readyz') waiting++;
    });
    try {
      const answers = Array.from({ length: 20 }, () => app.inject('/readyz'));
      // Every probe is at the handler, the first one's ping still unanswered.
      await vi.waitFor(() => expect(waiting).toBe(20), { timeout: 5_000, interval: 10 });
      release?.();
      for (const response of await Promise.all(answers)) {
        expect(response.statusCode).toBe(200);
        expect(response.json()).toEqual({ status: 'ready' });
      }
      expect(pings).toBe(1);
      expect((await app.inject('/readyz')).statusCode).toBe(200);
      expect(pings).toBe(2);
    } finally {
      await app.close();
      await handle.close();
    }
  });

  it('answers every read 503 UNAVAILABLE (problem+json, Retry-After) once the in-memory PGlite is closed, never 500', async () => {
    const handle = await createDb({ dataDir: 'memory://' });
    await handle.migrate();
    const app = await buildApp({ config: loadConfig({}), db: handle.db, ping: handle.ping });
    const reads = [
      '/v1/servers',
      '/v1/servers?q=github',
      '/v1/servers/some-server',
      '/v1/servers/some-server/tools',
      '/v1/servers/some-server/policy',
      '/v1/servers/some-server/tools/some_tool',
      '/v1/tools?q=delete',
      '/v1/stats',
      '/v1/changes',
      '/v1/crawl-runs',
      '/v1/crawl-runs/1',
      '/v1/crawl-runs/1/errors',
    ];
    try {
      // Asked of nothing cached: each read goes to the closed database.
      expect((await app.inject('/readyz')).statusCode).toBe(200);
      await handle.close();
      for (const url of reads) {
        const response = await app.inject(url);
        expect(response.statusCode, url).toBe(503);
        expect(String(response.headers['content-type']), url).toContain('application/problem+json');
        expect(response.headers['retry-after'], url).toBe('5');
        expect(response.json(), url).toMatchObject({
          status: 503,
          code: 'UNAVAILABLE',
          detail: 'the database is not answering; retry later',
          retryAfter: 5,
        });
      }
    } finally {
      await app.close();
    }
  });

  it('is 503 while the owner of a shared directory is frozen, and 200 when it answers again or is gone', async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'toolrisk-ready-')), 'pglite');
    // Another process owns the directory; this one reads it through the owner, as a second `toolrisk serve` would.
    const owner = await serveCatalogue({ TOOLRISK_DATA_DIR: dataDir });
    const handle = await createDb({ dataDir });
    const app = await buildApp({ config: loadConfig({}), db: handle.db, ping: handle.ping });
    try {
      expect((await app.inject('/readyz')).statusCode).toBe(200);
      process.kill(owner.pid, 'SIGSTOP');
      try {
        // The frozen owner accepts the connection and never answers: the probe's 2 s bound says not ready.
        await expectUnready(app, 'owner frozen');
      } finally {
        process.kill(owner.pid, 'SIGCONT');
      }
      await vi.waitFor(async () => expect((await app.inject('/readyz')).statusCode).toBe(200), {
        timeout: 10_000,
        interval: 100,
      });
      // The owner dies: this process takes the directory over, and is ready on its own.
      await owner.kill();
      await vi.waitFor(async () => expect((await app.inject('/readyz')).statusCode).toBe(200), {
        timeout: 20_000,
        interval: 100,
      });
      expect((await app.inject('/v1/stats')).statusCode).toBe(200);
    } finally {
      await app.close();
      await handle.close();
      await owner.kill();
    }
  });
});
