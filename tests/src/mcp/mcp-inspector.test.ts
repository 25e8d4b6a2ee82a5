// toolrisk's MCP server driven by the MCP Inspector's own CLI (`--cli`), over stdio and streamable HTTP, on a real catalogue.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedCatalogue, serveCatalogue, TOOLRISK_BIN } from '../harness/process.js';
import { MCP_TOOL_NAMES } from './tool-names.js';

const INSPECTOR_CLI = createRequire(import.meta.url).resolve('@modelcontextprotocol/inspector-cli');
const MEMORY = 'modelcontextprotocol-server-memory';

/** Runs the inspector CLI with ARGS and parses the JSON it prints (after its one-line deprecation banner). */
async function inspect(args: string[]): Promise<Record<string, unknown>> {
  const child = spawn(process.execPath, [INSPECTOR_CLI, '--cli', ...args], {
    // The CLI finds its own package.json relative to the working directory, so it runs from its build folder.
    cwd: dirname(INSPECTOR_CLI),
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const start = stdout.indexOf('{');
  if (code !== 0 || start < 0) throw new Error(`inspector exited ${code}: ${stdout}\n${stderr}`);
  const parsed: unknown = JSON.parse(stdout.slice(start));
  if (typeof parsed !== 'object' || parsed === null) throw new Error(`not a JSON object: ${stdout}`);
  return Object.fromEntries(Object.entries(parsed));
}

interface ListedTool {
  name: string;
  annotations: Record<string, unknown>;
  outputSchema?: unknown;
}

function toolsOf(listed: Record<string, unknown>): ListedTool[] {
  return listed.tools as ListedTool[];
}

function errorCode(result: Record<string, unknown>): unknown {
  expect(result.isError).toBe(true);
  return (result._meta as Record<string, { code: string }>)['io.toolrisk/error']?.code;
}

describe('the MCP Inspector CLI against `toolrisk mcp` over stdio', () => {
  let dataDir: string;
  let target: string[];
  let listed: Record<string, unknown>;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'toolrisk-inspector-'));
    target = [
      '-e',
      `TOOLRISK_DATA_DIR=${join(dataDir, 'pglite')}`,
      '-e',
      'LOG_LEVEL=warn',
      process.execPath,
      TOOLRISK_BIN,
      'mcp',
    ];
    // The first run seeds the empty data directory (the slow part), so it runs under the hook's timeout.
    listed = await inspect([...target, '--method', 'tools/list']);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tools/list names the six tools, each read-only and closed-world with an output schema', async () => {
    const tools = toolsOf(listed);
    expect(tools.map((tool) => tool.name)).toEqual(MCP_TOOL_NAMES);
    for (const tool of tools) {
      expect(tool.annotations).toMatchObject({
        readOnlyHint: true,
        openWorldHint: false,
        destructiveHint: false,
      });
      expect(tool.outputSchema).toMatchObject({ type: 'object' });
    }
  });

  it('tools/call check_tool answers from the seeded catalogue, and a number for a server is VALIDATION_FAILED', async () => {
    const args = ['--method', 'tools/call', '--tool-name', 'check_tool'];
    const answer = await inspect([
      ...target,
      ...args,
      '--tool-arg',
      `server=${MEMORY}`,
      '--tool-arg',
      'tool=delete_entities',
    ]);
    expect(answer.structuredContent).toMatchObject({
      server: { id: MEMORY },
      tool: { name: 'delete_entities', category: 'Write', factors: ['destructive'] },
    });
    // The inspector turns `server=42` into the JSON number 42.
    const wrongType = await inspect([...target, ...args, '--tool-arg', 'server=42', '--tool-arg', 'tool=x']);
    expect(errorCode(wrongType)).toBe('VALIDATION_FAILED');
  });
});

describe('the MCP Inspector CLI against `toolrisk serve` /mcp over streamable HTTP', () => {
  let dataDir: string;
  let served: ServedCatalogue;
  let target: string[];
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'toolrisk-inspector-http-'));
    served = await serveCatalogue({ TOOLRISK_DATA_DIR: join(dataDir, 'pglite') });
    target = [`${served.url}/mcp`, '--transport', 'http'];
  });
  afterAll(async () => {
    await served?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tools/list names the six tools', async () => {
    const tools = toolsOf(await inspect([...target, '--method', 'tools/list']));
    expect(tools.map((tool) => tool.name)).toEqual(MCP_TOOL_NAMES);
  });

  it('tools/call check_server by the npx command puts the riskiest tool first', async () => {
    const answer = await inspect([
      ...target,
      '--method',
      'tools/call',
      '--tool-name',
      'check_server',
      '--tool-arg',
      'server=npx -y @modelcontextprotocol/server-memory',
    ]);
    const structured = answer.structuredContent as { server: { id: string }; tools: { risk: string }[] };
    expect(structured.server.id).toBe(MEMORY);
    const order = ['Critical', 'High', 'Medium', 'Low'];
    const ranks = structured.tools.map((tool) => order.indexOf(tool.risk));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(answer.content).toMatchObject([{ type: 'text' }]);
  });

  it('tools/call get_policy returns a Codex file, and an unknown server is SERVER_NOT_FOUND', async () => {
    const call = ['--method', 'tools/call', '--tool-name', 'get_policy'];
    const policy = await inspect([
      ...target,
      ...call,
      '--tool-arg',
      `server=${MEMORY}`,
      '--tool-arg',
      'format=codex',
    ]);
    expect(policy.structuredContent).toMatchObject({
      format: 'codex',
      filename: expect.stringMatching(/\.toml$/),
    });
    const unknown = await inspect([...target, ...call, '--tool-arg', 'server=no-such-server']);
    expect(errorCode(unknown)).toBe('SERVER_NOT_FOUND');
  });

  it('resources/templates/list and prompts/list show the server and tool templates and the review prompt', async () => {
    const templates = await inspect([...target, '--method', 'resources/templates/list']);
    expect((templates.resourceTemplates as { uriTemplate: string }[]).map((t) => t.uriTemplate)).toEqual([
      'toolrisk://servers/{id}',
      'toolrisk://servers/{id}/tools/{name}',
    ]);
    const prompts = await inspect([...target, '--method', 'prompts/list']);
    expect((prompts.prompts as { name: string }[]).map((prompt) => prompt.name)).toEqual(['review_server']);
  });
});
