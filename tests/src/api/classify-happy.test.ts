// Guarantees of the write API: bulk classification keeps every entry in order, stores only with a key, queues submissions.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runToolrisk } from '../harness/cli.js';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

describe.each(ENGINES)('classification endpoints on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  it('classifies a document in input order, with unusable tools as per-tool errors and a recommended policy', async () => {
    const document = sampleDocument();
    const body = {
      ...document,
      tools: [document.tools[0], { description: 'no name' }, 42, ...document.tools.slice(1)],
    };
    const response = await world.app.inject({
      method: 'POST',
      url: '/v1/classify?profile=strict',
      payload: body,
    });
    expect(response.statusCode).toBe(200);
    await world.checkAgainstOpenApi('POST', '/v1/classify', response);
    const report = response.json<{
      tools: {
        index: number;
        name: string | null;
        status: string;
        classification?: { risk: string };
        errors: { code: string }[];
      }[];
      summary: { toolCount: number; highestRisk: string };
      policy: { profile: string; content: { tools?: unknown } };
    }>();
    expect(report.tools.map((tool) => tool.index)).toEqual([0, 1, 2, 3, 4]);
    expect(report.tools.map((tool) => tool.status)).toEqual([
      'classified',
      'error',
      'error',
      'classified',
      'classified',
    ]);
    expect(report.tools[1]?.errors[0]?.code).toBe('TOOL_NAME_MISSING');
    expect(report.tools[2]?.errors[0]?.code).toBe('TOOL_NOT_OBJECT');
    expect(report.tools[4]?.classification?.risk).toBe('Critical');
    expect(report.summary).toMatchObject({ toolCount: 3, highestRisk: 'Critical' });
    expect(report.policy.profile).toBe('strict');
  });

  it('answers what `toolrisk classify --format json` prints, entry for entry, plus the policy', async () => {
    const document = sampleDocument();
    const api = await world.app.inject({ method: 'POST', url: '/v1/classify', payload: document });
    await world.checkAgainstOpenApi('POST', '/v1/classify', api);
    const { policy, ...report } = api.json<Record<string, unknown>>();
    expect(policy).toBeDefined();
    const cli = await runToolrisk(['classify', '-', '--format', 'json'], {}, JSON.stringify(document));
    expect(JSON.parse(cli.stdout)).toEqual(report);
  });

  it('accepts a bare array and a JSON-RPC tools/list response, and answers YAML policies as text', async () => {
    const { tools } = sampleDocument();
    const bare = await world.app.inject({ method: 'POST', url: '/v1/classify?format=yaml', payload: tools });
    expect(bare.statusCode).toBe(200);
    expect(bare.json<{ policy: { content: string } }>().policy.content).toContain('read_file');
    const rpc = await world.app.inject({
      method: 'POST',
      url: '/v1/classify',
      payload: { jsonrpc: '2.0', id: 1, result: { tools } },
    });
    expect(rpc.json<{ tools: unknown[] }>().tools).toHaveLength(3);
  });

  it('stores nothing without store=true, and stores like an import with store=true and a key', async () => {
    const document = sampleDocument();
    await world.app.inject({ method: 'POST', url: '/v1/classify', payload: document });
    const before = (await world.app.inject('/v1/stats')).json<{ servers: number }>();
    expect(before.servers).toBe(37);
    const key = await world.createKey(['classify:store']);
    const stored = await world.app.inject({
      method: 'POST',
      url: '/v1/classify?store=true',
      payload: document,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(stored.statusCode).toBe(200);
    const { serverId } = stored.json<{ stored: { serverId: string; toolsNew: number } }>().stored;
    expect(stored.json<{ stored: { toolsNew: number } }>().stored.toolsNew).toBe(3);
    const tools = await world.app.inject(`/v1/servers/${serverId}/tools`);
    expect(tools.json<{ tools: { name: string }[] }>().tools.map((t) => t.name)).toEqual([
      'delete_repo',
      'read_file',
      'run_command',
    ]);
  });

  it('shows a stored classification in the catalogue exactly as the classify answer showed it', async () => {
    const document = sampleDocument();
    const key = await world.createKey(['classify:store']);
    const answer = await world.app.inject({
      method: 'POST',
      url: '/v1/classify?store=true',
      payload: document,
      headers: { authorization: `Bearer ${key}` },
    });
    type Entry = { name: string; classification: Record<string, unknown> };
    const report = answer.json<{ tools: Entry[]; stored: { serverId: string } }>();
    const listed = await world.app.inject(`/v1/servers/${report.stored.serverId}/tools`);
    await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/tools', listed);
    const byName = new Map(listed.json<{ tools: Entry[] }>().tools.map((tool) => [tool.name, tool]));
    for (const entry of report.tools) {
      expect(byName.get(entry.name)?.classification).toEqual(entry.classification);
    }
  });

  it("pages a server's tools by limit and cursor: each tool once, in name order, with the true total", async () => {
    const key = await world.createKey(['classify:store']);
    const names = Array.from({ length: 120 }, (_, i) => `tool_${String(i).padStart(3, '0')}`);
    const stored = await world.app.inject({
      method: 'POST',
      url: '/v1/classify?store=true',
      payload: {
        server: { name: `io.example/paged-${engine}`, description: 'A server with 120 tools' },
        tools: names.map((name) => ({
          name,
          description: `Read item ${name}`,
          inputSchema: { type: 'object' },
        })),
      },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(stored.statusCode).toBe(200);
    const { serverId } = stored.json<{ stored: { serverId: string } }>().stored;
    type ToolsPage = {
      tools: { name: string }[];
      metadata: { count: number; total: number; nextCursor?: string };
    };
    const first = await world.app.inject(`/v1/servers/${serverId}/tools?limit=100`);
    await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/tools', first);
    const page1 = first.json<ToolsPage>();
    expect(page1.tools.map((tool) => tool.name)).toEqual(names.slice(0, 100));
    expect(page1.metadata).toMatchObject({ count: 100, total: 120 });
    const cursor = page1.metadata.nextCursor ?? '';
    const page2 = (
      await world.app.inject(`/v1/servers/${serverId}/tools?limit=100&cursor=${encodeURIComponent(cursor)}`)
    ).json<ToolsPage>();
    expect(page2.tools.map((tool) => tool.name)).toEqual(names.slice(100));
    expect(page2.metadata).toEqual({ count: 20, total: 120 });
    const small = (await world.app.inject(`/v1/servers/${serverId}/tools?limit=7`)).json<ToolsPage>();
    expect(small.tools.map((tool) => tool.name)).toEqual(names.slice(0, 7));
    const all = (await world.app.inject(`/v1/servers/${serverId}/tools?limit=500`)).json<ToolsPage>();
    expect(all.tools).toHaveLength(120);
    expect(all.metadata.nextCursor).toBeUndefined();
  });

  it('queues a submitted server for crawling with 202', async () => {
    const key = await world.createKey(['servers:submit']);
    const response = await world.app.inject({
      method: 'POST',
      url: '/v1/servers',
      payload: { kind: 'registry', value: 'io.github.example/weather' },
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.statusCode).toBe(202);
    await world.checkAgainstOpenApi('POST', '/v1/servers', response);
    expect(response.json()).toMatchObject({
      kind: 'registry',
      value: 'io.github.example/weather',
      status: 'pending',
    });
  });

  it('creates a key with the CLI that the API accepts, lists it without the secret, and revokes it', async () => {
    if (!world.db.url) return; // the CLI opens its own connection: only PostgreSQL is shared between processes' handles
    const env = { DATABASE_URL: world.db.url };
    const created = await runToolrisk(['keys', 'create', '--name', 'ci', '--scope', 'servers:submit'], env);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^trk_[\w-]{32}$/);
    const submit = () =>
      world.app.inject({
        method: 'POST',
        url: '/v1/servers',
        payload: { kind: 'package', value: '@x/y' },
        headers: { authorization: `Bearer ${key}` },
      });
    expect((await submit()).statusCode).toBe(202);
    const listed = await runToolrisk(['keys', 'list'], env);
    expect(listed.stdout).toContain('ci');
    expect(listed.stdout).not.toContain(key);
    const id =
      listed.stdout
        .split('\n')
        .find((line) => line.includes('\tci\t'))
        ?.split('\t')[0] ?? '';
    expect((await runToolrisk(['keys', 'revoke', id], env)).code).toBe(0);
    expect((await submit()).statusCode).toBe(401);
  });
});
