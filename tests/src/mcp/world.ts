// The MCP suites' world: a seeded catalogue behind a listening app, and SDK clients over streamable HTTP or stdio.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { type ApiWorld, openApiWorld } from '../api/world.js';
import { TOOLRISK_BIN } from '../harness/process.js';

/** A client of the app's /mcp over a real loopback socket, and the world behind it. */
export interface HttpMcpWorld {
  world: ApiWorld;
  client: Client;
  url: URL;
  close: () => Promise<void>;
}

/** Opens a seeded world on the engine, listens on 127.0.0.1, and connects an SDK client to /mcp. */
export async function openHttpMcpWorld(
  engine: 'pglite' | 'postgres',
  env: Record<string, string> = {},
): Promise<HttpMcpWorld> {
  const world = await openApiWorld(engine, env);
  const address = await world.app.listen({ host: '127.0.0.1', port: 0 });
  const url = new URL('/mcp', address);
  const client = new Client({ name: 'toolrisk-tests', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(url));
  return {
    world,
    client,
    url,
    close: async () => {
      await client.close();
      await world.close();
    },
  };
}

/** A `toolrisk mcp` child on its own PGlite directory, and an SDK client on its stdio. */
export interface StdioMcpWorld {
  client: Client;
  stderr: () => string;
  close: () => Promise<void>;
}

/** Spawns the built CLI's `toolrisk mcp` (which migrates and seeds its empty directory) and connects a client. */
export async function openStdioMcpWorld(): Promise<StdioMcpWorld> {
  const dataDir = await mkdtemp(join(tmpdir(), 'toolrisk-mcp-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [TOOLRISK_BIN, 'mcp'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LOG_LEVEL: 'warn',
      TOOLRISK_DATA_DIR: join(dataDir, 'pglite'),
    },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'toolrisk-tests', version: '1' });
  await client.connect(transport);
  return {
    client,
    stderr: () => stderr,
    close: async () => {
      await client.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A tool call's structuredContent as a record (fails the test when there is none). */
export function structuredOf(result: CallToolResult): Record<string, unknown> {
  const content = result.structuredContent;
  if (!content) throw new Error(`no structuredContent in ${JSON.stringify(result).slice(0, 300)}`);
  return content;
}

/** The code of a tool error result, read from its `_meta` and checked against its `CODE: message` text. */
export function errorCodeOf(result: CallToolResult): string {
  if (result.isError !== true) throw new Error(`not a tool error: ${JSON.stringify(result).slice(0, 300)}`);
  const error = result._meta?.['io.toolrisk/error'];
  if (typeof error !== 'object' || error === null || !('code' in error) || typeof error.code !== 'string') {
    throw new Error('a tool error without its code in _meta');
  }
  const [first] = result.content;
  if (first?.type !== 'text' || !first.text.startsWith(`${error.code}: `)) {
    throw new Error('the text of a tool error does not start with its code');
  }
  return error.code;
}

/** Calls a tool; the result parsed by the SDK's own schema, so its content is typed. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<CallToolResult> {
  return CallToolResultSchema.parse(await client.callTool({ name, arguments: args }));
}
