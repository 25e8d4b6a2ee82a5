// Guarantee: the API names the OWASP MCP Top 10 risks of every factor (`factorDetails`, beside the unchanged
// `factors`) in the catalogue and classify answers, documented in /openapi.json, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld, sampleDocument } from './world.js';

interface FactorDetail {
  factor: string;
  owasp: { id: string; title: string; url: string; reason: string }[];
}
interface Classified {
  factors: string[];
  factorDetails: FactorDetail[];
}

const TEN = Array.from({ length: 10 }, (_, index) => `MCP${String(index + 1).padStart(2, '0')}:2025`);

describe.each(ENGINES)('OWASP MCP Top 10 ids in the API on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  it('gives each factor of a stored tool its OWASP risks, in the order of `factors`, in the documented shape', async () => {
    const found = (await world.app.inject('/v1/tools?factor=code_execution&limit=5')).json<{
      tools: { serverId: string; name: string }[];
    }>();
    const first = found.tools[0];
    if (first === undefined) throw new Error('the seeded catalogue has no code_execution tool');
    const url = `/v1/servers/${encodeURIComponent(first.serverId)}/tools/${encodeURIComponent(first.name)}`;
    const response = await world.app.inject(url);
    expect(response.statusCode).toBe(200);
    await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/tools/{name}', response);
    const { classification } = response.json<{ classification: Classified }>();
    expect(classification.factors).toContain('code_execution');
    expect(classification.factorDetails.map((detail) => detail.factor)).toEqual(classification.factors);
    const execution = classification.factorDetails.find((detail) => detail.factor === 'code_execution');
    expect(execution?.owasp).toEqual([
      {
        id: 'MCP05:2025',
        title: 'Command Injection & Execution',
        url: 'https://owasp.org/www-project-mcp-top-10/2025/MCP05-2025%E2%80%93Command-Injection&Execution',
        reason: expect.stringMatching(/runs code or commands/),
      },
    ]);
    for (const detail of classification.factorDetails)
      for (const risk of detail.owasp) expect(TEN).toContain(risk.id);
  });

  it('lists tools with `factorDetails` too, and a factor the list does not cover with none', async () => {
    const response = await world.app.inject('/v1/tools?factor=destructive&limit=20');
    expect(response.statusCode).toBe(200);
    await world.checkAgainstOpenApi('GET', '/v1/tools', response);
    const items = response.json<{ tools: { classification: Classified | null }[] }>().tools;
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const destructive = item.classification?.factorDetails.find(
        (detail) => detail.factor === 'destructive',
      );
      expect(destructive).toEqual({ factor: 'destructive', owasp: [] });
    }
  });

  it('answers POST /v1/classify with the same factorDetails', async () => {
    const document = sampleDocument();
    const response = await world.app.inject({ method: 'POST', url: '/v1/classify', payload: document });
    expect(response.statusCode).toBe(200);
    await world.checkAgainstOpenApi('POST', '/v1/classify', response);
    const tools = response.json<{ tools: { classification?: Classified }[] }>().tools;
    const classified = tools.flatMap((tool) => (tool.classification ? [tool.classification] : []));
    expect(classified.length).toBeGreaterThan(0);
    for (const classification of classified)
      expect(classification.factorDetails.map((detail) => detail.factor)).toEqual(classification.factors);
    expect(
      classified.some((classification) => classification.factorDetails.some((d) => d.owasp.length > 0)),
    ).toBe(true);
  });

  it('documents the ids as an enum of the ten in /openapi.json', async () => {
    const openapi = (await world.app.inject('/openapi.json')).json<{
      components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
    }>();
    expect(openapi.components.schemas.OwaspReference?.properties?.id?.enum).toEqual(TEN);
    expect(openapi.components.schemas.FactorDetail?.properties?.owasp).toBeDefined();
    expect(openapi.components.schemas.Classification?.properties?.factorDetails).toBeDefined();
  });
});
