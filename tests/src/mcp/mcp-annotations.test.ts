// The MCP server's tool answers carry the effective annotations the API serves, in the shape their output schemas
// declare (the SDK client checks structured content against them), on each engine; and its own hints are honest.
import { classifyDocument, readToolsDocument, toJsonReport } from '@toolrisk/classifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../harness/db.js';
import { callTool, type HttpMcpWorld, openHttpMcpWorld, structuredOf } from './world.js';

const FS = 'modelcontextprotocol-server-filesystem';

describe.each(ENGINES)('effective annotations over MCP (%s)', (engine) => {
  let mcp: HttpMcpWorld;
  beforeAll(async () => {
    mcp = await openHttpMcpWorld(engine);
  });
  afterAll(async () => {
    await mcp?.close();
  });

  it('check_tool answers the effective annotations the API serves for the tool', async () => {
    await mcp.client.listTools();
    const result = await callTool(mcp.client, 'check_tool', { server: FS, tool: 'move_file' });
    expect(result.isError).toBeFalsy();
    const answer = structuredOf(result) as { tool: { effectiveAnnotations: unknown } };
    const api = (await mcp.world.app.inject(`/v1/servers/${FS}/tools/move_file`)).json<{
      classification: { effectiveAnnotations: { destructiveHint: { declared: boolean } } };
    }>();
    expect(answer.tool.effectiveAnnotations).toEqual(api.classification.effectiveAnnotations);
    expect(api.classification.effectiveAnnotations.destructiveHint.declared).toBe(true);
  });

  it('classify_tools answers each tool’s effective annotations against its hints as submitted', async () => {
    await mcp.client.listTools();
    const document = {
      tools: [
        {
          name: 'drop_table',
          description: 'Drop a table from the database',
          annotations: { readOnlyHint: true, destructiveHint: false },
        },
        { name: 'get_user', description: 'Get a user profile', annotations: { readOnlyHint: 'yes' } },
      ],
    };
    const answer = structuredOf(await callTool(mcp.client, 'classify_tools', { document })) as {
      tools: { name: string; effectiveAnnotations: Record<string, unknown> }[];
    };
    expect(answer.tools[0]?.effectiveAnnotations).toMatchObject({
      hasUnsafeMismatch: true,
      mismatches: ['readOnlyHint', 'destructiveHint'],
    });
    expect(answer.tools[1]?.effectiveAnnotations.readOnlyHint).toMatchObject({
      declared: null,
      declaration: 'invalid',
      inferred: true,
    });
    // The same as the JSON report the CLI and POST /v1/classify give.
    const report = toJsonReport(classifyDocument(readToolsDocument(document)));
    expect(answer.tools.map((tool) => tool.effectiveAnnotations)).toEqual(
      report.tools.map((entry) => entry.classification?.effectiveAnnotations),
    );
  });

  it('declares hints on its own tools that the classifier’s verdict does not contradict', async () => {
    const { tools } = await mcp.client.listTools();
    const report = toJsonReport(classifyDocument(readToolsDocument({ server: { name: 'toolrisk' }, tools })));
    expect(report.tools.length).toBeGreaterThan(0);
    for (const entry of report.tools)
      expect([entry.name, entry.classification?.effectiveAnnotations.mismatches]).toEqual([entry.name, []]);
  });
});
