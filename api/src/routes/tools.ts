// The catalogue across servers: full-text tool search, counts, and the feed of definition changes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { catalogueStats, listChanges, searchTools } from '@toolrisk/db';
import type { AppDeps } from '../app.js';
import { ApiError } from '../errors.js';
import type { CursorSigner } from '../http/cursor.js';
import { type ReadCache, sendCachedJson } from '../http/read-cache.js';
import { presentTool } from '../present.js';
import { problems } from '../schemas/problem.js';
import { ChangesQuery, ToolSearchQuery } from '../schemas/requests.js';
import { ChangePageSchema, StatsSchema, ToolPageSchema } from '../schemas/responses.js';

const enc = encodeURIComponent;

/** GET /v1/tools, /v1/stats and /v1/changes. */
export const toolRoutes: FastifyPluginAsyncTypebox<
  AppDeps & { readCache: ReadCache; cursors: CursorSigner }
> = async (app, { db, readCache, cursors }) => {
  // Each answer is cached by its URL (READ_CACHE_TTL_MS bounds the staleness); a forged cursor is refused first.
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
    async (request, reply) => {
      const cursor = cursors.open(request.query.cursor);
      return sendCachedJson(readCache, reply, `json\u0000${request.url}`, async () => {
        const page = await searchTools(db, { ...request.query, cursor });
        const nextCursor = cursors.sign(page.nextCursor);
        return {
          tools: page.tools.map(presentTool),
          metadata: { count: page.tools.length, ...(nextCursor ? { nextCursor } : {}) },
        };
      });
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
    async (_request, reply) =>
      sendCachedJson(readCache, reply, 'json\u0000/v1/stats', () => catalogueStats(db)),
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
    async (request, reply) => {
      const { since, limit } = request.query;
      const cursor = cursors.open(request.query.cursor);
      const after = sinceOf(since);
      return sendCachedJson(readCache, reply, `json\u0000${request.url}`, async () => {
        const page = await listChanges(db, { limit, cursor, since: after });
        const nextCursor = cursors.sign(page.nextCursor);
        return {
          changes: page.changes.map((change) => ({
            serverId: change.serverId,
            name: change.name,
            definitionHash: change.definitionHash,
            seenAt: change.seenAt.toISOString(),
            kind: change.isNewTool ? ('added' as const) : ('changed' as const),
            links: { tool: `/v1/servers/${enc(change.serverId)}/tools/${enc(change.name)}` },
          })),
          metadata: { count: page.changes.length, ...(nextCursor ? { nextCursor } : {}) },
        };
      });
    },
  );
};

/** The earliest `since` accepted: the catalogue holds nothing older, and PostgreSQL refuses year 0. */
const EARLIEST_SINCE_MS = Date.UTC(1970, 0, 1);

/** A `since` as a date; a time before 1970 (or one the format check let through but Date cannot read) is a 400. */
function sinceOf(since: string | undefined): Date | undefined {
  if (since === undefined) return undefined;
  const ms = Date.parse(since);
  if (!Number.isFinite(ms) || ms < EARLIEST_SINCE_MS) {
    throw new ApiError(
      'VALIDATION_FAILED',
      '/querystring/since: must be a time from 1970-01-01T00:00:00Z on',
      {
        errors: [{ path: '/querystring/since', message: 'must be a time from 1970-01-01T00:00:00Z on' }],
      },
    );
  }
  return new Date(ms);
}
