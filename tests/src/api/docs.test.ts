// Guarantees of the API's description: the OpenAPI document names its schemas and responses, lists enums and marks
// defaulted parameters optional; /docs is a page of the site, linked from every page; an unknown address answers a
// browser with the site's 404 page and an API client with problem+json (by Accept).
import { POLICY_FORMATS, POLICY_PROFILES, RISK_FACTORS, RISK_LEVELS } from '@toolrisk/classifier';
import { SERVER_SORTS } from '@toolrisk/db';
import { CONTENT_SECURITY_POLICY } from '@toolrisk/web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, openApiWorld } from './world.js';

const FS = 'modelcontextprotocol-server-filesystem';
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema: Record<string, unknown>;
}
interface Operation {
  tags?: string[];
  parameters?: Parameter[];
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
}

/** Every object in a JSON value, depth first. */
function* objectsIn(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const item of value) yield* objectsIn(item);
  else if (value !== null && typeof value === 'object') {
    const node = value as Record<string, unknown>;
    yield node;
    for (const child of Object.values(node)) yield* objectsIn(child);
  }
}

function isLiteral(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false;
  return 'const' in schema || ('enum' in schema && Array.isArray(schema.enum) && schema.enum.length === 1);
}

describe('the API description', () => {
  let world: ApiWorld;
  let doc: OpenApi;
  beforeAll(async () => {
    world = await openApiWorld('pglite');
    doc = (await world.app.inject('/openapi.json')).json<OpenApi>();
  });
  afterAll(async () => world?.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );

  it('describes every response by what it is, with named schemas that all resolve', async () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain('Default Response');
    for (const { key, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(response.description.length, `${key} ${status}`).toBeGreaterThan(10);
      }
    }
    const refs = [...text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(refs)).toEqual(new Set(Object.keys(doc.components.schemas)));
    const okBody = (path: string, method = 'get', status = '200') =>
      doc.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
    expect(okBody('/v1/servers')).toEqual({ $ref: '#/components/schemas/ServerPage' });
    expect(okBody('/v1/servers/{id}')).toEqual({ $ref: '#/components/schemas/Server' });
    expect(okBody('/v1/servers/{id}/tools/{name}')).toEqual({ $ref: '#/components/schemas/ToolDetail' });
    expect(okBody('/v1/tools')).toEqual({ $ref: '#/components/schemas/ToolPage' });
    expect(okBody('/v1/classify', 'post')).toEqual({ $ref: '#/components/schemas/ClassifyReport' });
    expect(okBody('/v1/servers', 'post', '202')).toEqual({ $ref: '#/components/schemas/Submission' });
    expect(
      doc.paths['/v1/servers']?.get?.responses['400']?.content?.['application/problem+json']?.schema,
    ).toEqual({
      $ref: '#/components/schemas/Problem',
    });
    expect(JSON.stringify(doc.components.schemas.Tool)).toContain(
      '"$ref":"#/components/schemas/Classification"',
    );
  });

  it('lists the values of every enum instead of an anyOf of literals', async () => {
    for (const node of objectsIn(doc)) {
      if (Array.isArray(node.anyOf)) expect(node.anyOf.every(isLiteral), JSON.stringify(node)).toBe(false);
    }
    const query = (path: string, name: string) =>
      doc.paths[path]?.get?.parameters?.find(
        (parameter) => parameter.name === name && parameter.in === 'query',
      );
    for (const [path, name, values] of [
      ['/v1/servers', 'risk', RISK_LEVELS],
      ['/v1/servers', 'category', ['Read', 'Write', 'Execute']],
      ['/v1/servers', 'sort', SERVER_SORTS],
      ['/v1/tools', 'factor', RISK_FACTORS],
      ['/v1/servers/{id}/policy', 'format', POLICY_FORMATS],
      ['/v1/servers/{id}/policy', 'profile', POLICY_PROFILES],
    ] as const) {
      const parameter = query(path, name);
      expect(parameter?.schema, `${path} ${name}`).toMatchObject({ type: 'string', enum: [...values] });
      expect(parameter?.description, `${path} ${name}`).toContain('any letter case');
    }
    const classification = JSON.stringify(doc.components.schemas.Classification);
    expect(classification).toContain(`"risk":{"type":"string","enum":${JSON.stringify(RISK_LEVELS)}}`);
  });

  it('marks a query parameter optional whenever the server has a default for it', async () => {
    const defaulted: string[] = [];
    for (const { key, operation } of operations()) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'query') continue;
        expect(parameter.required, `${key} ${parameter.name}`).not.toBe(true);
        if ('default' in parameter.schema) defaulted.push(`${key} ${parameter.name}`);
      }
    }
    expect(defaulted).toEqual(
      expect.arrayContaining([
        'GET /v1/servers limit',
        'GET /v1/servers/{id}/policy format',
        'POST /v1/classify store',
      ]),
    );
    // Without them the route answers as documented: the defaults apply.
    const page = (await world.app.inject('/v1/servers')).json<{ metadata: { count: number } }>();
    expect(page.metadata.count).toBe(30);
  });

  it('documents the API alone: no page, asset or docs route is an operation', async () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      expect.arrayContaining(['/v1/servers', '/v1/classify', '/healthz', '/metrics']),
    );
    for (const path of Object.keys(doc.paths)) {
      expect(path, path).toMatch(/^\/(v1\/|healthz$|readyz$|metrics$)/);
    }
    for (const { key, operation } of operations()) expect(operation.tags?.length, key).toBe(1);
  });

  it('serves /docs as a page of the site: its header, stylesheet and CSP, every operation and schema', async () => {
    const response = await world.app.inject('/docs');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const page = response.body;
    expect(page).toContain('<header class="site-header">');
    expect(page).toMatch(/<link rel="stylesheet" href="\/assets\/site\.css\?v=[0-9a-f]+">/);
    expect(page).not.toMatch(/<style|style="|<script>/);
    expect(page).toContain('<title>API reference · toolrisk</title>');
    for (const { key } of operations()) {
      const [method = '', path = ''] = key.split(' ');
      expect(page, key).toContain(
        `<span class="http-method http-${method.toLowerCase()}">${method}</span> <code>${path.replaceAll("'", '&#39;')}</code>`,
      );
    }
    for (const name of Object.keys(doc.components.schemas)) {
      expect(page, name).toContain(`id="schema-${name}"`);
      expect(page, name).toContain(`href="#schema-${name}"`);
    }
    expect(page).toContain('<code>&quot;Critical&quot;</code>');
    expect(page).toContain('1 to 100, default 30');
  });

  it('links the API reference from every page', async () => {
    for (const path of [
      '/',
      '/search?q=file',
      '/classify',
      `/servers/${FS}`,
      `/servers/${FS}/tools/write_file`,
      '/servers/nope',
      '/docs',
    ]) {
      const page = await world.app.inject({ url: path, headers: { accept: BROWSER_ACCEPT } });
      expect(page.headers['content-type'], path).toContain('text/html');
      expect(page.body, path).toContain('<a href="/docs">API</a>');
    }
  });

  it('answers an unknown address with the HTML 404 page when a browser asks, with problem+json otherwise', async () => {
    const browser = await world.app.inject({ url: '/no/such/page?x=1', headers: { accept: BROWSER_ACCEPT } });
    expect(browser.statusCode).toBe(404);
    expect(browser.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(browser.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(browser.headers.vary).toContain('accept');
    expect(browser.body).toContain('<h1>Not found</h1>');
    expect(browser.body).toContain('No page has this address.');
    expect(browser.body).toContain('<header class="site-header">');
    expect(browser.body).toContain('<meta name="robots" content="noindex">');

    for (const headers of [
      {},
      { accept: '*/*' },
      { accept: 'application/json' },
      { accept: 'application/problem+json, text/html;q=0.5' },
      { accept: 'text/html;q=0' },
    ]) {
      const api = await world.app.inject({ url: '/v1/no-such-route', headers });
      expect(api.statusCode, JSON.stringify(headers)).toBe(404);
      expect(api.headers['content-type'], JSON.stringify(headers)).toBe(
        'application/problem+json; charset=utf-8',
      );
      expect(api.headers.vary).toContain('accept');
      expect(api.json(), JSON.stringify(headers)).toMatchObject({
        status: 404,
        code: 'NOT_FOUND',
        detail: 'no route for GET /v1/no-such-route',
      });
    }
    // A form or script posting to a wrong address gets the problem, whatever it accepts.
    const post = await world.app.inject({
      method: 'POST',
      url: '/nope',
      headers: { accept: BROWSER_ACCEPT },
    });
    expect(post.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(post.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'no route for POST /nope' });
  });
});
