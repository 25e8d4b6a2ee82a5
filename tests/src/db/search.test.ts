// Guarantees of the catalogue's one search path and its browsing lists, on PGlite and PostgreSQL: camelCase, snake
// and kebab names split into words; exact name, then prefix, then words; servers found by name, title and package,
// with the namespace every registry name carries not counted as a name; cursors that visit every match once; totals
// that count the whole match; a public sitemap without servers only a user stored.
import { classifyTool, serverContextOf, type ToolDefinition } from '@toolrisk/classifier';
import {
  countListedServers,
  countTools,
  listServers,
  recentlyChangedServers,
  type ServerSnapshot,
  searchTools,
  serverToolCounts,
  serverToolsPage,
  sitemapChunkStarts,
  sitemapCounts,
  sitemapServers,
  storeServerSnapshot,
} from '@toolrisk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDb, type TestDb } from '../harness/db.js';

type Snapshot = Omit<ServerSnapshot, 'tools' | 'source'> & {
  tools: ToolDefinition[] | null;
  source?: ServerSnapshot['source'];
};

async function store(db: TestDb, snapshot: Snapshot, now: Date): Promise<void> {
  const definitions = snapshot.tools ?? [];
  const context = serverContextOf({ name: snapshot.registryName ?? snapshot.id }, definitions);
  const verdicts = new Map(definitions.map((tool) => [tool.name, classifyTool(tool, context)]));
  await storeServerSnapshot(
    db.db,
    {
      ...snapshot,
      source: snapshot.source ?? { kind: 'registry', ref: 'test' },
      tools: snapshot.tools?.map((tool) => ({ tool, raw: { ...tool } })) ?? null,
    },
    verdicts,
    { now },
  );
}

const SERVERS: Snapshot[] = [
  {
    id: 'io-github-acme-notes',
    registryName: 'io.github.acme/notes',
    title: 'Acme Notes',
    description: 'Notes that sync to GitHub gists.',
    tools: [
      { name: 'deleteItem', description: 'Deletes a note for good.' },
      { name: 'delete_items_bulk', description: 'Deletes many notes.' },
      { name: 'list-items', description: 'Lists notes.' },
      { name: 'get_item', description: 'Gets one note; never delete anything.' },
    ],
  },
  {
    id: 'io-github-octo-github',
    registryName: 'io.github.octo/github',
    title: 'GitHub',
    description: 'The GitHub API.',
    tools: [{ name: 'create_issue', description: 'Creates an issue in a repository.' }],
  },
  {
    id: 'io-github-someone-github-mcp-server',
    registryName: 'io.github.someone/github-mcp-server',
    description: 'Another way to reach the forge.',
    tools: [{ name: 'get_repo', description: 'Reads a repository.' }],
  },
  {
    id: 'io-github-pkg-forge',
    registryName: 'io.github.pkg/forge',
    title: 'Forge tools',
    packages: [{ registryType: 'npm', identifier: '@forge/server-github', version: '1.0.0' }],
    tools: null,
  },
  {
    id: 'user-stored-thing',
    title: 'Stored by a user',
    source: { kind: 'api', ref: 'key:1' },
    tools: [{ name: 'ping', description: 'Pings.' }],
  },
];

