// Guarantees of the error envelope: every bad request is problem+json with a stable code naming what was wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

describe.each(ENGINES)('API errors on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  const problem = (response: { statusCode: number; headers: Record<string, unknown>; json: <T>() => T }) => {
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    return response.json<{
      status: number;
      code: string;
      detail: string;
      errors?: { path: string }[];
      requestId: string;
    }>();
  };

  it('names the bad query field of every listing', async () => {
    for (const [url, field] of [
      ['/v1/servers?risk=Extreme', 'risk'],
      ['/v1/servers?sort=random', 'sort'],
      ['/v1/tools?factor=nope', 'factor'],
      ['/v1/tools?limit=0', 'limit'],
      ['/v1/servers/x/tools?limit=501', 'limit'],
      ['/v1/changes?since=yesterday', 'since'],
      ['/v1/servers/x/policy?format=toml', 'format'],
      ['/v1/servers/x/policy?profile=lax', 'profile'],
    ] as const) {
      const response = await world.app.inject(url);
      expect(response.statusCode, url).toBe(400);
      const body = problem(response);
      expect(body.code).toBe('VALIDATION_FAILED');
      expect(body.errors?.[0]?.path).toBe(`/querystring/${field}`);
      await world.checkAgainstOpenApi(
        'GET',
        url.startsWith('/v1/servers/x/policy')
          ? '/v1/servers/{id}/policy'
          : url.startsWith('/v1/servers/x/tools')
            ? '/v1/servers/{id}/tools'
            : (url.split('?')[0] ?? ''),
        response,
      );
    }
  });

  it('rejects forged cursors on every paged endpoint', async () => {
    for (const url of [
      '/v1/tools?cursor=abc',
      '/v1/changes?cursor=abc',
      '/v1/servers?cursor=WyJ4Il0',
      '/v1/servers/modelcontextprotocol-server-filesystem/tools?cursor=WyJ4Il0',
    ]) {
      const response = await world.app.inject(url);
      expect(response.statusCode, url).toBe(400);
      expect(problem(response).errors?.[0]?.path).toBe('/querystring/cursor');
    }
  });

  it('answers unknown servers, tools and policies with 404 codes', async () => {
    expect(problem(await world.app.inject('/v1/servers/nope')).code).toBe('SERVER_NOT_FOUND');
    expect(problem(await world.app.inject('/v1/servers/nope/policy')).code).toBe('SERVER_NOT_FOUND');
    const tool = await world.app.inject(
      '/v1/servers/modelcontextprotocol-server-filesystem/tools/nope/policy',
    );
    expect(problem(tool).code).toBe('TOOL_NOT_FOUND');
    await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/tools/{name}/policy', tool);
    expect(problem(await world.app.inject('/v1/nothing')).code).toBe('NOT_FOUND');
  });

  it('rejects bodies of the wrong type with 400 naming the field, never coercing them', async () => {
    for (const payload of [
      { tools: 'read_file' },
      { tools: { name: 'x' } },
      'just a string',
      42,
      null,
      { server: 'x', tools: [] },
    ]) {
      const response = await world.app.inject({
        method: 'POST',
        url: '/v1/classify',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(['VALIDATION_FAILED', 'BODY_MALFORMED']).toContain(problem(response).code);
      await world.checkAgainstOpenApi('POST', '/v1/classify', response);
    }
  });

  it('refuses more than 2,000 tools with 400 and malformed JSON with BODY_MALFORMED', async () => {
    const tools = Array.from({ length: 2001 }, (_, index) => ({ name: `t${index}` }));
    const many = await world.app.inject({ method: 'POST', url: '/v1/classify', payload: { tools } });
    expect(many.statusCode).toBe(400);
    expect(problem(many).detail).toContain('tools');
    const broken = await world.app.inject({
      method: 'POST',
      url: '/v1/classify',
      headers: { 'content-type': 'application/json' },
      payload: '{"tools": [',
    });
    expect(problem(broken)).toMatchObject({ status: 400, code: 'BODY_MALFORMED' });
  });

  it('refuses a body over 5 MB with 413 and a non-JSON body with 415', async () => {
    const huge = await world.app.inject({
      method: 'POST',
      url: '/v1/classify',
      headers: { 'content-type': 'application/json' },
      payload: `{"tools":[${'"x",'.repeat(13_000_000)}"x"]}`,
    });
    expect(huge.statusCode).toBe(413);
    expect(problem(huge).code).toBe('BODY_TOO_LARGE');
    const text = await world.app.inject({
      method: 'POST',
      url: '/v1/classify',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify(sampleDocument()),
    });
    expect(text.statusCode).toBe(415);
    expect(problem(text).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('says which store precondition failed and stores nothing', async () => {
    const key = await world.createKey(['classify:store']);
    const anonymous = await world.app.inject({
      method: 'POST',
      url: '/v1/classify?store=true',
      headers: { authorization: `Bearer ${key}` },
      payload: sampleDocument().tools,
    });
    expect(problem(anonymous).code).toBe('DOCUMENT_INVALID');
    const stats = (await world.app.inject('/v1/stats')).json<{ servers: number }>();
    expect(stats.servers).toBe(37);
  });
});
