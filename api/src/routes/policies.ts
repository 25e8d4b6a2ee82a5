// Starter policies of catalogue servers and tools as downloadable files in any policy format.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getServer, getTool, listServerTools } from '@toolrisk/db';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { ApiError } from '../errors.js';
import { bodyBytes, etagOf, type ReadCache, sendCached } from '../http/read-cache.js';
import { POLICY_NOTE_HEADER_SCHEMAS, type PolicyFile, policyFile, policyNoteHeaders } from '../policies.js';
import { ServerParams, ToolParams } from '../schemas/catalogue.js';
import { problems } from '../schemas/problem.js';
import { PolicyQuery } from '../schemas/requests.js';

/** The policy file in its format's media type: a JSON one is an object, the others text (POLICY_FORMAT_FILES). */
const PolicyResponse = {
  description: 'The starter policy file, named in content-disposition',
  headers: POLICY_NOTE_HEADER_SCHEMAS,
  content: {
    'application/json': { schema: Type.Object({}, { additionalProperties: true }) },
    'application/yaml': { schema: Type.String() },
    'application/toml': { schema: Type.String() },
    'text/plain': { schema: Type.String() },
  },
};

function fileHeaders(file: PolicyFile): Record<string, string> {
  return {
    'content-type': `${file.contentType}; charset=utf-8`,
    'content-disposition': `attachment; filename="${file.filename}"`,
    ...policyNoteHeaders(file.notes),
  };
}

/** GET /v1/servers/{id}/policy and /v1/servers/{id}/tools/{name}/policy. */
export const policyRoutes: FastifyPluginAsyncTypebox<AppDeps & { readCache: ReadCache }> = async (
  app,
  { db, readCache },
) => {
  app.get(
    '/v1/servers/:id/policy',
    {
      schema: {
        summary: "A starter policy for a server's current tools",
        tags: ['policies'],
        params: ServerParams,
        querystring: PolicyQuery,
        response: { 200: PolicyResponse, ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { profile, format, pin } = request.query;
      // Served from the read cache (see READ_CACHE_TTL_MS for the staleness bound): one query per server per TTL.
      const key = `server-policy\u0000${id}\u0000${profile}\u0000${format}\u0000${pin}`;
      const cached = await readCache.get(key, async () => {
        const server = await getServer(db, id);
        if (!server) return undefined;
        const rows = await listServerTools(db, server.id);
        const file = policyFile(server.registryName ?? server.id, rows, request.query, server.id);
        const body = bodyBytes(file.body);
        return { body, etag: etagOf(body), headers: fileHeaders(file) };
      });
      if (!cached) throw new ApiError('SERVER_NOT_FOUND', `no server with id "${id}"`);
      return sendCached(reply, cached);
    },
  );

  app.get(
    '/v1/servers/:id/tools/:name/policy',
    {
      schema: {
        summary: 'A starter policy for one tool',
        tags: ['policies'],
        params: ToolParams,
        querystring: PolicyQuery,
        response: { 200: PolicyResponse, ...problems(400, 404, 429) },
      },
    },
    async (request, reply) => {
      const { id, name } = request.params;
      const { profile, format, pin } = request.query;
      // Served from the read cache (see READ_CACHE_TTL_MS for the staleness bound): one query per tool per TTL.
      const key = `policy\u0000${id}\u0000${name}\u0000${profile}\u0000${format}\u0000${pin}`;
      const cached = await readCache.get(key, async () => {
        const row = await getTool(db, id, name);
        if (!row) return undefined;
        const file = policyFile(id, [row], request.query, `${id}.${name}`);
        const body = bodyBytes(file.body);
        return { body, etag: etagOf(body), headers: fileHeaders(file) };
      });
      if (!cached) {
        if (!(await getServer(db, id))) throw new ApiError('SERVER_NOT_FOUND', `no server with id "${id}"`);
        throw new ApiError('TOOL_NOT_FOUND', `server "${id}" has no tool "${name}"`);
      }
      return sendCached(reply, cached);
    },
  );
};
