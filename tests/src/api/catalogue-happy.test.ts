// Guarantees of the read API on a seeded catalogue: every endpoint answers its documented shape on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld } from './world.js';

const FS = 'modelcontextprotocol-server-filesystem';

describe.each(ENGINES)('catalogue endpoints on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  it('filters servers by search words, risk and category, sorted, and pages with nextCursor', async () => {
    const found = await world.app.inject('/v1/servers?q=filesystem');
    expect(found.statusCode).toBe(200);
    await world.checkAgainstOpenApi('GET', '/v1/servers', found);
    expect(found.json<{ servers: { id: string }[] }>().servers.map((s) => s.id)).toContain(FS);

    const critical = await world.app.inject('/v1/servers?risk=Critical&limit=100');
    const rows = critical.json<{ servers: { highestRisk: string }[] }>().servers;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((s) => s.highestRisk === 'Critical')).toBe(true);

    const execute = await world.app.inject('/v1/servers?category=Execute&limit=100');
    expect(execute.json<{ servers: unknown[] }>().servers.length).toBeGreaterThan(0);
    expect(execute.json<{ servers: unknown[] }>().servers.length).toBeLessThan(37);

    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ sort: 'tools', limit: '7', ...(cursor ? { cursor } : {}) });
      const page = await world.app.inject(`/v1/servers?${query}`);
      const body = page.json<{
        servers: { id: string; toolCount: number }[];
        metadata: { nextCursor?: string };
      }>();
      seen.push(...body.servers.map((s) => s.toolCount));
      cursor = body.metadata.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(37);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('answers one server, its tools and one tool with history in their documented shapes', async () => {
    for (const [route, url] of [
      ['/v1/servers/{id}', `/v1/servers/${FS}`],
      ['/v1/servers/{id}/tools', `/v1/servers/${FS}/tools`],
      ['/v1/servers/{id}/tools/{name}', `/v1/servers/${FS}/tools/write_file`],
    ] as const) {
      const response = await world.app.inject(url);
      expect(response.statusCode).toBe(200);
      await world.checkAgainstOpenApi('GET', route, response);
    }
  });

  it('searches tools by words with the full-text index and filters by risk, category and factor', async () => {
    const response = await world.app.inject('/v1/tools?q=file&limit=100');
    expect(response.statusCode).toBe(200);
    await world.checkAgainstOpenApi('GET', '/v1/tools', response);
    const names = response.json<{ tools: { name: string }[] }>().tools.map((t) => t.name);
    expect(names).toContain('write_file');

    const filtered = await world.app.inject(
      '/v1/tools?risk=Critical&category=Execute&factor=code_execution&limit=100',
    );
    const tools = filtered.json<{
      tools: { classification: { risk: string; category: string; factors: string[] } }[];
    }>().tools;
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) {
      expect(tool.classification).toMatchObject({ risk: 'Critical', category: 'Execute' });
      expect(tool.classification.factors).toContain('code_execution');
    }
  });

  it('pages through every current tool exactly once', async () => {
    const ids = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
      const body = (await world.app.inject(`/v1/tools?${query}`)).json<{
        tools: { serverId: string; name: string }[];
        metadata: { nextCursor?: string };
      }>();
      for (const tool of body.tools) ids.add(`${tool.serverId}/${tool.name}`);
      cursor = body.metadata.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    const stats = (await world.app.inject('/v1/stats')).json<{ tools: number }>();
    expect(ids.size).toBe(stats.tools);
  });

  it('counts servers, tools, categories, risks and factors consistently', async () => {
    const response = await world.app.inject('/v1/stats');
    expect(response.statusCode).toBe(200);
    await world.checkAgainstOpenApi('GET', '/v1/stats', response);
    const stats = response.json<{
      servers: number;
      tools: number;
      byCategory: Record<string, number>;
      byRisk: Record<string, number>;
    }>();
    expect(stats.servers).toBe(37);
    const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
    expect(sum(stats.byCategory)).toBe(stats.tools);
    expect(sum(stats.byRisk)).toBe(stats.tools);
  });

  it('feeds definition changes since a time, cursor-paged without repeats', async () => {
    const first = await world.app.inject('/v1/changes?since=2000-01-01T00:00:00Z&limit=50');
    expect(first.statusCode).toBe(200);
    await world.checkAgainstOpenApi('GET', '/v1/changes', first);
    const seen = new Set<string>();
    let cursor: string | undefined;
    let total = 0;
    do {
      const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
      const body = (await world.app.inject(`/v1/changes?${query}`)).json<{
        changes: { serverId: string; name: string; definitionHash: string; kind: string }[];
        metadata: { nextCursor?: string };
      }>();
      for (const change of body.changes)
        seen.add(`${change.serverId}/${change.name}/${change.definitionHash}`);
      total += body.changes.length;
      cursor = body.metadata.nextCursor;
    } while (cursor);
    expect(total).toBe(seen.size);
    expect(total).toBeGreaterThan(0);
    const future = await world.app.inject('/v1/changes?since=2999-01-01T00:00:00Z');
    expect(future.json<{ changes: unknown[] }>().changes).toEqual([]);
  });

  it('serves server and tool policies as JSON or YAML downloads, per profile, pinned on request', async () => {
    const json = await world.app.inject(`/v1/servers/${FS}/policy`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.headers['content-disposition']).toMatch(
      /^attachment; filename=".+\.balanced\.policy\.json"$/,
    );
    await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/policy', json);

    const yaml = await world.app.inject(
      `/v1/servers/${FS}/tools/write_file/policy?format=yaml&profile=strict&pin=true`,
    );
    expect(yaml.statusCode).toBe(200);
    expect(yaml.headers['content-type']).toContain('application/yaml');
    expect(yaml.headers['content-disposition']).toContain('.strict.policy.yaml');
    expect(yaml.body).toContain('write_file');
    await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/tools/{name}/policy', yaml);

    const tool = (await world.app.inject(`/v1/servers/${FS}/tools/write_file`)).json<{
      definitionHash: string;
    }>();
    const pinned = await world.app.inject(`/v1/servers/${FS}/tools/write_file/policy?pin=true`);
    expect(pinned.body).toContain(tool.definitionHash);
    const unpinned = await world.app.inject(`/v1/servers/${FS}/tools/write_file/policy`);
    expect(unpinned.body).not.toContain(tool.definitionHash);
    const permissive = await world.app.inject(`/v1/servers/${FS}/policy?profile=permissive`);
    expect(permissive.body).not.toBe(json.body);
  });

  it('tags GETs with a strong ETag and Cache-Control, and answers 304 when it still matches', async () => {
    const first = await world.app.inject(`/v1/servers/${FS}/tools/write_file`);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    expect(first.headers['cache-control']).toContain('max-age');
    const again = await world.app.inject({
      url: `/v1/servers/${FS}/tools/write_file`,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await world.app.inject({
      url: `/v1/servers/${FS}/tools/write_file`,
      headers: { 'if-none-match': '"stale"' },
    });
    expect(other.statusCode).toBe(200);
  });

  it('compresses large responses for clients that accept it and opens GETs to any origin', async () => {
    const response = await world.app.inject({
      url: `/v1/servers/${FS}/tools`,
      headers: { 'accept-encoding': 'gzip', origin: 'https://elsewhere.example' },
    });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('reports health, readiness and Prometheus metrics by route and status', async () => {
    expect((await world.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    expect((await world.app.inject('/readyz')).json()).toEqual({ status: 'ready' });
    await world.app.inject('/v1/servers/no-such/tools');
    const metrics = await world.app.inject('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(
      /toolrisk_http_requests_total\{method="GET",route="\/v1\/servers\/:id\/tools",status="404"\} \d+/,
    );
    expect(metrics.body).toContain('toolrisk_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('toolrisk_catalogue_servers 37');
    expect(metrics.body).not.toContain('no-such');
  });

  it("publishes OpenAPI 3.1 covering every API route, and a docs page loading only the site's assets", async () => {
    const doc = (await world.app.inject('/openapi.json')).json<{
      openapi: string;
      paths: Record<string, unknown>;
    }>();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of [
      '/v1/servers',
      '/v1/tools',
      '/v1/stats',
      '/v1/changes',
      '/v1/classify',
      '/v1/servers/{id}/policy',
      '/metrics',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const docs = await world.app.inject('/docs');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toContain('text/html');
    expect(docs.headers['content-security-policy']).toContain("default-src 'none'");
    expect(docs.body).toContain('/v1/classify');
    // Only the site's own assets load: no inline script, nothing from another origin.
    expect(docs.body).not.toMatch(
      /<script>|<script [^>]*src="(?!\/assets\/)|https?:\/\/(?!localhost)[^"<\s]*\.(js|css)/,
    );
  });
});
