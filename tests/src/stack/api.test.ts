// Guarantees of POST /v1/stacks/check and /v1/stacks/policy on both engines: the scan's answer, matched against the
// seeded catalogue (packages and remote URLs in SQL), problem+json for bad bodies, and the stack policy as a file.
import { readFileSync } from 'node:fs';
import { parse as parseToml } from 'smol-toml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiWorld, openApiWorld } from '../api/world.js';
import { ENGINES } from '../harness/db.js';
import { CONFIGS_DIR } from './reference-stack.js';

const desktop = readFileSync(`${CONFIGS_DIR}/claude-desktop/claude_desktop_config.json`, 'utf8');
const vscode = readFileSync(`${CONFIGS_DIR}/vscode/.vscode/mcp.json`, 'utf8');

describe.each(ENGINES)('stack endpoints on %s', (engine) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await openApiWorld(engine);
  });
  afterAll(async () => world?.close());

  it('checks a pasted Claude Desktop and VS Code stack: matches, flows with chains and rules, issues; the OpenAPI shape', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/v1/stacks/check',
      payload: {
        files: [
          { name: 'claude_desktop_config.json', text: desktop },
          { name: '.vscode/mcp.json', text: vscode },
        ],
      },
    });
    expect(response.statusCode).toBe(200);
    await world.checkAgainstOpenApi('POST', '/v1/stacks/check', response);
    const answer = response.json<{
      servers: { name: string; client: string; match: { status: string; serverId?: string } }[];
      flows: {
        id: string;
        breakingRules: { tool: string; rule: string }[];
        carrier: { server: string };
        source?: { server: string };
        owasp: { id: string }[];
      }[];
      issues: { code: string; owasp: { id: string }[] }[];
    }>();
    const matches = Object.fromEntries(
      answer.servers.map((server) => [`${server.client}/${server.name}`, server.match.status]),
    );
    expect(matches).toEqual({
      'claude-desktop/filesystem': 'catalogue',
      'claude-desktop/fetch': 'catalogue',
      'claude-desktop/gmail': 'unmatched',
      'claude-desktop/github': 'catalogue',
      'vscode/github': 'unmatched',
      'vscode/fetch': 'catalogue',
      'vscode/brave': 'catalogue',
    });
    const exfiltration = answer.flows.find((flow) => flow.id === 'claude-desktop:exfiltration:fetch');
    expect(exfiltration?.carrier.server).toBe('github');
    expect(exfiltration?.source?.server).toBe('filesystem');
    expect(exfiltration?.breakingRules.map((rule) => rule.rule)).toEqual(Array(4).fill('url_allow_list'));
    expect(answer.issues.map((issue) => issue.code)).toContain('SECRET_IN_PLAIN_TEXT');
    expect(response.body).not.toContain('ghp_R3alLook1ng');
    // Each finding names the OWASP MCP Top 10 risks it relates to: the flow its prompt injection and over-sharing,
    // the written-out secret MCP01; a problem of the file itself none.
    const ids = (item: { owasp: { id: string }[] } | undefined) => item?.owasp.map((risk) => risk.id);
    expect(ids(exfiltration)).toEqual(['MCP06:2025', 'MCP10:2025']);
    for (const issue of answer.issues)
      expect(ids(issue)).toEqual(issue.code === 'SECRET_IN_PLAIN_TEXT' ? ['MCP01:2025'] : []);
  });

  it('the stack policy downloads in a chosen format with the breaking rules', async () => {
    const response = await world.app.inject({
      method: 'POST',
      url: '/v1/stacks/policy?format=codex&profile=balanced',
      payload: { files: [{ name: 'claude_desktop_config.json', text: desktop }] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/toml; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="stack.balanced.codex.config.toml"',
    );
    expect(response.body).toContain('[mcp_servers.fetch]');
    expect(response.body).toContain('breaks claude-desktop:exfiltration:fetch');
  });

  it('a Codex stack whose servers a.b and a_b share one Codex name is valid TOML with one table, and the report header lists both', async () => {
    const fetch = { command: 'npx', args: ['-y', '@tokenizin/mcp-npx-fetch'] };
    const config = JSON.stringify({ mcpServers: { 'a.b': fetch, a_b: fetch } });
    const response = await world.app.inject({
      method: 'POST',
      url: '/v1/stacks/policy?format=codex&profile=balanced',
      payload: { files: [{ name: 'claude_desktop_config.json', text: config }] },
    });
    expect(response.statusCode).toBe(200);
    const servers = (parseToml(response.body) as { mcp_servers: Record<string, unknown> }).mcp_servers;
    expect(Object.keys(servers)).toEqual(['a_b']);
    expect(response.headers['toolrisk-policy-notes-count']).toBe('1');
    const notes = JSON.parse(String(response.headers['toolrisk-policy-notes'])) as {
      kind: string;
      key: string;
      names: { server: string }[];
    }[];
    expect(notes).toMatchObject([
      { kind: 'merged', key: 'a_b', names: [{ server: 'a.b' }, { server: 'a_b' }] },
    ]);
    expect(response.body).toContain('# NAMES: server "a.b", server "a_b" are one server in codex');
  });

  it('a malformed file is an issue in a 200 answer; a body without files, an unknown key or format is a 400 problem', async () => {
    const broken = await world.app.inject({
      method: 'POST',
      url: '/v1/stacks/check',
      payload: {
        files: [
          { name: 'config.toml', text: '[mcp_servers.x\ncommand = 1' },
          { name: '.mcp.json', text: '{"mcpServers": {}}' },
        ],
      },
    });
    expect(broken.statusCode).toBe(200);
    expect(broken.json<{ issues: { code: string; file: string }[] }>().issues[0]).toMatchObject({
      code: 'CONFIG_MALFORMED',
      file: 'config.toml',
    });
    const empty = await world.app.inject({ method: 'POST', url: '/v1/stacks/check', payload: { files: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    expect(empty.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
    const extra = await world.app.inject({
      method: 'POST',
      url: '/v1/stacks/check',
      payload: { files: [{ name: 'a', text: '{}', secret: 1 }] },
    });
    expect(extra.statusCode).toBe(400);
    const format = await world.app.inject({
      method: 'POST',
      url: '/v1/stacks/policy?format=xml',
      payload: { files: [{ name: 'a', text: '{}' }] },
    });
    expect(format.statusCode).toBe(400);
    expect(format.json<{ code: string }>().code).toBe('VALIDATION_FAILED');
  });
});
