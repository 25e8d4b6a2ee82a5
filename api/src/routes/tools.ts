// The catalogue across servers: full-text tool search, counts, and the feed of definition changes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { catalogueStats, listChanges, searchTools } from '@toolrisk/db';
import type { AppDeps } from '../app.js';
import { presentTool } from '../present.js';
import { problems } from '../schemas/problem.js';
import { ChangesQuery, ToolSearchQuery } from '../schemas/requests.js';
import { ChangePageSchema, StatsSchema, ToolPageSchema } from '../schemas/responses.js';

const enc = encodeURIComponent;

/** GET /v1/tools, /v1/stats and /v1/changes. */
export const toolRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db }) => {
  app.get(
    '/v1/tools',
    {
      schema: {
        summary: 'Search tools across the catalogue by words, risk, category and factor',
        tags: ['catalogue'],
        querystring: ToolSearchQuery,
        response: { 200: ToolPageSchema, ...problems(400, 429) },
      },
    },
    async (request) => {
      const page = await searchTools(db, request.query);
      return {
        tools: page.tools.map(presentTool),
        metadata: { count: page.tools.length, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      };
    },
  );

  app.get(
    '/v1/stats',
    {
      schema: {
        summary: 'Counts of servers and tools, per category, risk level and risk factor',
        tags: ['catalogue'],
        response: { 200: StatsSchema, ...problems(429) },
      },
    },
    async () => catalogueStats(db),
  );

  app.get(
    '/v1/changes',
    {
      schema: {
        summary: 'Definition changes since a time, oldest first, cursor-paged',
        tags: ['catalogue'],
        querystring: ChangesQuery,
        response: { 200: ChangePageSchema, ...problems(400, 429) },
      },
    },
    async (request) => {
      const { since, ...paging } = request.query;
      const page = await listChanges(db, { ...paging, since: since ? new Date(since) : undefined });
      return {
        changes: page.changes.map((change) => ({
          serverId: change.serverId,
          name: change.name,
          definitionHash: change.definitionHash,
          seenAt: change.seenAt.toISOString(),
          kind: change.isNewTool ? ('added' as const) : ('changed' as const),
          links: { tool: `/v1/servers/${enc(change.serverId)}/tools/${enc(change.name)}` },
        })),
        metadata: { count: page.changes.length, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) },
      };
    },
  );
};
