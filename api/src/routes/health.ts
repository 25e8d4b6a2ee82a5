// Liveness and readiness probes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';

/** GET /healthz (the process answers) and /readyz (the database answers too). */
export const healthRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { ping }) => {
  const Status = Type.Object({ status: Type.String() });
  app.get(
    '/healthz',
    { schema: { tags: ['operations'], response: { 200: Status } } },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' };
    },
  );
  app.get(
    '/readyz',
    { schema: { tags: ['operations'], response: { 200: Status, 503: Status } } },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      if (await ping()) return { status: 'ready' };
      return reply.code(503).send({ status: 'database unreachable' });
    },
  );
};
