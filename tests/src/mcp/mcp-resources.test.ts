// toolrisk's MCP server beyond its tools: check_server by package, command or URL; resources and templates; the review prompt.
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { storeClassifiedSnapshot } from '@toolrisk/crawler/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, freshId } from '../harness/db.js';
import { callTool, errorCodeOf, type HttpMcpWorld, openHttpMcpWorld, structuredOf } from './world.js';

const MEMORY = 'modelcontextprotocol-server-memory';
const MEMORY_PACKAGE = '@modelcontextprotocol/server-memory';

async function rejectionOf(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof McpError)) throw new Error(`expected an McpError, got ${String(error)}`);
  return error;
}

describe.each(ENGINES)('MCP resources, prompt and server references (%s)', (engine) => {
  let mcp: HttpMcpWorld;
  let remoteServerId: string;
  const remoteUrl = `https://mcp.example.test/${freshId('remote')}/mcp`;
  const repository = `https://github.com/example-org/${freshId('repo')}`;
  beforeAll(async () => {
    mcp = await openHttpMcpWorld(engine);
    const stored = await storeClassifiedSnapshot(mcp.world.db.db, {
      id: freshId('remote-server'),
      remotes: [{ type: 'streamable-http', url: remoteUrl }],
      repository: { url: repository, source: 'github' },
      packages: [{ registryType: 'pypi', identifier: 'example-remote-mcp', version: '1.2.0' }],
      source: { kind: 'registry', ref: 'test' },
      tools: [
        {
          tool: { name: 'drop_table', description: 'Drop a table from the database permanently' },
          raw: { name: 'drop_table' },
        },
      ],
    });
    remoteServerId = stored.serverId;
  });
  afterAll(async () => {
    await mcp?.close();
  });

  describe('check_server finds a server by what a user has at hand', () => {
    const memoryCases: [string, string][] = [
      ['its npm package', MEMORY_PACKAGE],
      ['its package with a version', `${MEMORY_PACKAGE}@2026.8.31`],
      ['the npx command that launches it', `npx -y ${MEMORY_PACKAGE}`],
      ['a pnpm dlx command', `pnpm dlx ${MEMORY_PACKAGE}@latest`],
      ['its npm package page', `https://www.npmjs.com/package/${MEMORY_PACKAGE}`],
    ];
    it.each(memoryCases)('%s', async (_name, server) => {
      const answer = structuredOf(await callTool(mcp.client, 'check_server', { server }));
      expect((answer.server as { id: string }).id).toBe(MEMORY);
    });

    const remoteCases: [string, () => string][] = [
      ['its remote URL', () => remoteUrl],
      ['its remote URL with a trailing slash', () => `${remoteUrl}/`],
      ['its repository URL', () => `${repository}.git`],
      ['a PyPI package pinned with ==', () => 'example-remote-mcp==1.2.0'],
      ['a uvx command', () => 'uvx --from example-remote-mcp example-remote-mcp'],
    ];
    it.each(remoteCases)('%s', async (_name, server) => {
      const answer = structuredOf(await callTool(mcp.client, 'check_server', { server: server() }));
      expect((answer.server as { id: string }).id).toBe(remoteServerId);
      expect(answer.tools).toMatchObject([{ name: 'drop_table', risk: 'Critical' }]);
    });

    it('a command that runs no catalogued package is SERVER_NOT_FOUND naming what was looked for', async () => {
      const result = await callTool(mcp.client, 'check_server', { server: 'node ./my-server.js --port 3' });
      expect(errorCodeOf(result)).toBe('SERVER_NOT_FOUND');
      expect(JSON.stringify(result.content)).toContain('package, command or URL');
    });
  });

  it('lists resource templates for servers and tools, and the servers as resources', async () => {
    const { resourceTemplates } = await mcp.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
      'toolrisk://servers/{id}',
      'toolrisk://servers/{id}/tools/{name}',
    ]);
    const uris: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await mcp.client.listResources(cursor === undefined ? {} : { cursor });
      uris.push(...page.resources.map((resource) => resource.uri));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect(uris).toContain(`toolrisk://servers/${MEMORY}`);
    expect(uris.length).toBeGreaterThanOrEqual(37);
  });

  it('reads a server resource as check_server answers it, and a tool resource as check_tool does', async () => {
    const server = await mcp.client.readResource({ uri: `toolrisk://servers/${MEMORY}` });
    const [content] = server.contents;
    expect(content).toMatchObject({ uri: `toolrisk://servers/${MEMORY}`, mimeType: 'application/json' });
    const fromResource: unknown = JSON.parse(content && 'text' in content ? content.text : '');
    expect(fromResource).toEqual(
      structuredOf(await callTool(mcp.client, 'check_server', { server: MEMORY })),
    );

    const tool = await mcp.client.readResource({ uri: `toolrisk://servers/${MEMORY}/tools/delete_entities` });
    const [toolContent] = tool.contents;
    const toolAnswer: unknown = JSON.parse(toolContent && 'text' in toolContent ? toolContent.text : '');
    const checked = structuredOf(
      await callTool(mcp.client, 'check_tool', { server: MEMORY, tool: 'delete_entities' }),
    );
    expect(toolAnswer).toEqual(checked);
    expect(checked.tool).toMatchObject({ name: 'delete_entities', category: 'Write' });
  });

  describe('an unknown resource is MCP\'s "resource not found" (-32002) with the toolrisk code', () => {
    const cases: [string, string, string][] = [
      ['an unknown server', 'toolrisk://servers/no-such-server', 'SERVER_NOT_FOUND'],
      ['an unknown tool', `toolrisk://servers/${MEMORY}/tools/no_such_tool`, 'TOOL_NOT_FOUND'],
      ['another scheme', 'file:///etc/passwd', 'NOT_FOUND'],
      ['a malformed escape', 'toolrisk://servers/%E0%A4%A', 'NOT_FOUND'],
    ];
    it.each(cases)('%s', async (_name, uri, code) => {
      const error = await rejectionOf(mcp.client.readResource({ uri }));
      expect(error.code).toBe(-32002);
      expect(error.data).toEqual({ uri, code });
    });
  });

  it('offers the review_server prompt, which embeds the server entry and asks for a verdict', async () => {
    const { prompts } = await mcp.client.listPrompts();
    expect(prompts).toMatchObject([
      {
        name: 'review_server',
        title: 'Review this server before I connect it',
        arguments: [{ name: 'server' }],
      },
    ]);
    const prompt = await mcp.client.getPrompt({
      name: 'review_server',
      arguments: { server: `npx -y ${MEMORY_PACKAGE}` },
    });
    const [instructions, entry] = prompt.messages;
    expect(instructions?.content).toMatchObject({ type: 'text' });
    expect(instructions?.content.type === 'text' ? instructions.content.text : '').toContain(
      'riskiest tools',
    );
    expect(entry?.content).toMatchObject({
      type: 'resource',
      resource: { uri: `toolrisk://servers/${MEMORY}`, mimeType: 'application/json' },
    });
    const embedded = entry?.content.type === 'resource' ? entry.content.resource : undefined;
    const parsed: unknown = JSON.parse(embedded && 'text' in embedded ? embedded.text : '');
    expect(parsed).toEqual(structuredOf(await callTool(mcp.client, 'check_server', { server: MEMORY })));
  });

  it('the prompt for an unknown server is an invalid-params error naming SERVER_NOT_FOUND', async () => {
    const error = await rejectionOf(
      mcp.client.getPrompt({ name: 'review_server', arguments: { server: 'nope-x' } }),
    );
    expect(error.code).toBe(-32602);
    expect(error.message).toContain('SERVER_NOT_FOUND');
  });
});
