// Guarantee: a capture with duplicates, missing names, non-UTF-8 bytes, NULs and 10 MB fields is stored without
// twins and without crashing, and each refused entry or tool is named with its code.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importCatalogue } from '@toolrisk/crawler/testing';
import { crawlErrors, serverSources, servers, tools } from '@toolrisk/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestDb, type TestDb } from '../harness/db.js';

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

const tool = (name: unknown, extra: Record<string, unknown> = {}) => ({
  name,
  description: 'Reads one record by id.',
  inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
  ...extra,
});

const line = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');

/** A Smithery-style JSONL capture where every line but the first two is hostile in its own way. */
function hostileSmithery(): Buffer {
  return Buffer.concat([
    line({ qualifiedName: 'good', name: 'Good', tools: [tool('get_a'), tool('get_b')] }),
    line({ qualifiedName: '@acme/repeat', name: 'Repeat', tools: [tool('get_a'), tool('get_a'), tool('')] }),
    // 3: the same server again: refused, the first is kept.
    line({ qualifiedName: '@acme/repeat', name: 'Repeat again', tools: [tool('get_z')] }),
    // 4: no name at all.
    line({ name: 'Nameless', tools: [tool('get_a')] }),
    // 5: a byte that is not UTF-8 in the middle of the line.
    Buffer.concat([
      Buffer.from('{"qualifiedName":"latin1","name":"caf'),
      Buffer.from([0xe9]),
      Buffer.from('"}\n'),
    ]),
    // 6: a NUL inside a tool description (PostgreSQL cannot store it).
    line({ qualifiedName: 'nul', name: 'Nul', tools: [tool('get_a', { description: 'a\u0000b' })] }),
    // 7: a 10 MB server description; 8: a 10 MB tool description and a 10 MB schema beside a good tool.
    line({ qualifiedName: 'huge-server', name: 'Huge', overview: TEN_MB, tools: [tool('get_a')] }),
    line({
      qualifiedName: 'huge-tools',
      name: 'Huge tools',
      tools: [
        tool('get_ok'),
        tool('get_long', { description: TEN_MB }),
        tool('get_wide', { inputSchema: { type: 'object', description: TEN_MB } }),
      ],
    }),
    Buffer.from('not json\n'),
  ]);
}

describe.each(ENGINES)('a hostile capture on %s', (engine) => {
  let db: TestDb;
  let report: Awaited<ReturnType<typeof importCatalogue>>;
  let file: string;
  beforeAll(async () => {
    db = await openTestDb(engine);
    const dir = await mkdtemp(join(tmpdir(), 'toolrisk-hostile-'));
    file = join(dir, 'smithery.jsonl.gz');
    await writeFile(file, gzipSync(hostileSmithery()));
    report = await importCatalogue(db.db, { smithery: file }, { kind: 'import' });
  });
  afterAll(async () => db?.dispose());

  it('names every refused entry and tool with its code and place', () => {
    const refused = report.refusals.map((refusal) => `${refusal.code} ${refusal.message}`);
    expect(refused.sort()).toEqual([
      'ENTRY_DUPLICATE smithery.jsonl.gz:3: @acme/repeat is already listed at smithery.jsonl.gz:2; the first is kept',
      'ENTRY_INVALID smithery.jsonl.gz:4: no qualifiedName; entry refused',
      'FIELD_TOO_LARGE smithery.jsonl.gz:7: description is 10485760 characters, over the 65536 limit; entry refused',
      expect.stringMatching(/^JSON_MALFORMED smithery\.jsonl\.gz:9: malformed JSON.*; entry refused$/),
      'TEXT_INVALID smithery.jsonl.gz:6: tools[0].description holds a NUL or a lone surrogate; entry refused',
      'TEXT_NOT_UTF8 smithery.jsonl.gz:5: the line is not valid UTF-8; entry refused',
      'TOOL_INVALID smithery.jsonl.gz:2: $.tools[1].name: TOOL_NAME_DUPLICATE: tool name "get_a" already used at $.tools[0]; tool refused',
      'TOOL_INVALID smithery.jsonl.gz:2: $.tools[2].name: TOOL_NAME_MISSING: expected a non-empty string, got a string; tool refused',
      'TOOL_INVALID smithery.jsonl.gz:8: $.tools[1].description: DESCRIPTION_TOO_LONG: 10485760 characters, more than the 65536 allowed; tool refused',
      'TOOL_INVALID smithery.jsonl.gz:8: $.tools[2].inputSchema: SCHEMA_TOO_LARGE: 10485794 bytes, more than the 262144 allowed; tool refused',
    ]);
    const codes = report.refusals
      .filter((refusal) => refusal.code === 'TOOL_INVALID')
      .map((r) => r.detail?.issue);
    expect(codes.sort()).toEqual([
      'DESCRIPTION_TOO_LONG',
      'SCHEMA_TOO_LARGE',
      'TOOL_NAME_DUPLICATE',
      'TOOL_NAME_MISSING',
    ]);
  });

  it('stores what is good, once, and records each refusal in crawl_errors', async () => {
    const rows = await db.db.select({ id: servers.id, toolCount: servers.toolCount }).from(servers);
    expect(rows.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: 'acme-repeat', toolCount: 1 },
      { id: 'good', toolCount: 2 },
      { id: 'huge-tools', toolCount: 1 },
    ]);
    const repeated = await db.db
      .select({ name: tools.name })
      .from(tools)
      .where(eq(tools.serverId, 'acme-repeat'));
    expect(repeated).toEqual([{ name: 'get_a' }]);
    const sources = await db.db.select().from(serverSources).where(eq(serverSources.serverId, 'acme-repeat'));
    expect(sources.map((source) => source.sourceId)).toEqual(['@acme/repeat']);
    const errors = await db.db.select().from(crawlErrors).where(eq(crawlErrors.runId, report.runId));
    expect(errors).toHaveLength(report.refusals.length);
    expect(report.counts.errors).toBe(10);
  });

  it('a second import of the same capture adds no twin and changes nothing', async () => {
    const again = await importCatalogue(db.db, { smithery: file }, { kind: 'import' });
    expect(again.counts).toMatchObject({ serversNew: 0, serversChanged: 0, toolsNew: 0, toolsChanged: 0 });
    expect(await db.db.select({ id: servers.id }).from(servers)).toHaveLength(3);
  });
});
