// The application as a fastify plugin tree: buildApp(deps) wires routes to their dependencies and never listens.
import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '@toolrisk/db';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { AppConfig } from './app-config.js';
import { installErrorHandler } from './error-handler.js';
import { RequestMetrics } from './http/metrics.js';
import { installHttp } from './http/plugins.js';
import { READ_CACHE_MAX_ENTRIES, READ_CACHE_TTL_MS, ReadCache } from './http/read-cache.js';
import { assetRoutes } from './routes/assets.js';
import { classifyRoutes } from './routes/classify.js';
import { healthRoutes } from './routes/health.js';
import { operationRoutes } from './routes/operations.js';
import { pageRoutes } from './routes/pages.js';
import { policyRoutes } from './routes/policies.js';
import { serverRoutes } from './routes/servers.js';
import { toolRoutes } from './routes/tools.js';

/** What the routes need from the outside world. */
export interface AppDeps {
  config: Readonly<AppConfig>;
  db: Database;
  /** True when the database answers. */
  ping: () => Promise<boolean>;
}

/** The app's fastify instance, typed by TypeBox schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Builds the app; tests call `app.inject`, server.ts calls `listen`. */
export async function buildApp(
  deps: AppDeps,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<App> {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 5 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandler(app);
  const metrics = new RequestMetrics();
  await installHttp(app, deps.config, metrics);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  // One cache per app (never per module), so an app built on a changed database never sees another's entries.
  const readCache = new ReadCache({ ttlMs: READ_CACHE_TTL_MS, maxEntries: READ_CACHE_MAX_ENTRIES });

  // The route list: one plugin per resource.
  await app.register(healthRoutes, deps);
  await app.register(serverRoutes, { ...deps, readCache });
  await app.register(policyRoutes, { ...deps, readCache });
  await app.register(toolRoutes, deps);
  await app.register(classifyRoutes, { ...deps, readCache });
  await app.register(operationRoutes, { ...deps, metrics });
  await app.register(assetRoutes, deps);
  await app.register(pageRoutes, { ...deps, readCache });
  return app;
}
