// Guarantees of the API edge: every query, path and body value is checked before SQL, against one limits table,
// cursors are signed, and every error the framework raises is problem+json with a documented code.
import { API_ERROR_STATUS, INPUT_LIMITS, SECURITY_HEADERS } from '@toolrisk/api/testing';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  limit?: number;
  errors?: { path: string; message: string }[];
}

describe.each(ENGINES)('API input limits on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  const problem = (response: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    const body = JSON.parse(response.body) as ProblemBody;
    expect(Object.keys(API_ERROR_STATUS)).toContain(body.code);
    expect(body.status).toBe(response.statusCode);
    expect(API_ERROR_STATUS[body.code as keyof typeof API_ERROR_STATUS]).toBe(response.statusCode);
    return body;
  };

  it("answers the red team's query and path cases with a 400 naming the field, never a 500", async () => {
    const cases: [string, string, string, string][] = [
      [`/v1/servers?sort=tools&cursor=${b64(['NaN', 'x'])}`, 'VALIDATION_FAILED', '/querystring/cursor', ''],
      [`/v1/servers?sort=recent&cursor=${b64(['x', 'x'])}`, 'VALIDATION_FAILED', '/querystring/cursor', ''],
      [
        `/v1/changes?cursor=${b64(['2020-01-01', '99999999999'])}`,
        'VALIDATION_FAILED',
        '/querystring/cursor',
        '',
      ],
      ['/v1/servers?limit=Infinity', 'VALIDATION_FAILED', '/querystring/limit', 'must be a decimal integer'],
      ['/v1/tools?limit=1e400', 'VALIDATION_FAILED', '/querystring/limit', 'must be a decimal integer'],
      ['/v1/changes?limit=0x10', 'VALIDATION_FAILED', '/querystring/limit', 'must be a decimal integer'],
      ['/v1/tools?q=a%00b', 'TEXT_INVALID', '/querystring/q', 'must not hold control characters'],
      ['/v1/servers?q=%00', 'TEXT_INVALID', '/querystring/q', 'must not hold control characters'],
      ['/v1/servers/a%00b', 'TEXT_INVALID', '/params/id', 'must not hold control characters'],
      ['/v1/servers/x/tools/n%00', 'TEXT_INVALID', '/params/name', 'must not hold control characters'],
      ['/servers/a%00b', 'TEXT_INVALID', '/params/id', 'must not hold control characters'],
      ['/search?q=%00', 'TEXT_INVALID', '/querystring/q', 'must not hold control characters'],
      ['/v1/changes?since=0000-01-01T00:00:00Z', 'VALIDATION_FAILED', '/querystring/since', 'from 1970'],
      [`/v1/servers/${'a'.repeat(201)}`, 'ID_TOO_LONG', '/params/id', '201 characters, more than the 200'],
      [`/v1/servers/x/tools/${'n'.repeat(257)}`, 'NAME_TOO_LONG', '/params/name', 'more than the 256'],
      [`/v1/tools?q=${'w'.repeat(201)}`, 'QUERY_TOO_LONG', '/querystring/q', 'more than the 200'],
    ];
    for (const [url, code, path, message] of cases) {
      const response = await world.app.inject(url);
      expect(response.statusCode, url).toBe(400);
      const body = problem(response);
      expect(body.code, url).toBe(code);
      expect(body.errors?.[0]?.path, url).toBe(path);
      expect(body.errors?.[0]?.message, url).toContain(message);
    }
  });

  it('signs cursors: a cursor it issued pages on, the same cursor with a changed byte is a 400', async () => {
    const first = (await world.app.inject('/v1/servers?limit=5')).json<{
      metadata: { nextCursor: string };
    }>();
    const cursor = first.metadata.nextCursor;
    expect(cursor).toMatch(/^[\w-]+\.[\w-]{22}$/);
    expect((await world.app.inject(`/v1/servers?limit=5&cursor=${cursor}`)).statusCode).toBe(200);
    const [raw = '', mac = ''] = cursor.split('.');
    const changed = `${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    for (const forged of [raw, `${raw}.${changed}`, `${b64(['zzz', 'zzz'])}.${mac}`]) {
      const response = await world.app.inject(`/v1/servers?limit=5&cursor=${forged}`);
      expect(response.statusCode, forged).toBe(400);
      expect(problem(response)).toMatchObject({
        code: 'VALIDATION_FAILED',
        detail: 'cursor is not one this API issued',
      });
    }
  });

  it('refuses classify bodies past each limit of the table with its own code, naming the field', async () => {
    const post = (payload: unknown) =>
      world.app.inject({
        method: 'POST',
        url: '/v1/classify',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
    const deepSchema = (levels: number): unknown =>
      levels === 0 ? { type: 'string' } : { type: 'object', properties: { a: deepSchema(levels - 1) } };
    const cases: [unknown, string, string][] = [
      [{ tools: [{ name: 'n'.repeat(INPUT_LIMITS.name.max + 1) }] }, 'NAME_TOO_LONG', '/body/tools/0/name'],
      [{ tools: [{ name: 'x', title: 't'.repeat(501) }] }, 'TITLE_TOO_LONG', '/body/tools/0/title'],
      [
        { tools: [{ name: 'x', description: 'd'.repeat(400_000) }] },
        'DESCRIPTION_TOO_LONG',
        '/body/tools/0/description',
      ],
      [
        {
          result: {
            tools: [{ name: 'x', inputSchema: { type: 'object', description: 's'.repeat(300_000) } }],
          },
        },
        'SCHEMA_TOO_LARGE',
        '/body/result/tools/0/inputSchema',
      ],
      [[{ name: 'x', inputSchema: deepSchema(30) }], 'SCHEMA_TOO_DEEP', '/body/0/inputSchema'],
      [{ server: { name: 's'.repeat(201) }, tools: [] }, 'ID_TOO_LONG', '/body/server/name'],
      [
        {
          tools: Array.from({ length: INPUT_LIMITS.toolCount.max + 1 }, (_, index) => ({
            name: `t${index}`,
          })),
        },
        'TOO_MANY_TOOLS',
        '/body/tools',
      ],
    ];
    for (const [payload, code, path] of cases) {
      const response = await post(payload);
      expect(response.statusCode, code).toBe(400);
      const body = problem(response);
      expect(body).toMatchObject({ code, errors: [{ path }] });
      expect(body.detail).toContain(`more than the ${body.limit} allowed`);
    }
  });

  it('refuses to store a tool whose name holds NUL or a lone surrogate, and stores nothing', async () => {
    const key = await world.createKey(['classify:store']);
    const before = (await world.app.inject('/v1/stats')).json<{ tools: number }>().tools;
    for (const name of ['read\u0000file', 'read\ud800file']) {
      const document = sampleDocument();
      const tools = document.tools.map((tool, index) => (index === 0 ? { ...tool, name } : tool));
      const response = await world.app.inject({
        method: 'POST',
        url: '/v1/classify?store=true',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ ...document, tools }),
      });
      expect(response.statusCode).toBe(400);
      expect(problem(response)).toMatchObject({
        code: 'TEXT_INVALID',
        errors: [{ path: '/body/tools/0/name', message: 'must not hold NUL or lone surrogates' }],
      });
    }
    expect((await world.app.inject('/v1/stats')).json<{ tools: number }>().tools).toBe(before);
  });

  it('answers framework-level errors as problem+json with documented codes', async () => {
    const cases: [string | InjectOptions, number, string][] = [
      ['/v1/servers/%ZZ', 400, 'BAD_REQUEST'],
      [`/v1/servers/x/tools/${'n'.repeat(2000)}`, 414, 'URI_TOO_LONG'],
      [`/v1/servers?q=${'a'.repeat(9000)}`, 414, 'URI_TOO_LONG'],
      ['/v1/nothing', 404, 'NOT_FOUND'],
      [{ method: 'DELETE', url: '/v1/servers' }, 404, 'NOT_FOUND'],
      [
        { method: 'POST', url: '/v1/classify', headers: { 'content-type': 'text/plain' }, payload: '{}' },
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        {
          method: 'POST',
          url: '/v1/classify',
          headers: { 'content-type': 'application/json', 'content-encoding': 'xz' },
          payload: '{}',
        },
        415,
        'ENCODING_UNSUPPORTED',
      ],
      [
        {
          method: 'POST',
          url: '/v1/classify',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
          payload: '{"tools":[]}',
        },
        400,
        'BODY_MALFORMED',
      ],
    ];
    for (const [request, status, code] of cases) {
      const response = await world.app.inject(request);
      const label = typeof request === 'string' ? request.slice(0, 60) : `${request.method} ${request.url}`;
      expect(response.statusCode, label).toBe(status);
      expect(problem(response).code, label).toBe(code);
    }
    const options = await world.app.inject({ method: 'OPTIONS', url: '/v1/servers' });
    expect(options.statusCode).toBe(204);
    expect(options.headers['access-control-allow-methods']).toBe('GET, HEAD');
  });

  it('sends the security headers on every response, errors included', async () => {
    for (const url of ['/', '/v1/stats', '/v1/nothing', '/v1/servers?limit=0', '/healthz']) {
      const response = await world.app.inject(url);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        expect(response.headers[name], `${url} ${name}`).toBe(value);
      }
    }
    expect(SECURITY_HEADERS['permissions-policy']).toContain('camera=()');
    expect(SECURITY_HEADERS['cross-origin-opener-policy']).toBe('same-origin');
    expect(SECURITY_HEADERS['cross-origin-resource-policy']).toBe('same-origin');
  });
});
