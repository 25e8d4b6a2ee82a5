// Servers and their tools as JSON: the catalogue's read API.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getServer, getToolWithHistory, listServers, listServerToolsPage } from '@toolrisk/db';
import type { AppDeps } from '../app.js';
import { ApiError } from '../errors.js';
import type { CursorSigner } from '../http/cursor.js';
import { bodyBytes, etagOf, type ReadCache, sendCached, sendCachedJson } from '../http/read-cache.js';
import { presentServer, presentTool } from '../present.js';
import {
  ServerPageSchema,
  ServerParams,
  ServerSchema,
  ServerToolsSchema,
  ToolDetailSchema,
  ToolParams,
} from '../schemas/catalogue.js';
import { problems } from '../schemas/problem.js';
import { ServerListQuery, ServerToolsQuery } from '../schemas/requests.js';

/** GET /v1/servers (search, filters, order, cursor paging), /v1/servers/{id}, /v1/servers/{id}/tools (paged by name), /v1/servers/{id}/tools/{name}. */
export const serverRoutes: FastifyPluginAsyncTypebox<
  AppDeps & { readCache: ReadCache; cursors: CursorSigner }
> = async (app, { db, readCache, cursors }) => {
  app.get(
    '/v1/servers',
    {
      schema: {
        summary: 'List servers, cursor-paged as the MCP Registry does',
        tags: ['catalogue'],
        querystring: ServerListQuery,
        response: { 200: ServerPageSchema, ...problems(400, 429) },
      },
    },
    async (request, reply) => {
      // A forged cursor is refused before the cache is asked; pages are cached by their URL (READ_CACHE_TTL_MS).
      const cursor = cursors.open(request.query.cursor);
      return sendCachedJson(readCache, reply, `json\u0000${request.url}`, async () => {
        const page = await listServers(db, { ...request.query, cursor });
        const nextCursor = cursors.sign(page.nextCursor);
        return {
          servers: page.servers.map(presentServer),
          metadata: { count: page.servers.length, ...(nextCursor ? { nextCursor } : {}) },
        };
      });
    },
  );

  app.get(
    '/v1/servers/:id',
    {
      schema: {
        summary: 'One server',
        tags: ['catalogue'],
        params: ServerParams,
        response: { 200: ServerSchema, ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const sent = await sendCachedJson(readCache, reply, `server\u0000${id}`, async () => {
        const server = await getServer(db, id);
        return server ? presentServer(server) : undefined;
      });
      if (!sent) throw new ApiError('SERVER_NOT_FOUND', `no server with id "${id}"`);
      return sent;
    },
  );

  app.get(
    '/v1/servers/:id/tools',
    {
      schema: {
        summary: "A server's current tools with their classifications",
        tags: ['catalogue'],
        params: ServerParams,
        querystring: ServerToolsQuery,
        response: { 200: ServerToolsSchema, ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { limit } = request.query;
      const cursor = cursors.open(request.query.cursor);
      // Keyed by the page asked for: the limit and cursor, not the id alone, choose the tools.
      const key = `server-tools\u0000${id}\u0000${limit}\u0000${cursor ?? ''}`;
      const sent = await sendCachedJson(readCache, reply, key, async () => {
        const server = await getServer(db, id);
        if (!server) return undefined;
        const page = await listServerToolsPage(db, server.id, { limit, cursor });
        const nextCursor = cursors.sign(page.nextCursor);
        return {
          server: presentServer(server),
          tools: page.tools.map(presentTool),
          metadata: {
            count: page.tools.length,
            total: server.toolCount,
            ...(nextCursor ? { nextCursor } : {}),
          },
        };
      });
      if (!sent) throw new ApiError('SERVER_NOT_FOUND', `no server with id "${id}"`);
      return sent;
    },
  );

  app.get(
    '/v1/servers/:id/tools/:name',
    {
      schema: {
        summary: 'One tool: definition, classification and definition history',
        tags: ['catalogue'],
        params: ToolParams,
        response: { 200: ToolDetailSchema, ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { id, name } = request.params;
      // Served from the read cache (see READ_CACHE_TTL_MS for the staleness bound): one query per tool per TTL.
      const cached = await readCache.get(`tool\u0000${id}\u0000${name}`, async () => {
        const row = await getToolWithHistory(db, id, name);
        if (!row) return undefined;
        const body = bodyBytes(
          reply.serialize({
            ...presentTool(row),
            history: row.history.map((version) => ({ ...version, seenAt: version.seenAt.toISOString() })),
          }),
        );
        return { body, etag: etagOf(body), headers: { 'content-type': 'application/json; charset=utf-8' } };
      });
      if (!cached) {
        await requireServer(id);
        throw new ApiError('TOOL_NOT_FOUND', `server "${id}" has no tool "${name}"`);
      }
      return sendCached(reply, cached);
    },
  );

  async function requireServer(id: string) {
    const server = await getServer(db, id);
    if (!server) throw new ApiError('SERVER_NOT_FOUND', `no server with id "${id}"`);
    return server;
  }
};
