// Guarantees of the submissions queue: each submitted server is crawled from where it names and ends done or failed; packages wait for --allow-exec.
import { processSubmissions } from '@toolrisk/crawler';
import { crawlRuns, serverSubmissions, tools } from '@toolrisk/db/testing';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDb, type TestDb } from '../harness/db.js';
import { loadRegistrySnapshot, startFakeRegistry } from './fake-registry.js';
import { startStreamableServer } from './mcp-servers.js';

const SNAPSHOT = loadRegistrySnapshot().slice(0, 300);
const noWait = { sleep: async () => {}, retries: 1 };

describe.each(ENGINES)('submissions on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.dispose());

  async function submit(rows: { kind: string; value: string }[]): Promise<number[]> {
    const inserted = await db.db
      .insert(serverSubmissions)
      .values(rows)
      .returning({ id: serverSubmissions.id });
    return inserted.map((row) => row.id);
  }

  it('crawls registry names and URLs, fails what cannot be found, and leaves packages pending', async () => {
    const registry = await startFakeRegistry(SNAPSHOT);
    const remote = await startStreamableServer();
    const known = SNAPSHOT[10]?.server.name ?? '';
    try {
      const ids = await submit([
        { kind: 'registry', value: known },
        { kind: 'registry', value: 'io.example/no-such-server' },
        { kind: 'url', value: `${remote.url}/mcp` },
        { kind: 'package', value: '@modelcontextprotocol/server-memory' },
      ]);
      const outcomes = await processSubmissions(db.db, {
        registry: { baseUrl: registry.url, allowPrivateAddresses: true, retry: noWait },
        introspect: { allowPrivateAddresses: true },
      });
      expect(outcomes.map((outcome) => outcome.status)).toEqual(['done', 'failed', 'done', 'pending']);
      expect(outcomes[1]?.message).toContain('no server named');
      expect(outcomes[3]?.message).toContain('--allow-exec');
      // The registry is asked for that name only, and the incremental resume point is not moved.
      expect(registry.requests.every((query) => query.search !== undefined)).toBe(true);
      const runs = await db.db.select().from(crawlRuns).where(eq(crawlRuns.kind, 'registry'));
      expect(runs.every((run) => run.cursor === null)).toBe(true);
      const rows = await db.db.select().from(serverSubmissions).where(inArray(serverSubmissions.id, ids));
      const byId = new Map(rows.map((row) => [row.id, row]));
      expect(byId.get(ids[0] ?? -1)?.serverId).toBe(outcomes[0]?.serverId);
      expect(byId.get(ids[3] ?? -1)?.status).toBe('pending');
      const remoteTools = await db.db
        .select()
        .from(tools)
        .where(eq(tools.serverId, outcomes[2]?.serverId ?? ''));
      expect(remoteTools.length).toBeGreaterThan(0);
    } finally {
      await remote.close();
      await registry.close();
    }
  });

  it('refuses a submitted URL on a private address unless the operator allows it', async () => {
    const remote = await startStreamableServer();
    try {
      const [id] = await submit([{ kind: 'url', value: `${remote.url}/mcp` }]);
      const outcomes = await processSubmissions(db.db, { registry: {} });
      const outcome = outcomes.find((candidate) => candidate.id === id);
      expect(outcome?.status).toBe('failed');
      expect(outcome?.message).toContain('ADDRESS_NOT_ALLOWED');
      expect(remote.connections()).toBe(0);
    } finally {
      await remote.close();
    }
  });
});
