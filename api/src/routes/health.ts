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
  // Probes asked while one is in flight share its answer: a hundred pollers cost one ping, not a hundred queued ones
  // (an embedded PGlite answers one statement at a time, so each ping waited behind the others).
  let inFlight: Promise<boolean> | undefined;
  const isReady = (): Promise<boolean> => {
    inFlight ??= answersWithin(ping, READY_PING_TIMEOUT_MS).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
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
      if (await isReady()) return { status: 'ready' };
      return sendUnavailable(request, reply);
    },
  );
};
