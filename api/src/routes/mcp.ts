// POST /mcp: the MCP server over streamable HTTP, stateless (a fresh server and transport per request), JSON answers.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.js';
import { MAX_DOCUMENT_BYTES } from '../mcp/classify-answer.js';
import { createMcpServer } from '../mcp/server.js';

/** Room for the JSON-RPC envelope around the largest document classify_tools reads (which then answers BODY_TOO_LARGE). */
const MCP_BODY_LIMIT_BYTES = MAX_DOCUMENT_BYTES + 64 * 1024;

/** The request as a Fetch API Request (no body: fastify has parsed it), for the SDK's web-standard transport. */
function webRequestOf(request: FastifyRequest): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  // The host only builds an absolute URL the transport reads; it is never fetched.
  return new Request(new URL(request.url, 'http://toolrisk.invalid'), { method: request.method, headers });
}

/** A JSON-RPC error answer with no id, as the MCP transports send for requests they refuse. */
function rpcError(message: string) {
  return { jsonrpc: '2.0' as const, error: { code: -32000, message }, id: null };
}

/** POST /mcp (streamable HTTP, stateless); GET and DELETE answer 405, there being no session or server stream. */
export const mcpRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.post('/mcp', { schema: { hide: true }, bodyLimit: MCP_BODY_LIMIT_BYTES }, async (request, reply) => {
    const server = createMcpServer({
      db,
      logError: (error) => request.log.error({ err: error }, 'MCP tool failed'),
    });
    // Stateless: no session ids; JSON answers rather than a stream, so fastify's hooks (headers, metrics) see them.
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    try {
      await server.connect(transport);
      const response = await transport.handleRequest(webRequestOf(request), { parsedBody: request.body });
      reply.code(response.status);
      response.headers.forEach((value, name) => {
        reply.header(name, value);
      });
      const text = await response.text();
      return reply.send(text.length > 0 ? text : undefined);
    } finally {
      await transport.close();
      await server.close();
    }
  });

  app.route({
    method: ['GET', 'DELETE'],
    url: '/mcp',
    schema: { hide: true },
    handler: async (_request, reply) =>
      reply
        .code(405)
        .header('allow', 'POST')
        .send(rpcError('Method not allowed: this server is stateless; POST JSON-RPC messages to /mcp')),
  });
};
