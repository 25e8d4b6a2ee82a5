// toolrisk's MCP server over streamable HTTP (/mcp on a listening app), driven by the SDK's Client, on each engine.

import { readFileSync } from 'node:fs';
import { classifyDocument, readToolsDocument } from '@toolrisk/classifier';
import { storeClassifiedSnapshot } from '@toolrisk/crawler/testing';
import { listServers } from '@toolrisk/db';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshId } from '../harness/db.js';
import { CONFIGS_DIR } from '../stack/reference-stack.js';
import { MCP_TOOL_NAMES } from './tool-names.js';
import { callTool, errorCodeOf, type HttpMcpWorld, openHttpMcpWorld, structuredOf } from './world.js';

const MEMORY = 'modelcontextprotocol-server-memory';

describe.each(ENGINES)('MCP over streamable HTTP (%s)', (engine) => {
  let mcp: HttpMcpWorld;
  beforeAll(async () => {
    mcp = await openHttpMcpWorld(engine);
  });
  afterAll(async () => {
    await mcp?.close();
  });

  it('lists its six tools, each with input and output schemas and read-only, closed-world annotations', async () => {
    const { tools } = await mcp.client.listTools();
    expect(tools.map((tool) => tool.name)).toEqual(MCP_TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe('object');
      expect(tool.outputSchema?.type).toBe('object');
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        destructiveHint: false,
        openWorldHint: false,
      });
    }
  });

  it('classifies its own tools as Read and Low with high confidence', async () => {
    const { tools } = await mcp.client.listTools();
    const classified = classifyDocument(readToolsDocument({ server: { name: 'toolrisk' }, tools }));
    expect(classified.errors).toEqual([]);
    expect(classified.tools).toHaveLength(MCP_TOOL_NAMES.length);
    for (const { name, classification } of classified.tools) {
      expect([name, classification.category, classification.risk]).toEqual([name, 'Read', 'Low']);
      expect(classification.confidence, name).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('check_tool answers a seeded destructive tool with the risk, factors and confidence the API serves', async () => {
    const result = await callTool(mcp.client, 'check_tool', { server: MEMORY, tool: 'delete_entities' });
    expect(result.isError).toBeFalsy();
    const answer = structuredOf(result);
    const api = (await mcp.world.app.inject(`/v1/servers/${MEMORY}/tools/delete_entities`)).json();
    expect(answer.tool).toMatchObject({
      name: 'delete_entities',
      category: api.classification.category,
      risk: api.classification.risk,
      factors: api.classification.factors,
      confidence: api.classification.confidence,
      rationale: api.classification.rationale,
    });
    expect(answer.tool).toMatchObject({ factors: expect.arrayContaining(['destructive']) });
    expect(['High', 'Critical']).toContain(api.classification.risk);
    expect(answer.policy).toMatchObject({
      name: 'delete_entities',
      action: expect.stringMatching(/deny|approval/),
    });
    const [summary] = result.content;
    expect(summary?.type === 'text' && summary.text).toContain(
      `delete_entities: Write, ${api.classification.risk} risk`,
    );
  });

  it('check_server lists every current tool riskiest first, with the starter policy', async () => {
    const result = await callTool(mcp.client, 'check_server', { server: MEMORY });
    const answer = structuredOf(result);
    const api = (await mcp.world.app.inject(`/v1/servers/${MEMORY}/tools`)).json();
    const tools = answer.tools as { name: string; risk: string }[];
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      api.tools.map((tool: { name: string }) => tool.name).sort(),
    );
    const rank = ['Low', 'Medium', 'High', 'Critical'];
    const ranks = tools.map((tool) => rank.indexOf(tool.risk));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(tools[0]?.name).toMatch(/^delete_/);
    expect(answer.policy).toMatchObject({ profile: 'balanced', default: 'deny' });
    expect((answer.policy as { tools: unknown[] }).tools).toHaveLength(tools.length);
    expect(answer.server).toMatchObject({ id: MEMORY, toolCount: tools.length });
  });

  it('check_server finds a server by its MCP Registry name too', async () => {
    const registryName = `io.github.example/${freshId('mcp')}`;
    const { serverId } = await storeClassifiedSnapshot(mcp.world.db.db, {
      id: freshId('registry'),
      registryName,
      source: { kind: 'registry', ref: registryName },
      tools: [
        { tool: { name: 'get_weather', description: 'Get the forecast' }, raw: { name: 'get_weather' } },
      ],
    });
    const answer = structuredOf(await callTool(mcp.client, 'check_server', { server: registryName }));
    expect(answer.server).toMatchObject({ id: serverId, registryName });
    expect(answer.tools).toMatchObject([{ name: 'get_weather', category: 'Read' }]);
  });

  it('search_tools finds tools by words and filters by risk and category', async () => {
    const answer = structuredOf(
      await callTool(mcp.client, 'search_tools', { query: 'delete', category: 'Write', limit: 50 }),
    );
    const tools = answer.tools as { serverId: string; name: string; category: string }[];
    expect(tools.map((tool) => `${tool.serverId}/${tool.name}`)).toContain(`${MEMORY}/delete_entities`);
    expect(new Set(tools.map((tool) => tool.category))).toEqual(new Set(['Write']));
    const low = structuredOf(await callTool(mcp.client, 'search_tools', { query: 'read', risk: 'Low' }));
    expect((low.tools as { risk: string }[]).every((tool) => tool.risk === 'Low')).toBe(true);
    expect(low.count).toBeGreaterThan(0);
  });

  it('classify_tools classifies a document given as JSON or as text, and stores nothing', async () => {
    const document = {
      server: { name: 'io.example/mcp-test' },
      tools: [
        { name: 'read_note', description: 'Read a note by id', inputSchema: { type: 'object' } },
        {
          name: 'run_command',
          description: 'Run a shell command on the host',
          inputSchema: { type: 'object' },
        },
      ],
    };
    const answer = structuredOf(await callTool(mcp.client, 'classify_tools', { document }));
    expect(answer.tools).toMatchObject([
      { index: 0, name: 'read_note', category: 'Read' },
      { index: 1, name: 'run_command', category: 'Execute', risk: 'Critical' },
    ]);
    expect(answer.summary).toMatchObject({ toolCount: 2, highestRisk: 'Critical' });
    const asText = structuredOf(
      await callTool(mcp.client, 'classify_tools', { document: JSON.stringify(document) }),
    );
    expect(asText.tools).toEqual(answer.tools);
    const servers = await listServers(mcp.world.db.db, { limit: 100, q: 'mcp-test' });
    expect(servers.servers).toEqual([]);
  });

  it('get_policy returns the policy file the API serves, in each format asked for', async () => {
    for (const format of ['json', 'yaml', 'codex'] as const) {
      const result = await callTool(mcp.client, 'get_policy', { server: MEMORY, format, profile: 'strict' });
      const answer = structuredOf(result);
      const api = await mcp.world.app.inject(`/v1/servers/${MEMORY}/policy?format=${format}&profile=strict`);
      expect(answer).toMatchObject({ serverId: MEMORY, profile: 'strict', format, content: api.body });
      expect(result.content.some((item) => item.type === 'text' && item.text === api.body)).toBe(true);
    }
  });

  it('check_stack answers a pasted configuration as POST /v1/stacks/check does, with the stack policy asked for', async () => {
    const config = readFileSync(`${CONFIGS_DIR}/claude-desktop/claude_desktop_config.json`, 'utf8');
    const files = [{ name: 'claude_desktop_config.json', text: config }];
    const result = await callTool(mcp.client, 'check_stack', {
      config,
      file: 'claude_desktop_config.json',
      profile: 'strict',
      format: 'codex',
    });
    expect(result.isError).toBeFalsy();
    const { policy, ...check } = structuredOf(result);
    const api = await mcp.world.app.inject({
      method: 'POST',
      url: '/v1/stacks/check?profile=strict',
      payload: { files },
    });
    expect(check).toEqual(api.json());
    const servers = check.servers as { name: string; match: { status: string } }[];
    expect(servers.map((server) => [server.name, server.match.status])).toContainEqual([
      'filesystem',
      'catalogue',
    ]);
    expect((check.flows as unknown[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain('ghp_R3alLook1ng');
    const file = await mcp.world.app.inject({
      method: 'POST',
      url: '/v1/stacks/policy?format=codex&profile=strict',
      payload: { files },
    });
    expect(policy).toEqual({ format: 'codex', content: file.body });
    expect(parseToml(file.body)).toHaveProperty('mcp_servers.filesystem');
    expect(result.content.map((item) => item.type === 'text' && item.text)).toEqual([
      expect.stringMatching(
        /^\d+ servers \(\d+ in the catalogue\), \d+ tools, \d+ flows, \d+ open under strict/,
      ),
      file.body,
    ]);
    // A configuration given as a JSON object reads as the same text would.
    const asObject = structuredOf(await callTool(mcp.client, 'check_stack', { config: JSON.parse(config) }));
    expect(asObject.servers).toEqual(
      structuredOf(await callTool(mcp.client, 'check_stack', { config })).servers,
    );
  });

  describe('bad input is a tool error with a stable code, never a protocol error', () => {
    // name, tool, arguments, code, and (where the case is new enough to have one) what the message must say
    const cases: [string, string, Record<string, unknown>, string, RegExp?][] = [
      ['an unknown server', 'check_server', { server: 'no-such-server' }, 'SERVER_NOT_FOUND'],
      ['an unknown tool', 'check_tool', { server: MEMORY, tool: 'no_such_tool' }, 'TOOL_NOT_FOUND'],
      ['an unknown server for a policy', 'get_policy', { server: 'no-such-server' }, 'SERVER_NOT_FOUND'],
      ['a server of the wrong type', 'check_server', { server: 42 }, 'VALIDATION_FAILED'],
      ['a missing argument', 'check_tool', { server: MEMORY }, 'VALIDATION_FAILED'],
      ['an unknown risk level', 'search_tools', { query: 'file', risk: 'Extreme' }, 'VALIDATION_FAILED'],
      ['an over-long server id', 'check_server', { server: 'x'.repeat(201) }, 'ID_TOO_LONG'],
      // (NUL never reaches a tool over HTTP: the API's request guard answers it 400 TEXT_INVALID for any route.)
      ['a control character', 'check_server', { server: 'a\u0007b' }, 'TEXT_INVALID'],
      ['malformed JSON text', 'classify_tools', { document: '{"tools": [' }, 'DOCUMENT_INVALID'],
      ['a document without tools', 'classify_tools', { document: { server: {} } }, 'DOCUMENT_INVALID'],
      ['a document of the wrong type', 'classify_tools', { document: 7 }, 'VALIDATION_FAILED'],
      [
        '10,000 tools',
        'classify_tools',
        { document: { tools: Array.from({ length: 10_000 }, (_, index) => ({ name: `t${index}` })) } },
        'TOO_MANY_TOOLS',
      ],
      [
        'a document over 5 MB',
        'classify_tools',
        { document: `{"tools":[${' '.repeat(5 * 1024 * 1024)}]}` },
        'BODY_TOO_LARGE',
      ],
      [
        'a configuration that does not parse',
        'check_stack',
        { config: '{"mcpServers": {' },
        'DOCUMENT_INVALID',
      ],
      [
        'a configuration that is not an object',
        'check_stack',
        { config: '[1, 2]' },
        'DOCUMENT_INVALID',
        /CONFIG_NOT_OBJECT/,
      ],
      [
        'a configuration of the wrong type',
        'check_stack',
        { config: 7 },
        'VALIDATION_FAILED',
        /^VALIDATION_FAILED: \/config: /,
      ],
      [
        'an unknown client',
        'check_stack',
        { config: '{}', client: 'emacs' },
        'VALIDATION_FAILED',
        /\/client/,
      ],
      [
        'a configuration over 1 MiB',
        'check_stack',
        { config: `{"mcpServers":{}${' '.repeat(1024 * 1024)}}` },
        'BODY_TOO_LARGE',
        /^BODY_TOO_LARGE: \/config: 1048593 bytes, more than the 1048576 allowed$/,
      ],
    ];
    it.each(cases)('%s', async (_name, tool, args, code, message) => {
      const result = await callTool(mcp.client, tool, args);
      expect(errorCodeOf(result)).toBe(code);
      if (message)
        expect(result.content).toMatchObject([{ type: 'text', text: expect.stringMatching(message) }]);
    });

    it('an unknown tool name', async () => {
      expect(errorCodeOf(await callTool(mcp.client, 'drop_catalogue', {}))).toBe('NOT_FOUND');
    });
  });

  it('GET /mcp is 405: the server is stateless and offers no stream', async () => {
    const response = await mcp.world.app.inject({
      method: 'GET',
      url: '/mcp',
      headers: { accept: 'text/event-stream' },
    });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('POST');
  });
});

describe('MCP over streamable HTTP is rate limited as the API is', () => {
  it('answers 429 RATE_LIMITED past TOOLRISK_RATE_LIMIT_PER_MINUTE requests', async () => {
    const mcp = await openHttpMcpWorld('pglite', { TOOLRISK_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const post = () =>
        fetch(mcp.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
        });
      // The client's connect used some of the three already (initialize, initialized).
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 4; attempt += 1) statuses.push((await post()).status);
      expect(statuses).toContain(429);
      const limited = await post();
      expect(limited.status).toBe(429);
      expect(await limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    } finally {
      await mcp.close();
    }
  });
});
