// Guarantee: API instances on one PostgreSQL share writes at once: a store through one instance (or any other process)
// drops every instance's read cache through LISTEN/NOTIFY, long before the cache's TTL would.
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { createDb, type DbHandle } from '@toolrisk/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);
if (!hasPostgres)
  console.log('SKIP api instances: TEST_DATABASE_URL is not set (LISTEN/NOTIFY needs PostgreSQL)');

describe.skipIf(!hasPostgres)('two API instances on one PostgreSQL', () => {
  let first: ApiWorld;
  let secondHandle: DbHandle;
  let second: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    first = await openApiWorld('postgres');
    secondHandle = await createDb({ databaseUrl: first.db.url ?? '' });
    second = await buildApp({
      config: loadConfig({}),
      db: secondHandle.db,
      ping: secondHandle.ping,
      onCatalogueChange: secondHandle.onCatalogueChange,
    });
  });
  afterAll(async () => {
    await second?.close();
    await secondHandle?.close();
    await first?.close();
  });

  it('a definition stored through one instance is served by the other within a second', async () => {
    const key = await first.createKey(['classify:store']);
    const document = sampleDocument();
    const store = async (body: ReturnType<typeof sampleDocument>) => {
      const stored = await first.app.inject({
        method: 'POST',
        url: '/v1/classify?store=true',
        payload: body,
        headers: { authorization: `Bearer ${key}` },
      });
      expect(stored.statusCode).toBe(200);
      return stored.json<{ stored: { serverId: string } }>().stored.serverId;
    };
    const serverId = await store(document);
    const url = `/v1/servers/${encodeURIComponent(serverId)}/tools/delete_repo`;
    // The second instance caches the tool as it is now.
    await vi.waitFor(async () => expect((await second.inject(url)).statusCode).toBe(200), { timeout: 1000 });
    const before = (await second.inject(url)).json<{ description: string }>();
    expect((await second.inject(url)).json()).toEqual(before);

    const changed = structuredClone(document);
    const tool = changed.tools.find((candidate) => candidate.name === 'delete_repo');
    if (!tool) throw new Error('the sample document lost delete_repo');
    tool.description = 'Delete the repository, seen by every instance';
    await store(changed);
    // Within a second (the cache's TTL is ten): only the notification can have dropped the cached body.
    await vi.waitFor(
      async () =>
        expect((await second.inject(url)).json<{ description: string }>().description).toBe(tool.description),
      { timeout: 1000, interval: 20 },
    );
  });
});
