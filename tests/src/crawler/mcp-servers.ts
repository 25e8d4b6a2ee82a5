// Real MCP servers for introspection tests: the npm reference servers over stdio, and SDK servers over HTTP and SSE.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { FIXTURES_DIR, REPO_ROOT } from '../harness/paths.js';

const require = createRequire(`${REPO_ROOT}crawler/package.json`);

/** The bin script of an installed reference server, run with `node` (no npx, no network). */
export function referenceServer(name: 'server-everything' | 'server-filesystem' | 'server-memory'): string {
  const manifest = require.resolve(`@modelcontextprotocol/${name}/package.json`);
  return join(dirname(manifest), 'dist', 'index.js');
}

/** A hostile fixture script in tests/fixtures/servers. */
export function fixtureServer(name: string): string {
  return `${FIXTURES_DIR}/servers/${name}.mjs`;
}

function demoServer(): McpServer {
  const server = new McpServer({ name: 'demo-http', version: '1.2.3' }, { instructions: 'A demo.' });
  server.registerTool('get_weather', { description: 'Get the weather for a city.' }, async () => ({
    content: [{ type: 'text', text: 'sunny' }],
  }));
  server.registerTool('delete_file', { description: 'Delete a file from disk.' }, async () => ({
    content: [{ type: 'text', text: 'gone' }],
  }));
  return server;
}

/** A running loopback HTTP server and how many TCP connections it accepted. */
export interface RunningServer {
  url: string;
  connections: () => number;
  close: () => Promise<void>;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<RunningServer> {
  let connections = 0;
  const server: Server = createServer(handler);
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    connections: () => connections,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A stateless streamable-HTTP MCP server at /mcp. */
export function startStreamableServer(): Promise<RunningServer> {
  return listen(async (req, res) => {
    if (req.url !== '/mcp' || req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    const server = demoServer();
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
}

/** An SSE MCP server: GET /sse opens the stream, POST /messages carries requests. Other requests get 404. */
export function startSseServer(): Promise<RunningServer> {
  const transports = new Map<string, SSEServerTransport>();
  return listen(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && url.pathname === '/sse') {
      const transport = new SSEServerTransport('/messages', res);
      transports.set(transport.sessionId, transport);
      res.on('close', () => transports.delete(transport.sessionId));
      await demoServer().connect(transport);
      return;
    }
    const transport = transports.get(url.searchParams.get('sessionId') ?? '');
    if (req.method === 'POST' && url.pathname === '/messages' && transport) {
      await transport.handlePostMessage(req, res);
      return;
    }
    res.writeHead(404).end();
  });
}

/**
 * Many servers behind one loopback port: POST /mcp/NAME is a stateless streamable-HTTP MCP server named NAME with
 * one tool, `lookup_NAME`; each request waits `delayMs` first, so an introspection is in flight long enough to be
 * interrupted. The queue tests use it as fixture jobs that need no network and no child process.
 */
export function startFleetServer(options: { delayMs: number }): Promise<RunningServer> {
  return listen(async (req, res) => {
    const match = /^\/mcp\/([\w-]{1,80})$/.exec(req.url ?? '');
    const name = match?.[1];
    if (!name || req.method !== 'POST') {
      res.writeHead(405).end();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, options.delayMs));
    const server = new McpServer({ name, version: '1.0.0' });
    server.registerTool(
      `lookup_${name.replaceAll('-', '_')}`,
      { description: `Look up one record in ${name} by its id.` },
      async () => ({ content: [{ type: 'text', text: 'found' }] }),
    );
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
}
