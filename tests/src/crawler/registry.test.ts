// Guarantees of the registry crawl: every page despite 503s, incremental by updated_since, every version kept, latest wins.
import { crawlRegistry } from '@toolrisk/crawler';
import { crawlErrors, crawlRuns, servers, serverVersions } from '@toolrisk/db/testing';
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshId, openTestDb, type TestDb } from '../harness/db.js';
import { loadRegistrySnapshot, type RegistryItem, startFakeRegistry } from './fake-registry.js';

const SNAPSHOT = loadRegistrySnapshot();
const noWait = { sleep: async () => {}, retries: 5 };
const meta = (item: RegistryItem) => item._meta['io.modelcontextprotocol.registry/official'];
const clone = (items: RegistryItem[]): RegistryItem[] => structuredClone(items);
const crawl = (db: TestDb, url: string, extra: Parameters<typeof crawlRegistry>[1] = {}) =>
  crawlRegistry(db.db, { baseUrl: url, allowPrivateAddresses: true, retry: noWait, ...extra });

describe.each(ENGINES)('registry crawl on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.dispose());

  it('fetches every page of the whole snapshot despite 503s and keeps every version', async () => {
    const registry = await startFakeRegistry(SNAPSHOT, { failEvery: 4 });
    try {
      const report = await crawl(db, registry.url, { pageSize: 100 });
      expect(registry.unavailable).toBeGreaterThan(0);
      expect(report).toMatchObject({ status: 'finished', pages: 28, records: 2794 });
      expect(report.counts).toMatchObject({ serversSeen: 1108, serversNew: 1108, errors: 0 });
      const rows = await db.db.select().from(servers);
      expect(rows.filter((row) => row.registryName !== null)).toHaveLength(1108);
      expect(await db.db.select({ id: serverVersions.id }).from(serverVersions)).toHaveLength(2794);
      // The server row shows its latest version, wherever in the list that version came.
      const latest = new Map(
        SNAPSHOT.filter((item) => meta(item).isLatest).map((item) => [item.server.name, item.server.version]),
      );
      const mismatched = rows.filter(
        (row) => row.registryName && row.version !== latest.get(row.registryName),
      );
      expect(mismatched).toEqual([]);
      const [run] = await db.db.select().from(crawlRuns).where(eq(crawlRuns.id, report.runId));
      expect(run?.cursor).toBe(
        SNAPSHOT.map((item) => meta(item).updatedAt)
          .sort()
          .at(-1),
      );
    } finally {
      await registry.close();
    }
  });

  it('an incremental run asks only for what changed; a new version wins and a deleted one is marked', async () => {
    const items = clone(SNAPSHOT.slice(0, 60));
    const registry = await startFakeRegistry(items, { legacyCursor: true });
    try {
      const first = await crawl(db, registry.url, { pageSize: 7, full: true });
      expect(first.records).toBe(60);
      const [bumped, deleted] = items.filter((item) => meta(item).isLatest);
      if (!bumped || !deleted) throw new Error('fixture has too few servers');
      const later = '2030-01-01T00:00:00Z';
      Object.assign(meta(bumped), { isLatest: false, updatedAt: later });
      Object.assign(meta(deleted), { status: 'deleted', updatedAt: later });
      items.push({
        server: { ...bumped.server, version: '99.0.0', description: 'The newest one.' },
        _meta: {
          'io.modelcontextprotocol.registry/official': {
            status: 'active',
            publishedAt: later,
            updatedAt: later,
            isLatest: true,
          },
        },
      });
      registry.requests.length = 0;
      const second = await crawl(db, registry.url, { pageSize: 7 });
      expect(registry.requests[0]?.updated_since).toBe(first.cursor);
      expect(second).toMatchObject({
        status: 'finished',
        records: 3,
        updatedSince: first.cursor,
        cursor: later,
      });
      expect(second.counts).toMatchObject({ serversSeen: 2, serversNew: 0, serversChanged: 2 });
      const [server] = await db.db.select().from(servers).where(eq(servers.registryName, bumped.server.name));
      expect(server).toMatchObject({ version: '99.0.0', description: 'The newest one.' });
      const versions = await db.db
        .select()
        .from(serverVersions)
        .where(eq(serverVersions.serverId, server?.id ?? ''));
      expect(versions.filter((row) => row.isLatest).map((row) => row.version)).toEqual(['99.0.0']);
      expect(versions.length).toBeGreaterThanOrEqual(2);
      const [gone] = await db.db.select().from(servers).where(eq(servers.registryName, deleted.server.name));
      expect(gone?.status).toBe('deleted');
      const third = await crawl(db, registry.url, { pageSize: 7 });
      expect(third).toMatchObject({ records: 0, cursor: later });
    } finally {
      await registry.close();
    }
  });

  it('an older version listed after the latest never overwrites it', async () => {
    const latest = clone(SNAPSHOT.slice(0, 1))[0];
    if (!latest) throw new Error('empty snapshot');
    latest.server.name = 'io.example.order/late-old';
    const older: RegistryItem = structuredClone(latest);
    older.server.version = '0.0.1';
    older.server.description = 'old';
    Object.assign(meta(older), { isLatest: false });
    Object.assign(meta(latest), { isLatest: true });
    const registry = await startFakeRegistry([latest, older]);
    try {
      await crawl(db, registry.url, { pageSize: 1, full: true });
      const [server] = await db.db
        .select()
        .from(servers)
        .where(eq(servers.registryName, 'io.example.order/late-old'));
      expect(server?.version).toBe(latest.server.version);
      expect(server?.description).toBe(latest.server.description);
    } finally {
      await registry.close();
    }
  });

  it('two names with the same slug stay two servers', async () => {
    const [template] = clone(SNAPSHOT.slice(0, 1));
    if (!template) throw new Error('empty snapshot');
    const named = (name: string): RegistryItem => {
      const item = structuredClone(template);
      item.server.name = name;
      Object.assign(meta(item), { isLatest: true });
      return item;
    };
    const registry = await startFakeRegistry([named('io.example/slug-twin'), named('io.example.slug/twin')]);
    try {
      const report = await crawl(db, registry.url, { full: true });
      expect(report.counts.serversNew).toBe(2);
      const rows = await db.db
        .select()
        .from(servers)
        .where(eq(servers.description, String(template.server.description)));
      const twins = rows.filter((row) => row.registryName?.includes('twin'));
      expect(twins.map((row) => row.registryName).sort()).toEqual([
        'io.example.slug/twin',
        'io.example/slug-twin',
      ]);
      expect(new Set(twins.map((row) => row.id)).size).toBe(2);
    } finally {
      await registry.close();
    }
  });

  it('a registry that stays unavailable fails the run without moving the resume point', async () => {
    const registry = await startFakeRegistry(SNAPSHOT.slice(0, 5), { failAlways: true });
    try {
      const report = await crawl(db, registry.url, {
        full: true,
        retry: { sleep: async () => {}, retries: 2 },
      });
      expect(registry.requests).toHaveLength(3);
      expect(report).toMatchObject({ status: 'failed', cursor: null });
      const errors = await db.db.select().from(crawlErrors).where(eq(crawlErrors.runId, report.runId));
      expect(errors.map((row) => row.code)).toEqual(['REGISTRY_UNAVAILABLE']);
    } finally {
      await registry.close();
    }
  });

  it('a registry URL on a private address is refused without a connection', async () => {
    const registry = await startFakeRegistry(SNAPSHOT.slice(0, 5));
    try {
      const report = await crawlRegistry(db.db, { baseUrl: registry.url, retry: noWait });
      expect(registry.requests).toHaveLength(0);
      const errors = await db.db.select().from(crawlErrors).where(eq(crawlErrors.runId, report.runId));
      expect(errors.map((row) => row.code)).toEqual(['ADDRESS_NOT_ALLOWED']);
      const viaDns = await crawlRegistry(db.db, {
        baseUrl: 'https://registry.example.test',
        lookup: async () => ['192.168.1.20'],
      });
      expect(viaDns.status).toBe('failed');
    } finally {
      await registry.close();
    }
  });

  it('refuses a record whose fields break the limits table, one coded error naming each field, and stores the rest', async () => {
    const prefix = `io.example.caps/${freshId('cap')}`;
    const latest = SNAPSHOT.filter((item) => meta(item).isLatest).slice(0, 8);
    const items = clone(latest).map((item, index) => {
      item.server.name = `${prefix}-${index}`;
      return item;
    });
    const [long, named, packaged, website, nul, huge, deep] = items.map((item) => item.server);
    if (!long || !named || !packaged || !website || !nul || !huge || !deep)
      throw new Error('too few records');
    long.description = 'd'.repeat(70_000);
    named.name = `${prefix}-${'n'.repeat(300)}`;
    packaged.packages = [{ registryType: 'npm', identifier: 'p'.repeat(300), version: '1.0.0' }];
    website.websiteUrl = `https://example.com/${'w'.repeat(600)}`;
    nul.title = 'bad\u0000title';
    huge.remotes = Array.from({ length: 3000 }, (_, index) => ({
      type: 'streamable-http',
      url: `https://mcp.example.com/${'r'.repeat(100)}/${index}`,
    }));
    let nested: Record<string, unknown> = { end: true };
    for (let level = 0; level < 100; level++) nested = { nested };
    deep.repository = { url: 'https://github.com/example/deep', source: 'github', extra: nested };
    const registry = await startFakeRegistry(items);
    try {
      const report = await crawl(db, registry.url, { full: true, search: prefix });
      expect(report.counts.errors).toBe(7);
      const errors = await db.db.select().from(crawlErrors).where(eq(crawlErrors.runId, report.runId));
      expect(new Set(errors.map((row) => row.code))).toEqual(new Set(['DOCUMENT_INVALID']));
      const messages = errors.map((row) => row.message);
      expect(messages).toHaveLength(7);
      expect(messages).toEqual(
        expect.arrayContaining([
          `${prefix}-0: refused: $.description DESCRIPTION_TOO_LONG (70000 characters, more than the 65536 allowed)`,
          `${prefix}-${'n'.repeat(300)}`.slice(0, 200) +
            `: refused: $.name ID_TOO_LONG (${prefix.length + 301} characters, more than the 200 allowed)`,
          `${prefix}-2: refused: $.packages[0].identifier ID_TOO_LONG (300 characters, more than the 200 allowed)`,
          `${prefix}-3: refused: $.websiteUrl TITLE_TOO_LONG (620 characters, more than the 500 allowed)`,
          `${prefix}-4: refused: $.title TEXT_INVALID (holds NUL or a lone surrogate)`,
          expect.stringMatching(
            new RegExp(
              `^${prefix}-5: refused: \\$ SCHEMA_TOO_LARGE \\(\\d+ bytes, more than the 262144 allowed\\)$`,
            ),
          ),
          `${prefix}-6: refused: $ SCHEMA_TOO_DEEP (nested more than the 40 levels allowed)`,
        ]),
      );
      const stored = await db.db
        .select({ name: servers.registryName })
        .from(servers)
        .where(like(servers.registryName, `${prefix}%`));
      expect(stored.map((row) => row.name)).toEqual([`${prefix}-7`]);
    } finally {
      await registry.close();
    }
  });
});
