// Guarantees of the policy downloads in every format: each is served with its format's media type and file name, as documented in the OpenAPI.
import { POLICY_FORMAT_FILES, POLICY_FORMATS } from '@toolrisk/classifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld } from './world.js';

const FS = 'modelcontextprotocol-server-filesystem';

describe.each(ENGINES)('policy formats on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  it('serves every format with its media type and download name, and Claude Code rules name the server', async () => {
    for (const format of POLICY_FORMATS) {
      const response = await world.app.inject(`/v1/servers/${FS}/policy?format=${format}&profile=balanced`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(
        `${POLICY_FORMAT_FILES[format].mediaType}; charset=utf-8`,
      );
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="${FS}.balanced.${POLICY_FORMAT_FILES[format].suffix}"`,
      );
      expect(response.body).toContain('write_file');
      await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/policy', response);
    }
    const claude = await world.app.inject(`/v1/servers/${FS}/tools/write_file/policy?format=claude-code`);
    const permissions = claude.json<{ permissions: Record<string, string[]> }>().permissions;
    expect(Object.values(permissions).flat()).toEqual([
      expect.stringMatching(/^mcp__[A-Za-z0-9_-]+__write_file$/),
    ]);
  });

  it('declares the name-report headers on every policy download in the OpenAPI document', async () => {
    const document = (await world.app.inject('/openapi.json')).json<{
      paths: Record<
        string,
        Record<string, { responses: Record<string, { headers?: Record<string, unknown> }> }>
      >;
    }>();
    for (const [path, method] of [
      ['/v1/servers/{id}/policy', 'get'],
      ['/v1/servers/{id}/tools/{name}/policy', 'get'],
      ['/v1/stacks/policy', 'post'],
    ] as const) {
      const headers = document.paths[path]?.[method]?.responses['200']?.headers ?? {};
      expect(Object.keys(headers).sort(), path).toEqual([
        'toolrisk-policy-notes',
        'toolrisk-policy-notes-count',
      ]);
    }
  });

  it('answers an unknown format with 400 VALIDATION_FAILED naming the query field', async () => {
    const response = await world.app.inject(`/v1/servers/${FS}/policy?format=opa`);
    expect(response.statusCode).toBe(400);
    const problem = response.json<{ code: string; errors: { path: string }[] }>();
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.errors.length).toBeGreaterThan(0);
    expect(problem.errors.every((error) => error.path === '/querystring/format')).toBe(true);
  });
});
