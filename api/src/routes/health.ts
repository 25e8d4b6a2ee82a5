// Liveness and readiness probes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { sendUnavailable } from '../error-handler.js';
import { problems } from '../schemas/problem.js';

/** A readiness probe answers within this even when the database hangs rather than refuses. */
export const READY_PING_TIMEOUT_MS = 2_000;

/** True when `ping` answers true within timeoutMs. */
async function answersWithin(ping: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([ping().catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** GET /healthz (the process answers) and /readyz (the database answers too; else 503 UNAVAILABLE). */
export const healthRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { ping }) => {
  const Status = (description: string) => Type.Object({ status: Type.String() }, { description });
  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness: the process answers',
        tags: ['operations'],
        response: { 200: Status('The process answers') },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' };
    },
  );
  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: the database answers within 2 s',
        tags: ['operations'],
        response: { 200: Status('The database answers'), ...problems(503) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      if (await answersWithin(ping, READY_PING_TIMEOUT_MS)) return { status: 'ready' };
      return sendUnavailable(request, reply);
    },
  );
};
