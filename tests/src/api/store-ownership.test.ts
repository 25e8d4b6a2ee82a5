// Guarantee: POST /v1/classify?store=true writes only servers the key owns (new, stored by it, or submitted by it);
// over a catalogue server or another key's it is 403 SERVER_NOT_OWNED and nothing stored, on both engines.
import { finishSubmission } from '@toolrisk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
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
});
