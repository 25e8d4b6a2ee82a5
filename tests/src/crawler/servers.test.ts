// Guarantees of crawling explicit servers: failures become crawl_errors rows, bad tools are refused alone, history is kept.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crawlServers } from '@toolrisk/crawler/testing';
import { crawlErrors, servers, tools, toolVersions } from '@toolrisk/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshId, openTestDb, type TestDb } from '../harness/db.js';
import { fixtureServer, referenceServer } from './mcp-servers.js';

async function serversFile(content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'toolrisk-servers-'));
  const file = join(dir, 'servers.json');
  await writeFile(file, JSON.stringify(content));
  return file;
}

const stdio = (id: string, script: string, env: Record<string, string> = {}) => ({
  id,
  command: process.execPath,
  args: [script],
  env,
});

describe.each(ENGINES)('crawling explicit servers on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.dispose());

  async function errorsOf(runId: number) {
    return db.db.select().from(crawlErrors).where(eq(crawlErrors.runId, runId));
  }

  it('stores real and hostile servers side by side; each failure is a coded row and the crawl goes on', async () => {
    const id = freshId('x');
    const file = await serversFile({
      servers: [
        stdio(`${id}-memory`, referenceServer('server-memory')),
        stdio(`${id}-huge`, fixtureServer('huge-description')),
        stdio(`${id}-crash`, fixtureServer('crash-mid-list')),
        stdio(`${id}-many`, fixtureServer('many-tools')),
        { id: `${id}-private`, url: 'http://10.0.0.1/mcp' },
        { id: `${id}-broken` },
      ],
    });
    const report = await crawlServers(db.db, file, { introspect: { allowExec: true }, concurrency: 3 });
    expect(report.counts).toMatchObject({ serversSeen: 2, serversNew: 2, errors: 5 });
    const codes = (await errorsOf(report.runId)).map((row) => [row.target, row.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [file, 'DOCUMENT_INVALID'],
        [`${id}-huge`, 'DOCUMENT_INVALID'],
        [`${id}-crash`, 'SERVER_CRASHED'],
        [`${id}-many`, 'LIMIT_EXCEEDED'],
        [`${id}-private`, 'ADDRESS_NOT_ALLOWED'],
      ]),
    );
    const huge = (await errorsOf(report.runId)).find((row) => row.target === `${id}-huge`);
    expect(huge?.message).toMatch(/get_huge.*DESCRIPTION_TOO_LONG/);
    const hugeTools = await db.db
      .select()
      .from(tools)
      .where(eq(tools.serverId, `${id}-huge`));
    expect(hugeTools.map((row) => row.name).sort()).toEqual(['get_a', 'get_b']);
    const [memory] = await db.db
      .select()
      .from(servers)
      .where(eq(servers.id, `${id}-memory`));
    expect(memory?.toolCount).toBe(9);
    expect(memory?.introspection).toMatchObject({ serverInfo: { name: 'memory-server' } });
    expect(
      await db.db
        .select()
        .from(servers)
        .where(eq(servers.id, `${id}-many`)),
    ).toEqual([]);
  });

  it('refuses each listed tool over the limits table with its own code and stores the rest', async () => {
    const id = freshId('limits');
    const file = await serversFile({ servers: [stdio(id, fixtureServer('oversized-fields'))] });
    const report = await crawlServers(db.db, file, { introspect: { allowExec: true } });
    expect(report.servers[0]?.toolsRefused).toBe(4);
    const rows = (await errorsOf(report.runId)).filter((error) => error.target === id);
    expect(new Set(rows.map((row) => row.code))).toEqual(new Set(['DOCUMENT_INVALID']));
    const messages = rows.map((row) => row.message).join('\n');
    for (const code of ['NAME_TOO_LONG', 'TEXT_INVALID', 'TITLE_TOO_LONG', 'SCHEMA_TOO_DEEP']) {
      expect(messages).toContain(code);
    }
    expect(messages).toMatch(/tool get_titled refused: TITLE_TOO_LONG/);
    expect(messages).toMatch(/tool get_deep refused: SCHEMA_TOO_DEEP/);
    const stored = await db.db.select().from(tools).where(eq(tools.serverId, id));
    expect(stored.map((tool) => tool.name).sort()).toEqual(['get_a', 'get_b']);
  });

  it('refuses each initialize field over the limits table with its code, and stores the server without them', async () => {
    const id = freshId('init');
    const file = await serversFile({ servers: [stdio(id, fixtureServer('oversized-initialize'))] });
    const report = await crawlServers(db.db, file, { introspect: { allowExec: true } });
    const rows = (await errorsOf(report.runId)).filter((error) => error.target === id);
    expect(new Set(rows.map((row) => row.code))).toEqual(new Set(['DOCUMENT_INVALID']));
    expect(rows.map((row) => row.message).sort()).toEqual(
      [
        `${id}: initialize field $.initialize.serverInfo.name refused: ID_TOO_LONG`,
        `${id}: initialize field $.initialize.serverInfo.version refused: TEXT_INVALID`,
        `${id}: initialize field $.initialize.serverInfo.title refused: TITLE_TOO_LONG`,
        `${id}: initialize field $.initialize.instructions refused: DESCRIPTION_TOO_LONG`,
        `${id}: initialize field $.initialize.capabilities refused: SCHEMA_TOO_DEEP`,
      ].sort(),
    );
    const name = rows.find((row) => row.message.includes('serverInfo.name'));
    expect(name?.detail).toMatchObject({
      issues: [{ code: 'ID_TOO_LONG', message: `${1024 * 1024} characters, more than the 200 allowed` }],
    });
    const [server] = await db.db.select().from(servers).where(eq(servers.id, id));
    expect(server?.introspection).toMatchObject({
      serverInfo: { websiteUrl: 'https://mcp.example.com/oversized' },
      instructions: null,
      capabilities: null,
    });
    // Exactly: nothing refused is kept.
    expect(server?.introspection).toHaveProperty('serverInfo', {
      websiteUrl: 'https://mcp.example.com/oversized',
    });
    expect(server?.version).toBeNull();
    const stored = await db.db.select().from(tools).where(eq(tools.serverId, id));
    expect(stored.map((tool) => tool.name)).toEqual(['get_a']);
  });

  it('never runs a command from the file unless exec is allowed', async () => {
    const id = freshId('noexec');
    const file = await serversFile({ servers: [stdio(id, referenceServer('server-memory'))] });
    const report = await crawlServers(db.db, file);
    expect((await errorsOf(report.runId)).map((row) => row.code)).toEqual(['EXEC_NOT_ALLOWED']);
    expect(await db.db.select().from(servers).where(eq(servers.id, id))).toEqual([]);
  });

  it('a server that changes its tools between crawls keeps the history and counts the change', async () => {
    const id = freshId('changing');
    const v1 = await serversFile({ servers: [stdio(id, fixtureServer('changing'), { TOOLSET: 'v1' })] });
    const v2 = await serversFile({ servers: [stdio(id, fixtureServer('changing'), { TOOLSET: 'v2' })] });
    const first = await crawlServers(db.db, v1, { introspect: { allowExec: true } });
    expect(first.counts).toMatchObject({ serversNew: 1, toolsNew: 3, errors: 0 });
    const second = await crawlServers(db.db, v2, { introspect: { allowExec: true } });
    expect(second.counts).toMatchObject({ serversChanged: 1, toolsNew: 1, toolsChanged: 1, toolsRemoved: 1 });
    const [a] = await db.db
      .select()
      .from(tools)
      .where(and(eq(tools.serverId, id), eq(tools.name, 'get_a')));
    const history = await db.db
      .select()
      .from(toolVersions)
      .where(eq(toolVersions.toolId, a?.id ?? -1));
    expect(history.map((row) => [row.definition.description, row.crawlRunId])).toEqual(
      expect.arrayContaining([
        ['Get the get_a.', first.runId],
        ['Delete the record a.', second.runId],
      ]),
    );
    const [b] = await db.db
      .select()
      .from(tools)
      .where(and(eq(tools.serverId, id), eq(tools.name, 'get_b')));
    expect(b?.removedAt).toBeInstanceOf(Date);
    const third = await crawlServers(db.db, v2, { introspect: { allowExec: true } });
    expect(third.counts).toMatchObject({ serversChanged: 0, toolsNew: 0, toolsChanged: 0, toolsRemoved: 0 });
  });
});
