// Guarantee: the policy a page shows is, byte for byte, the file the API hands a gateway or client, in every format.
import { POLICY_FORMATS } from '@toolrisk/classifier';
import { escapeHtml } from '@toolrisk/web/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld } from './world.js';

describe.each(ENGINES)('page and API policies on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  it.each([
    ['/servers/modelcontextprotocol-server-filesystem/tools/write_file', 'yaml', 'strict'],
    ...POLICY_FORMATS.map((format) => [
      '/servers/modelcontextprotocol-server-filesystem',
      format,
      'balanced',
    ]),
    ['/servers/modelcontextprotocol-server-filesystem/tools/write_file', 'codex', 'permissive'],
  ])('%s shows the %s %s policy the API serves', async (path, format, profile) => {
    const query = `format=${format}&profile=${profile}`;
    const file = await world.app.inject(`/v1${path}/policy?${query}`);
    expect(file.statusCode).toBe(200);
    const page = await world.app.inject(`${path}?${query}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(escapeHtml(file.body.trimEnd()));
  });
});
