// Guarantee: POST /v1/classify?store=true writes only servers the key owns (new, granted to it, stored by it, or
// submitted by it); over a catalogue server or another key's it is 403 SERVER_NOT_OWNED and nothing stored, on both
// engines; the check and the write are one transaction, so racing writers never slip between them.
import type { ToolDefinition } from '@toolrisk/classifier';
import { classifyTools } from '@toolrisk/crawler/testing';
import { finishSubmission, getServerProvenance, grantServer, storeServerSnapshot } from '@toolrisk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToolrisk } from '../harness/cli.js';
import { ENGINES, freshId } from '../harness/db.js';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

describe.each(ENGINES)('who may store what on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  const store = (document: object, key: string) =>
    world.app.inject({
      method: 'POST',
      url: '/v1/classify?store=true',
      payload: document,
      headers: { authorization: `Bearer ${key}` },
    });

  const toolNames = async (serverId: string) =>
    (await world.app.inject(`/v1/servers/${encodeURIComponent(serverId)}/tools`))
      .json<{ tools: { name: string }[] }>()
      .tools.map((tool) => tool.name);

  it('lets a key store a new server and store it again, but not another key', async () => {
    const owner = await world.createKey(['classify:store']);
    const other = await world.createKey(['classify:store']);
    const document = sampleDocument();
    const first = await store(document, owner);
    expect(first.statusCode).toBe(200);
    const { serverId } = first.json<{ stored: { serverId: string } }>().stored;
    const again = await store({ ...document, tools: document.tools.slice(0, 2) }, owner);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ stored: { toolsRemoved: number } }>().stored.toolsRemoved).toBe(1);

    const refused = await store({ ...document, tools: [{ name: 'wipe_disk', description: 'x' }] }, other);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      code: 'SERVER_NOT_OWNED',
      serverId,
      detail: expect.stringContaining('another key stored or submitted it; nothing stored'),
    });
    await world.checkAgainstOpenApi('POST', '/v1/classify', refused);
    expect(await toolNames(serverId)).toEqual(['delete_repo', 'read_file']);
  });

  it('refuses to store over a seeded catalogue server', async () => {
    const key = await world.createKey(['classify:store']);
    const listed = await world.app.inject('/v1/servers?limit=1');
    const [seeded] = listed.json<{ servers: { id: string; toolCount: number }[] }>().servers;
    expect(seeded).toBeDefined();
    if (!seeded) return;
    const before = await toolNames(seeded.id);
    const refused = await store(
      { server: { id: seeded.id }, tools: [{ name: 'evil', description: 'x' }] },
      key,
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'SERVER_NOT_OWNED',
      detail: expect.stringContaining('it is a catalogue server'),
    });
    expect(await toolNames(seeded.id)).toEqual(before);
    expect(before.length).toBe(seeded.toolCount);
  });

  it.each([
    ['registry', 'io.github.example/crawled'],
    ['list', 'https://github.com/example/listed'],
  ] as const)(
    'refuses to store over a server crawled from the %s, and keeps its tools',
    async (kind, ref) => {
      const serverId = freshId(`crawled-${kind}`);
      const crawled: ToolDefinition[] = [{ name: 'crawled_tool', description: 'Reads a record.' }];
      await storeServerSnapshot(
        world.db.db,
        { id: serverId, source: { kind, ref }, tools: crawled.map((tool) => ({ tool, raw: { ...tool } })) },
        classifyTools(crawled, {}),
      );
      const key = await world.createKey(['classify:store']);
      const refused = await store(
        { server: { id: serverId }, tools: [{ name: 'evil', description: 'x' }] },
        key,
      );
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json()).toMatchObject({
        code: 'SERVER_NOT_OWNED',
        serverId,
        detail: expect.stringContaining('it is a catalogue server'),
      });
      expect(await toolNames(serverId)).toEqual(['crawled_tool']);
    },
  );

  it('lets a key store a server it submitted', async () => {
    const submitter = await world.createKey(['classify:store', 'servers:submit']);
    const document = sampleDocument();
    const stranger = await world.createKey(['classify:store']);
    // The stranger stores it first (new), so the id exists with the stranger as its only writer.
    const first = await store(document, stranger);
    expect(first.statusCode).toBe(200);
    const { serverId } = first.json<{ stored: { serverId: string } }>().stored;
    expect((await store(document, submitter)).statusCode).toBe(403);
    const submitted = await world.app.inject({
      method: 'POST',
      url: '/v1/servers',
      payload: { kind: 'url', value: 'https://mcp.example.com/mcp' },
      headers: { authorization: `Bearer ${submitter}` },
    });
    expect(submitted.statusCode).toBe(202);
    const { id } = submitted.json<{ id: number }>();
    await finishSubmission(world.db.db, id, { status: 'done', serverId, message: 'crawled' }, new Date());
    const allowed = await store(document, submitter);
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json<{ stored: { serverId: string } }>().stored.serverId).toBe(serverId);
  });

  const sourcesOf = async (serverId: string) => {
    const { sources } = await getServerProvenance(world.db.db, serverId);
    return sources.map((source) => `${source.source}:${source.sourceId}`);
  };

  it('of 12 keys storing one new server at once, exactly one stores it and nothing of the others is kept', async () => {
    const serverId = freshId('race');
    const keys = await Promise.all(Array.from({ length: 12 }, () => world.createKey(['classify:store'])));
    const responses = await Promise.all(
      keys.map((key, index) =>
        store({ server: { id: serverId }, tools: [{ name: `tool_of_key_${index}`, description: 'x' }] }, key),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 403)).toHaveLength(11);
    for (const response of responses.filter((r) => r.statusCode === 403)) {
      expect(response.json()).toMatchObject({ code: 'SERVER_NOT_OWNED', serverId });
    }
    const winner = statuses.indexOf(200);
    expect(await toolNames(serverId)).toEqual([`tool_of_key_${winner}`]);
    expect((await sourcesOf(serverId)).filter((source) => source.startsWith('api:'))).toHaveLength(1);
  });

  it('a key racing an import of the same new server never writes over the imported server', async () => {
    const imported: ToolDefinition[] = [{ name: 'imported_tool', description: 'Reads a record.' }];
    const verdicts = classifyTools(imported, {});
    for (let trial = 0; trial < 8; trial++) {
      const serverId = freshId('race-import');
      const key = await world.createKey(['classify:store']);
      const [response] = await Promise.all([
        store({ server: { id: serverId }, tools: [{ name: 'key_tool', description: 'x' }] }, key),
        storeServerSnapshot(
          world.db.db,
          {
            id: serverId,
            source: { kind: 'import', ref: 'race.json' },
            tools: imported.map((tool) => ({ tool, raw: { ...tool } })),
          },
          verdicts,
        ),
      ]);
      // Either the key stored first and the import then replaced its tools, or the import came first and the key
      // was refused; never the key's tools over an imported server.
      expect([200, 403]).toContain(response.statusCode);
      expect(await toolNames(serverId)).toEqual(['imported_tool']);
      const apiSources = (await sourcesOf(serverId)).filter((source) => source.startsWith('api:'));
      expect(apiSources).toHaveLength(response.statusCode === 200 ? 1 : 0);
    }
  });

  it("a server id granted to a key is that key's alone, new or not, and a catalogue server is never granted", async () => {
    const granted = await world.createKey(['classify:store']);
    const other = await world.createKey(['classify:store']);
    const serverId = freshId('granted');
    const grant = await grantServer(world.db.db, granted.slice(0, 12), serverId);
    expect(grant).toMatchObject({ isGranted: true, isNew: true });
    expect(await grantServer(world.db.db, granted.slice(0, 12), serverId)).toMatchObject({ isNew: false });
    const document = { server: { id: serverId }, tools: [{ name: 'vendor_tool', description: 'x' }] };
    const refused = await store(document, other);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'SERVER_NOT_OWNED',
      detail: expect.stringContaining('the operator granted it to another key'),
    });
    expect((await store(document, granted)).statusCode).toBe(200);
    expect(await toolNames(serverId)).toEqual(['vendor_tool']);

    const listed = await world.app.inject('/v1/servers?limit=1');
    const [seeded] = listed.json<{ servers: { id: string }[] }>().servers;
    if (!seeded) throw new Error('the seeded catalogue lists no server');
    expect(await grantServer(world.db.db, granted.slice(0, 12), seeded.id)).toEqual({
      isGranted: false,
      reason: 'catalogue',
    });
    expect(await grantServer(world.db.db, 'trk_nonexist', freshId('x'))).toEqual({
      isGranted: false,
      reason: 'no-key',
    });
  });

  it('keys grant lets that key store the server id, keys ungrant withdraws it, and each refusal has its code', async () => {
    if (!world.db.url) return; // the CLI opens its own connection: only PostgreSQL is shared between processes' handles
    const env = { DATABASE_URL: world.db.url };
    const key = await world.createKey(['classify:store']);
    const other = await world.createKey(['classify:store']);
    const serverId = freshId('cli-granted');
    const granted = await runToolrisk(['keys', 'grant', key.slice(0, 12), serverId], env);
    expect(granted).toMatchObject({ code: 0, stderr: '' });
    expect(granted.stdout).toMatch(new RegExp(`^granted server "${serverId}" to key \\d+ "test-`));
    const listed = await runToolrisk(['keys', 'list'], env);
    expect(listed.stdout).toContain(`\tgrants ${serverId}\n`);
    const document = { server: { id: serverId }, tools: [{ name: 'vendor_tool', description: 'x' }] };
    expect((await store(document, other)).statusCode).toBe(403);
    expect((await store(document, key)).statusCode).toBe(200);

    const seeded = (await world.app.inject('/v1/servers?limit=1')).json<{ servers: { id: string }[] }>()
      .servers[0];
    if (!seeded) throw new Error('the seeded catalogue lists no server');
    const catalogue = await runToolrisk(['keys', 'grant', key.slice(0, 12), seeded.id], env);
    expect(catalogue.code).toBe(1);
    expect(catalogue.stderr).toMatch(
      new RegExp(`^toolrisk keys: SERVER_NOT_GRANTABLE: server "${seeded.id}" is a catalogue server`),
    );
    const unknown = await runToolrisk(['keys', 'grant', 'trk_nonexist', serverId], env);
    expect(unknown).toMatchObject({
      code: 1,
      stderr: 'toolrisk keys: KEY_NOT_FOUND: no active key "trk_nonexist" (keys list shows them)\n',
    });

    expect((await runToolrisk(['keys', 'ungrant', key.slice(0, 12), serverId], env)).code).toBe(0);
    const again = await runToolrisk(['keys', 'ungrant', key.slice(0, 12), serverId], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^toolrisk keys: GRANT_NOT_FOUND: /);
    // Ungranted, the server is again the key's because it stored it; the other key is still refused.
    expect((await store(document, key)).statusCode).toBe(200);
    expect((await store(document, other)).statusCode).toBe(403);
    const usage = await runToolrisk(['keys', 'grant', key.slice(0, 12)], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/keys grant takes a key ID or PREFIX and one or more server ids/);
  });
});