describe.each(ENGINES)('the catalogue search on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
    for (const [index, server] of SERVERS.entries()) {
      await store(db, server, new Date(Date.UTC(2025, 0, 1) + index * 60_000));
    }
  });
  afterAll(async () => db?.dispose());

  const names = async (q: string) =>
    (await searchTools(db.db, { q, limit: 50 })).tools.map((row) => row.tool.name);

  it('splits camelCase, snake and kebab names into words', async () => {
    expect(await names('delete item')).toContain('deleteItem');
    expect(await names('deleteItem')).toContain('deleteItem');
    expect(await names('delete')).toEqual(expect.arrayContaining(['deleteItem', 'delete_items_bulk']));
    expect(await names('list items')).toEqual(['list-items']);
    expect(await names('ITEMS')).toEqual(expect.arrayContaining(['delete_items_bulk', 'list-items']));
  });

  it('ranks the exact name first, then name prefixes, then words in the name, then the description', async () => {
    expect(await names('delete item')).toEqual(['deleteItem', 'delete_items_bulk', 'get_item']);
    expect((await names('delete')).at(-1)).toBe('get_item');
  });

  it('matches nothing for a text with no words, rather than everything', async () => {
    expect(await names('<>!!')).toEqual([]);
    expect(await countTools(db.db, { q: '<>!!' })).toBe(0);
  });

  it('pages a ranked search with cursors: every match once, the total counts them all', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchTools(db.db, { q: 'item', limit: 1, cursor });
      seen.push(...page.tools.map((row) => row.tool.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(await names('item'));
    expect(new Set(seen).size).toBe(4);
    expect(await countTools(db.db, { q: 'item' })).toBe(4);
  });

  it('finds servers by name, title and package, the servers called GitHub first', async () => {
    const page = await listServers(db.db, { q: 'github', limit: 10 });
    const ids = page.servers.map((server) => server.id);
    // Exact (title GitHub, name github), then prefix (github-mcp-server), then a package word, then the description.
    expect(ids).toEqual([
      'io-github-octo-github',
      'io-github-someone-github-mcp-server',
      'io-github-pkg-forge',
      'io-github-acme-notes',
    ]);
    expect(await countListedServers(db.db, { q: 'github' })).toBe(4);
  });

  it('lists the riskiest servers first and pages them with a total', async () => {
    const first = await listServers(db.db, { limit: 2, sort: 'risk' });
    const second = await listServers(db.db, { limit: 10, sort: 'risk', cursor: first.nextCursor });
    const all = [...first.servers, ...second.servers];
    expect(all).toHaveLength(SERVERS.length);
    const ranks = all.map((server) =>
      ['Low', 'Medium', 'High', 'Critical'].indexOf(server.highestRisk ?? ''),
    );
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(await countListedServers(db.db, {})).toBe(SERVERS.length);
  });

  it('lists servers by their latest tool change, newest first, each once across pages', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await recentlyChangedServers(db.db, { limit: 2, cursor });
      seen.push(...page.servers.map((row) => row.server.id));
      cursor = page.nextCursor;
    } while (cursor);
    const withTools = SERVERS.filter((server) => server.tools !== null).map((server) => server.id);
    expect(seen).toEqual([...withTools].reverse());
  });

  it("pages a server's tools in category and risk order, with counts of all of them", async () => {
    const first = await serverToolsPage(db.db, 'io-github-acme-notes', { limit: 3 });
    const rest = await serverToolsPage(db.db, 'io-github-acme-notes', { limit: 3, cursor: first.nextCursor });
    expect(first.tools).toHaveLength(3);
    expect(rest.nextCursor).toBeUndefined();
    expect([...first.tools, ...rest.tools].map((tool) => tool.name).sort()).toEqual(
      ['deleteItem', 'delete_items_bulk', 'get_item', 'list-items'].sort(),
    );
    const counts = await serverToolCounts(db.db, 'io-github-acme-notes');
    expect(Object.values(counts.byCategory).reduce((a, b) => a + b, 0)).toBe(4);
    expect(counts.canDestroy).toBeGreaterThanOrEqual(2);
  });

  it('keeps a server only a user stored out of the public sitemap', async () => {
    const ids = (await sitemapServers(db.db, { limit: 100 })).map((row) => row.id);
    expect(ids).not.toContain('user-stored-thing');
    expect(ids).toHaveLength(SERVERS.length - 1);
    expect(await sitemapCounts(db.db)).toEqual({ servers: SERVERS.length - 1, tools: 6 });
    const starts = await sitemapChunkStarts(db.db, 2);
    expect(starts.servers).toHaveLength(2);
    expect(starts.tools).toHaveLength(3);
  });
});
