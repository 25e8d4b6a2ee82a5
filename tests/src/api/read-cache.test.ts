// Guarantees of the read cache in front of one tool's JSON and policy: a write through the app is seen at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

interface ToolBody {
  definitionHash: string;
  description: string;
  history: { definitionHash: string; seenAt: string }[];
}

describe.each(ENGINES)('the read cache on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  async function store(document: ReturnType<typeof sampleDocument>, key: string): Promise<string> {
    const stored = await world.app.inject({
      method: 'POST',
      url: '/v1/classify?store=true',
      payload: document,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(stored.statusCode).toBe(200);
    return stored.json<{ stored: { serverId: string } }>().stored.serverId;
  }

  it('shows a definition stored through the API on the next read of the tool and its policy', async () => {
    const key = await world.createKey(['classify:store']);
    const document = sampleDocument();
    const serverId = await store(document, key);
    const url = `/v1/servers/${encodeURIComponent(serverId)}/tools/delete_repo`;
    const first = await world.app.inject(url);
    const firstPolicy = await world.app.inject(`${url}/policy?pin=true`);
    expect(first.statusCode).toBe(200);
    expect((await world.app.inject(url)).body).toBe(first.body);

    const changed = structuredClone(document);
    const tool = changed.tools.find((candidate) => candidate.name === 'delete_repo');
    if (!tool) throw new Error('the sample document lost delete_repo');
    tool.description = 'Delete a GitHub repository permanently, with all its issues';
    await store(changed, key);

    const second = await world.app.inject(url);
    const before = first.json<ToolBody>();
    const after = second.json<ToolBody>();
    expect(after.description).toBe(tool.description);
    expect(after.definitionHash).not.toBe(before.definitionHash);
    expect(after.history.map((version) => version.definitionHash)).toEqual([
      after.definitionHash,
      before.definitionHash,
    ]);
    expect(second.headers.etag).not.toBe(first.headers.etag);
    const secondPolicy = await world.app.inject(`${url}/policy?pin=true`);
    expect(secondPolicy.body).toContain(after.definitionHash);
    expect(secondPolicy.body).not.toBe(firstPolicy.body);
  });

  it('caches rendered tool pages the same way: the stored change shows, the ETag answers 304, the CSP stays', async () => {
    const key = await world.createKey(['classify:store']);
    const document = sampleDocument();
    const serverId = await store(document, key);
    const page = `/servers/${encodeURIComponent(serverId)}/tools/delete_repo`;
    const first = await world.app.inject(page);
    expect(first.statusCode).toBe(200);
    const notModified = await world.app.inject({
      url: page,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(notModified.statusCode).toBe(304);
    const changed = structuredClone(document);
    const tool = changed.tools.find((candidate) => candidate.name === 'delete_repo');
    if (!tool) throw new Error('the sample document lost delete_repo');
    tool.description = 'Removes the repository called out in the page cache test';
    await store(changed, key);
    const second = await world.app.inject(page);
    expect(second.body).toContain('Removes the repository called out in the page cache test');
    expect(second.headers['content-security-policy']).toContain("default-src 'none'");
    expect(second.headers['content-type']).toContain('text/html');
  });

  it('answers 304 to the cached ETag, and a cached body equal to a fresh app’s', async () => {
    const url = '/v1/servers/modelcontextprotocol-server-filesystem/tools/write_file';
    const first = await world.app.inject(url);
    const etag = String(first.headers.etag);
    const again = await world.app.inject({ url, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/tools/{name}', first);
    const policy = await world.app.inject(`${url}/policy?format=yaml`);
    expect(policy.headers['content-type']).toBe('application/yaml; charset=utf-8');
    expect(policy.headers['content-disposition']).toContain('.yaml');
    const policyAgain = await world.app.inject({
      url: `${url}/policy?format=yaml`,
      headers: { 'if-none-match': String(policy.headers.etag) },
    });
    expect(policyAgain.statusCode).toBe(304);
  });

  it('still answers 404 for a missing tool after the tool was asked for, and does not cache the miss', async () => {
    const missing = await world.app.inject('/v1/servers/modelcontextprotocol-server-filesystem/tools/nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ code: string }>().code).toBe('TOOL_NOT_FOUND');
    const server = await world.app.inject('/v1/servers/no-such-server/tools/nope/policy');
    expect(server.json<{ code: string }>().code).toBe('SERVER_NOT_FOUND');
  });
});
