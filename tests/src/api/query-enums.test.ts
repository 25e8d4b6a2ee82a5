// Guarantee: a query parameter taking one of a list of values matches it in any letter case (`risk=critical` is
// `risk=Critical`), and a value outside the list is a 400 VALIDATION_FAILED that names the parameter and lists the
// allowed values, in the message and in `errors[].allowed`.
import { POLICY_FORMATS, POLICY_PROFILES, RISK_FACTORS, RISK_LEVELS } from '@toolrisk/classifier';
import { SERVER_SORTS } from '@toolrisk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

const FS = 'modelcontextprotocol-server-filesystem';
const CATEGORIES = ['Read', 'Write', 'Execute'];

interface Problem {
  code: string;
  detail: string;
  errors: { path: string; message: string; allowed?: string[] }[];
}

describe.each(ENGINES)('enum query parameters on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  it('answers every spelling of a value as the value itself, on every route that takes one', async () => {
    for (const [spelled, canonical, route] of [
      ['/v1/servers?risk=critical&limit=100', '/v1/servers?risk=Critical&limit=100', '/v1/servers'],
      ['/v1/servers?category=EXECUTE&sort=TOOLS', '/v1/servers?category=Execute&sort=tools', '/v1/servers'],
      [
        '/v1/tools?risk=hIGH&category=write&factor=DESTRUCTIVE',
        '/v1/tools?risk=High&category=Write&factor=destructive',
        '/v1/tools',
      ],
      [
        `/v1/servers/${FS}/policy?format=YAML&profile=Strict`,
        `/v1/servers/${FS}/policy?format=yaml&profile=strict`,
        null,
      ],
      [
        `/v1/servers/${FS}/tools/write_file/policy?format=Claude-Code`,
        `/v1/servers/${FS}/tools/write_file/policy?format=claude-code`,
        null,
      ],
    ] as const) {
      const [given, expected] = [await world.app.inject(spelled), await world.app.inject(canonical)];
      expect(given.statusCode, spelled).toBe(200);
      expect(given.body, spelled).toBe(expected.body);
      if (route) await world.checkAgainstOpenApi('GET', route, given);
    }
    const critical = (await world.app.inject('/v1/servers?risk=critical&limit=100')).json<{
      servers: { highestRisk: string }[];
    }>();
    expect(critical.servers.length).toBeGreaterThan(0);
    expect(new Set(critical.servers.map((server) => server.highestRisk))).toEqual(new Set(['Critical']));
  });

  it('takes the policy options of POST /v1/classify in any letter case', async () => {
    const classify = (query: string) =>
      world.app.inject({
        method: 'POST',
        url: `/v1/classify?${query}`,
        payload: sampleDocument('io.example/enums'),
      });
    const [given, expected] = [
      await classify('profile=STRICT&format=Yaml'),
      await classify('profile=strict&format=yaml'),
    ];
    expect(given.statusCode).toBe(200);
    expect(given.json<{ policy: unknown }>().policy).toEqual(expected.json<{ policy: unknown }>().policy);
    expect(given.json<{ policy: { profile: string; format: string } }>().policy).toMatchObject({
      profile: 'strict',
      format: 'yaml',
    });
  });

  it('filters the search page by a lower-case risk as by the level', async () => {
    const page = await world.app.inject({
      url: '/search?q=delete&risk=critical',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toBe((await world.app.inject('/search?q=delete&risk=Critical')).body);
  });

  it('refuses a value outside the list with 400 VALIDATION_FAILED listing the allowed values', async () => {
    for (const [url, field, allowed, route] of [
      ['/v1/servers?risk=severe', 'risk', RISK_LEVELS, '/v1/servers'],
      ['/v1/servers?category=delete', 'category', CATEGORIES, '/v1/servers'],
      ['/v1/servers?sort=random', 'sort', SERVER_SORTS, '/v1/servers'],
      ['/v1/tools?factor=nope', 'factor', RISK_FACTORS, '/v1/tools'],
      [`/v1/servers/${FS}/policy?format=opa`, 'format', POLICY_FORMATS, '/v1/servers/{id}/policy'],
      [`/v1/servers/${FS}/policy?profile=lax`, 'profile', POLICY_PROFILES, '/v1/servers/{id}/policy'],
    ] as const) {
      const response = await world.app.inject(url);
      expect(response.statusCode, url).toBe(400);
      const problem = response.json<Problem>();
      const given = new URL(url, 'http://x').searchParams.get(field);
      const message = `must be one of ${allowed.join(', ')} (got "${given}")`;
      expect(problem.code, url).toBe('VALIDATION_FAILED');
      expect(problem.detail, url).toBe(`/querystring/${field}: ${message}`);
      expect(problem.errors, url).toEqual([
        { path: `/querystring/${field}`, message, allowed: [...allowed] },
      ]);
      await world.checkAgainstOpenApi('GET', route, response);
    }
  });

  it('quotes at most 60 characters of a refused value, and leaves a repeated parameter to the schema', async () => {
    const long = 'x'.repeat(500);
    const problem = (await world.app.inject(`/v1/servers?risk=${long}`)).json<Problem>();
    expect(problem.detail).toBe(
      `/querystring/risk: must be one of ${RISK_LEVELS.join(', ')} (got "${'x'.repeat(60)}…")`,
    );

    const repeated = await world.app.inject('/v1/servers?risk=low&risk=high');
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json<Problem>()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: '/querystring/risk' }],
    });
  });
});
