// Guarantees of the seeded catalogue over HTTP: paging as the MCP Registry does, tools as JSON, a page per tool.
import { buildApp } from '@toolrisk/api';
import { loadConfig } from '@toolrisk/cli/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedSmallCatalogue } from '../harness/catalogue.js';
import { ENGINES, openTestDb, type TestDb } from '../harness/db.js';

describe.each(ENGINES)('catalogue API on %s', (engine) => {
  let db: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    db = await openTestDb(engine);
    await seedSmallCatalogue(db.db);
    app = await buildApp({ config: loadConfig({}), db: db.db, ping: db.ping });
  });
  afterAll(async () => {
    await app?.close();
    await db?.dispose();
  });

  it('pages through every seeded server with limit and cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const query = new URLSearchParams({ limit: '10', ...(cursor ? { cursor } : {}) });
      const response = await app.inject(`/v1/servers?${query}`);
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        servers: { id: string }[];
        metadata: { nextCursor?: string; count: number };
      }>();
      expect(body.metadata.count).toBe(body.servers.length);
      seen.push(...body.servers.map((server) => server.id));
      cursor = body.metadata.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(37);
    expect(new Set(seen).size).toBe(37);
    expect(seen).toContain('modelcontextprotocol-server-filesystem');
  });

  it("lists one server's tools with classifications", async () => {
    const response = await app.inject('/v1/servers/modelcontextprotocol-server-filesystem/tools');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ tools: { name: string; classification: { category: string } | null }[] }>();
    expect(body.tools.map((tool) => tool.name)).toContain('write_file');
    expect(body.tools.every((tool) => tool.classification !== null)).toBe(true);
  });

  it('answers one tool with its definition and history', async () => {
    const response = await app.inject('/v1/servers/modelcontextprotocol-server-filesystem/tools/write_file');
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      name: string;
      definitionHash: string;
      history: { definitionHash: string }[];
    }>();
    expect(body.name).toBe('write_file');
    expect(body.definitionHash).toMatch(/^[0-9a-f]{64}$/);
    expect(body.history[0]?.definitionHash).toBe(body.definitionHash);
  });

  it('serves the home page and a page per tool as HTML', async () => {
    const home = await app.inject('/');
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    const page = await app.inject('/servers/modelcontextprotocol-server-filesystem/tools/write_file');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>write_file</h1>');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('answers unknown servers and tools with a problem+json 404', async () => {
    const response = await app.inject('/v1/servers/no-such-server/tools/x');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ status: 404, code: 'SERVER_NOT_FOUND' });
  });

  it('rejects a forged cursor and an out-of-range limit with a 400 naming the field', async () => {
    const forged = await app.inject('/v1/servers?cursor=not-ours');
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: '/querystring/cursor' }],
    });
    const tooMany = await app.inject('/v1/servers?limit=1000');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json<{ detail: string }>().detail).toContain('limit');
  });
});
