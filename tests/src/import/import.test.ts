// Guarantees of importing tools/list documents: idempotent, history-keeping, and all-or-nothing per server.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importToolsFiles, seedIfEmpty } from '@toolrisk/crawler';
import { classifyServerTools, importCatalogue } from '@toolrisk/crawler/testing';
import { getServerProvenance } from '@toolrisk/db';
import { classifications, crawlErrors, servers, tools, toolVersions } from '@toolrisk/db/testing';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshId, openTestDb, rowsOf, type TestDb } from '../harness/db.js';

async function writeDoc(name: string, content: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'toolrisk-import-'));
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const tool = (name: string, description = `Get the ${name}.`) => ({
  name,
  description,
  inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
});

describe.each(ENGINES)('import on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db?.dispose());

  it('seeds the whole shipped catalogue into an empty database once, one row per server, every tool classified', async () => {
    const first = await seedIfEmpty(db.db);
    expect(first?.sources).toEqual([
      { source: 'documents', servers: 37, tools: 698, refused: 0 },
      { source: 'docker', servers: 28, tools: 755, refused: 0 },
      // 91 of the 527 LiveMCPBench tools and 182 of Smithery's belong to servers an earlier source listed.
      { source: 'livemcpbench', servers: 70, tools: 436, refused: 0 },
      { source: 'smithery', servers: 870, tools: 5859, refused: 3 },
      { source: 'registry', servers: 1108, tools: 0, refused: 0 },
    ]);
    expect(first?.counts).toMatchObject({ serversNew: 2039, toolsNew: 7748, errors: 3 });
    // The three refusals are Smithery captures listing a tool name twice: each second one is named.
    expect(first?.refusals.map((refusal) => refusal.code)).toEqual([
      'TOOL_INVALID',
      'TOOL_INVALID',
      'TOOL_INVALID',
    ]);
    expect(first?.refusals[0]?.message).toMatch(
      /^toucan-smithery-tools\.jsonl\.gz:26: \$\.tools\[9\]\.name: TOOL_NAME_DUPLICATE/,
    );
    const classified = await db.db.select({ id: classifications.id }).from(classifications);
    expect(classified).toHaveLength(7748);
    const rows = rowsOf(
      await db.db.execute(sql`select count(*)::int as servers,
        count(*) filter (where tools_listed_at is null and tool_count = 0)::int as not_introspected,
        count(distinct registry_name)::int as registry_names from servers`),
    );
    expect(rows[0]).toEqual({ servers: 2039, not_introspected: 1065, registry_names: 1108 });
    // A server seen by several sources is one row that keeps each place it was seen.
    const context7 = await getServerProvenance(db.db, 'upstash-context7-mcp');
    expect(context7.sources.map((source) => `${source.source}:${source.sourceId}`).sort()).toEqual([
      'livemcpbench:Context7 MCP - Up-to-date Code Docs For Any Prompt',
      'registry:io.github.upstash/context7',
      'seed:upstash-context7-mcp.json',
    ]);
    expect(context7.packages.map((entry) => entry.installCommand)).toEqual([
      expect.stringMatching(/^npx -y @upstash\/context7-mcp(@[\w.-]+)?$/),
    ]);
    expect(await seedIfEmpty(db.db)).toBeNull();
    // Importing it again finds every server it stored: nothing new, nothing changed, no twins.
    const again = await importCatalogue(db.db);
    expect(again.counts).toMatchObject({
      serversNew: 0,
      serversChanged: 0,
      toolsNew: 0,
      toolsChanged: 0,
      toolsRemoved: 0,
    });
    expect(rowsOf(await db.db.execute(sql`select count(*)::int as n from servers`))[0]).toEqual({ n: 2039 });
    // Two imports of the whole catalogue: about 15 s on PGlite at load 2, past vitest's 60 s at load 20–30.
  }, 180_000);

  it('refuses a file over the limits table with each code and path, imports the others, keeps what was stored', async () => {
    const id = freshId('limits');
    const good = await writeDoc(`${id}-good.json`, { server: { id: `${id}-good` }, tools: [tool('get_a')] });
    const oversized = await writeDoc(`${id}-big.json`, {
      server: { id: `${id}-big`, title: 'T'.repeat(501) },
      tools: [
        { name: 'n'.repeat(1024 * 1024) },
        { name: 'get_\u0000nul' },
        tool('get_c', 'd'.repeat(400_000)),
      ],
    });
    const deep = `${'{"items":'.repeat(200_000)}{"type":"string"}${'}'.repeat(200_000)}`;
    const deepFile = await writeDoc(
      `${id}-deep.json`,
      `{"server":{"id":"${id}-deep"},"tools":[{"name":"get_deep","inputSchema":${deep}}]}`,
    );
    const many = await writeDoc(`${id}-many.json`, {
      server: { id: `${id}-many` },
      tools: Array.from({ length: 2001 }, (_, index) => ({ name: `tool_${index}` })),
    });
    const report = await importToolsFiles(db.db, [good, oversized, deepFile, many]);
    expect(report.counts).toMatchObject({ serversSeen: 1, serversNew: 1, errors: 3 });
    const [, big, deepReport, manyReport] = report.files;
    expect(big?.failure?.code).toBe('DOCUMENT_INVALID');
    expect(big?.failure?.message).toContain('nothing imported, 4 error(s)');
    expect(big?.failure?.message).toContain(
      '$.server.title: TITLE_TOO_LONG: 501 characters, more than the 500 allowed',
    );
    expect(big?.failure?.message).toContain(
      '$.tools[0].name: NAME_TOO_LONG: 1048576 characters, more than the 256 allowed',
    );
    expect(big?.failure?.message).toContain('$.tools[1].name: TEXT_INVALID: holds NUL or a lone surrogate');
    expect(big?.failure?.message).toContain(
      '$.tools[2].description: DESCRIPTION_TOO_LONG: 400000 characters, more than the 65536 allowed',
    );
    expect(deepReport?.failure?.message).toContain(
      '$.tools[0].inputSchema: SCHEMA_TOO_DEEP: nested more than the 40 levels allowed',
    );
    expect(manyReport?.failure?.message).toContain(
      '$.tools: TOO_MANY_TOOLS: 2001 tools, more than the 2000 allowed',
    );
    const stored = await db.db.select({ id: servers.id }).from(servers);
    const ids = new Set(stored.map((row) => row.id));
    expect(ids.has(`${id}-good`)).toBe(true);
    for (const refused of ['big', 'deep', 'many']) expect(ids.has(`${id}-${refused}`)).toBe(false);
  });

  it('re-importing the same document changes nothing', async () => {
    const id = freshId('same');
    const file = await writeDoc(`${id}.json`, {
      server: { id, name: id },
      tools: [tool('get_a'), tool('get_b')],
    });
    const first = await importToolsFiles(db.db, [file]);
    const second = await importToolsFiles(db.db, [file]);
    expect(first.counts).toMatchObject({ serversNew: 1, toolsNew: 2 });
    expect(second.counts).toMatchObject({ serversNew: 0, serversChanged: 0, toolsNew: 0, toolsChanged: 0 });
    expect(second.files[0]?.outcome?.toolsUnchanged).toBe(2);
  });

  it('keeps every definition of a changed tool and marks vanished tools removed', async () => {
    const id = freshId('changing');
    const v1 = await writeDoc(`${id}.json`, { server: { id }, tools: [tool('get_a'), tool('get_b')] });
    const v2 = await writeDoc(`${id}.json`, {
      server: { id },
      tools: [tool('get_a', 'Delete the record a.')],
    });
    await importToolsFiles(db.db, [v1]);
    const report = await importToolsFiles(db.db, [v2]);
    expect(report.counts).toMatchObject({ serversChanged: 1, toolsChanged: 1, toolsRemoved: 1 });
    const rows = await db.db.select().from(tools).where(eq(tools.serverId, id));
    const a = rows.find((row) => row.name === 'get_a');
    const b = rows.find((row) => row.name === 'get_b');
    expect(a?.description).toBe('Delete the record a.');
    expect(b?.removedAt).toBeInstanceOf(Date);
    const history = await db.db
      .select()
      .from(toolVersions)
      .where(eq(toolVersions.toolId, a?.id ?? -1));
    expect(history.map((row) => row.definition.description).sort()).toEqual([
      'Delete the record a.',
      'Get the get_a.',
    ]);
    const [server] = await db.db.select().from(servers).where(eq(servers.id, id));
    expect(server?.toolCount).toBe(1);
  });

  it("keeps a server's highest risk from its stored verdicts when it is classified again", async () => {
    const id = freshId('verdicts');
    const file = await writeDoc(`${id}.json`, { server: { id }, tools: [tool('get_a')] });
    await importToolsFiles(db.db, [file]);
    const [row] = await db.db.select().from(tools).where(eq(tools.serverId, id));
    // As a second opinion would: the stored verdict for this definition is raised.
    await db.db
      .update(classifications)
      .set({ risk: 'High' })
      .where(eq(classifications.toolId, row?.id ?? -1));
    await classifyServerTools(db.db, id);
    const [server] = await db.db.select().from(servers).where(eq(servers.id, id));
    expect(server?.highestRisk).toBe('High');
  });

  it('refuses malformed JSON, naming the file and the line, and imports the other files', async () => {
    const good = await writeDoc(`${freshId('good')}.json`, { tools: [tool('get_x')] });
    const bad = await writeDoc('broken.json', '{"tools": [\n  {"name": "a",]\n}');
    const report = await importToolsFiles(db.db, [bad, good]);
    expect(report.counts.serversNew).toBe(1);
    expect(report.counts.errors).toBe(1);
    const failure = report.files[0]?.failure;
    expect(failure?.code).toBe('JSON_MALFORMED');
    expect(failure?.message).toContain('broken.json');
    expect(failure?.message).toMatch(/line 2/);
    const errors = await db.db.select().from(crawlErrors).where(eq(crawlErrors.runId, report.runId));
    expect(errors.map((row) => row.code)).toEqual(['JSON_MALFORMED']);
  });

  it.each([
    [
      'a tool without a name',
      [tool('get_a'), { description: 'nameless' }],
      '$.tools[1].name',
      'TOOL_NAME_MISSING',
    ],
    ['duplicate tool names', [tool('get_a'), tool('get_a')], '$.tools[1].name', 'TOOL_NAME_DUPLICATE'],
    [
      'a 5 MB description',
      [tool('get_a'), tool('get_b', 'x'.repeat(5 * 1024 * 1024))],
      '$.tools[1].description',
      'DESCRIPTION_TOO_LONG',
    ],
  ])('refuses a document with %s and stores nothing of it', async (_case, docTools, path, code) => {
    const id = freshId('refused');
    const file = await writeDoc(`${id}.json`, { server: { id }, tools: docTools });
    const report = await importToolsFiles(db.db, [file]);
    const result = report.files[0];
    expect(result?.failure?.code).toBe('DOCUMENT_INVALID');
    expect(result?.failure?.message).toContain(`${id}.json`);
    expect(result?.failure?.message).toContain(path);
    expect(result?.issues.map((issue) => issue.code)).toContain(code);
    expect(await db.db.select().from(servers).where(eq(servers.id, id))).toEqual([]);
    expect(await db.db.select().from(tools).where(eq(tools.serverId, id))).toEqual([]);
  });

  it('rolls back a server whose transaction fails part-way', async () => {
    const id = freshId('rollback');
    // A NUL inside a schema is valid JSON but PostgreSQL refuses it in jsonb: the second tool fails after the first is
    // written (a NUL in a name or description is refused before, as TEXT_INVALID).
    const file = await writeDoc(`${id}.json`, {
      server: { id },
      tools: [
        tool('get_a'),
        {
          name: 'get_b',
          inputSchema: { type: 'object', properties: { q: { description: 'bad \u0000 text' } } },
        },
      ],
    });
    const report = await importToolsFiles(db.db, [file]);
    expect(report.files[0]?.failure?.code).toBe('STORE_FAILED');
    expect(report.counts.errors).toBe(1);
    expect(await db.db.select().from(servers).where(eq(servers.id, id))).toEqual([]);
  });
});
