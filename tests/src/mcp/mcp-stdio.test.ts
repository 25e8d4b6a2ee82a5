// `toolrisk mcp`: the built CLI as a stdio MCP server on its own seeded PGlite directory, driven by the SDK's Client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callTool, errorCodeOf, openStdioMcpWorld, type StdioMcpWorld, structuredOf } from './world.js';

describe('toolrisk mcp over stdio', () => {
  let mcp: StdioMcpWorld;
  beforeAll(async () => {
    mcp = await openStdioMcpWorld();
  });
  afterAll(async () => {
    await mcp?.close();
  });

  it('introduces itself as toolrisk with the tools capability', () => {
    expect(mcp.client.getServerVersion()?.name).toBe('toolrisk');
    expect(mcp.client.getServerCapabilities()?.tools).toBeDefined();
  });

  it('check_tool answers a seeded destructive tool from the catalogue it seeded', async () => {
    const result = await callTool(mcp.client, 'check_tool', {
      server: 'modelcontextprotocol-server-filesystem',
      tool: 'move_file',
    });
    expect(result.isError).toBeFalsy();
    const answer = structuredOf(result);
    expect(answer.server).toMatchObject({ id: 'modelcontextprotocol-server-filesystem' });
    expect(answer.tool).toMatchObject({ name: 'move_file', category: 'Write' });
    expect(mcp.stderr()).toContain('seeded');
  });

  it('check_server on the memory server puts a destructive tool first', async () => {
    const answer = structuredOf(
      await callTool(mcp.client, 'check_server', { server: 'modelcontextprotocol-server-memory' }),
    );
    const [first] = answer.tools as { name: string; factors: string[] }[];
    expect(first?.factors).toContain('destructive');
  });

  it('an unknown server is a SERVER_NOT_FOUND tool error', async () => {
    expect(errorCodeOf(await callTool(mcp.client, 'check_server', { server: 'nope' }))).toBe(
      'SERVER_NOT_FOUND',
    );
  });
});
