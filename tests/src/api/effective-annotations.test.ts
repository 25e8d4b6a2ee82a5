// Guarantees of the effective annotations in the API: every tool's four MCP hints, inferred with a reason, next to
// the declared ones, in the documented shape, on both engines, for the whole shipped catalogue and for a submitted one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMALL_CATALOGUE } from '../harness/catalogue.js';
import { ENGINES } from '../harness/db.js';
import { type ApiWorld, openApiWorld } from './world.js';

const FS = 'modelcontextprotocol-server-filesystem';
const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

interface Hint {
  declared: boolean | null;
  declaration: 'boolean' | 'absent' | 'invalid';
  inferred: boolean | null;
  effective: boolean;
  isMismatch: boolean;
  isUnsafe: boolean;
  rule: string;
  reason: string;
}
type Hints = Record<(typeof HINTS)[number], Hint> & {
  hasMismatch: boolean;
  hasUnsafeMismatch: boolean;
  mismatches: string[];
};
interface ToolJson {
  serverId: string;
  name: string;
  annotations: Record<string, unknown> | null;
  classification: { category: string; effectiveAnnotations: Hints } | null;
}

describe.each(ENGINES)('effective annotations in the API on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  it('shows a catalogue tool’s declared hints beside the inferred ones, in the documented shape', async () => {
    const response = await world.app.inject(`/v1/servers/${FS}/tools/write_file`);
    expect(response.statusCode).toBe(200);
    await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/tools/{name}', response);
    const tool = response.json<ToolJson>();
    const hints = tool.classification?.effectiveAnnotations;
    // The filesystem server declares all four on write_file.
    expect(tool.annotations).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      openWorldHint: false,
    });
    for (const name of HINTS) {
      expect(hints?.[name].declared).toBe(tool.annotations?.[name]);
      expect(hints?.[name].declaration).toBe('boolean');
    }
    expect(hints?.readOnlyHint).toMatchObject({ inferred: false, isMismatch: false });
    expect(hints?.destructiveHint).toMatchObject({ inferred: true, rule: 'hint.destructive.factor' });
    // "write" does not say whether a second identical write adds an effect: unknown, never a mismatch.
    expect(hints?.idempotentHint).toMatchObject({
      declared: true,
      inferred: null,
      effective: false,
      isMismatch: false,
    });
    expect(hints?.hasUnsafeMismatch).toBe(false);
  });

  it('gives every tool of a server list its effective annotations', async () => {
    const response = await world.app.inject(`/v1/servers/${FS}/tools`);
    await world.checkAgainstOpenApi('GET', '/v1/servers/{id}/tools', response);
    const { tools } = response.json<{ tools: ToolJson[] }>();
    expect(tools.length).toBeGreaterThan(10);
    const readFile = tools.find((tool) => tool.name === 'read_file');
    expect(readFile?.classification?.effectiveAnnotations.readOnlyHint).toMatchObject({
      declared: true,
      inferred: true,
      isMismatch: false,
    });
    for (const tool of tools)
      expect(Object.keys(tool.classification?.effectiveAnnotations ?? {})).toHaveLength(7);
  });

  it('infers all four hints with a rule and a reason for every tool of the shipped catalogue', async () => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: '100', ...(cursor ? { cursor } : {}) });
      const response = await world.app.inject(`/v1/tools?${query}`);
      if (pages === 0) await world.checkAgainstOpenApi('GET', '/v1/tools', response);
      const body = response.json<{ tools: ToolJson[]; metadata: { nextCursor?: string } }>();
      for (const tool of body.tools) {
        seen.add(`${tool.serverId}/${tool.name}`);
        const hints = tool.classification?.effectiveAnnotations;
        expect(hints, `${tool.serverId}/${tool.name}`).toBeDefined();
        for (const name of HINTS) {
          const hint = hints?.[name];
          expect(hint?.rule, `${tool.serverId}/${tool.name} ${name}`).toMatch(/^hint\./);
          expect(hint?.reason.length ?? 0, `${tool.serverId}/${tool.name} ${name}`).toBeGreaterThan(10);
          // Only idempotency may be unknown; the other three always follow from category and factors.
          if (name !== 'idempotentHint') expect(typeof hint?.inferred).toBe('boolean');
          expect(hint?.effective).toBe(hint?.inferred ?? false);
        }
        expect(hints?.readOnlyHint.inferred).toBe(tool.classification?.category === 'Read');
        expect(hints?.mismatches).toEqual(HINTS.filter((name) => hints?.[name].isMismatch));
      }
      cursor = body.metadata.nextCursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(seen.size).toBe(SMALL_CATALOGUE.tools);
  });

  it('answers POST /v1/classify with effective annotations against the hints as submitted, odd ones included', async () => {
    const document = {
      tools: [
        {
          name: 'delete_repository',
          description: 'Delete a repository and all its issues',
          annotations: { readOnlyHint: true, destructiveHint: 'false', idempotentHint: 1 },
        },
        { name: 'read_page', description: 'Read a page of the wiki', annotations: [true] },
        {
          name: 'send_message',
          description: 'Send a message to a channel',
          annotations: { openWorldHint: false },
        },
      ],
    };
    const response = await world.app.inject({ method: 'POST', url: '/v1/classify', payload: document });
    expect(response.statusCode).toBe(200);
    await world.checkAgainstOpenApi('POST', '/v1/classify', response);
    const [deleted, read, send] = response
      .json<{ tools: { classification: { effectiveAnnotations: Hints } }[] }>()
      .tools.map((entry) => entry.classification.effectiveAnnotations);
    expect(deleted?.readOnlyHint).toMatchObject({ declared: true, inferred: false, isUnsafe: true });
    expect(deleted?.destructiveHint).toMatchObject({
      declared: null,
      declaration: 'invalid',
      inferred: true,
    });
    expect(deleted?.idempotentHint.declaration).toBe('invalid');
    expect(deleted).toMatchObject({ hasUnsafeMismatch: true, mismatches: ['readOnlyHint'] });
    expect(HINTS.map((name) => read?.[name].declaration)).toEqual(['absent', 'absent', 'absent', 'absent']);
    expect(send?.openWorldHint).toMatchObject({ declared: false, inferred: true, isUnsafe: true });
    expect(send?.openWorldHint.reason).toMatch(/^factor external_comm/);
  });
});
