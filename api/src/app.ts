// The application as a fastify plugin tree: buildApp(deps) wires routes to their dependencies and never listens.
import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '@toolrisk/db';
import { CONTENT_SECURITY_POLICY, renderNotFoundPage } from '@toolrisk/web';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { AppConfig } from './app-config.js';
import { installErrorHandler, sendError } from './error-handler.js';
import { ClientIdentity } from './http/auth.js';
import { answerClientError, capConnectionsPerClient } from './http/connections.js';
import { CursorSigner } from './http/cursor.js';
import { RequestMetrics } from './http/metrics.js';
import { installHttp } from './http/plugins.js';
import {
  CRAWL_CACHE_MAX_BYTES,
  READ_CACHE_MAX_BYTES,
  READ_CACHE_MAX_ENTRIES,
  READ_CACHE_NOTIFIED_TTL_MS,
  ReadCache,
  readCacheTtlMsOf,
} from './http/read-cache.js';
import { installSecurityHeaders } from './http/security-headers.js';
import { INPUT_LIMITS } from './input/limits.js';
import { installRequestGuard } from './input/request-guard.js';
import { assetRoutes, assetVersion } from './routes/assets.js';
import { classifyRoutes } from './routes/classify.js';
import { crawlRunRoutes } from './routes/crawl-runs.js';
import { healthRoutes } from './routes/health.js';
import { mcpRoutes } from './routes/mcp.js';
import { operationRoutes } from './routes/operations.js';
import { pageRoutes } from './routes/pages.js';
import { policyRoutes } from './routes/policies.js';
import { serverRoutes } from './routes/servers.js';
import { stackPageRoutes } from './routes/stack-pages.js';
import { stackRoutes } from './routes/stacks.js';
import { toolRoutes } from './routes/tools.js';

/** What the routes need from the outside world. */
export interface AppDeps {
  config: Readonly<AppConfig>;
  db: Database;
  /** True when the database answers. */
  ping: () => Promise<boolean>;
  /**
   * Tells the app of each committed write to the catalogue by any process (LISTEN/NOTIFY on PostgreSQL), so its
   * read cache is dropped at once rather than after its TTL; resolves to a function that stops listening.
   */
  onCatalogueChange?: ((listener: () => void) => Promise<() => Promise<void>>) | undefined;
  /**
   * True when onCatalogueChange hears every process's writes (DbHandle.isChangeFeedComplete): the read cache then
   * keeps answers for READ_CACHE_NOTIFIED_TTL_MS, since a change drops them anyway, instead of READ_CACHE_TTL_MS.
   */
  isChangeFeedComplete?: boolean | undefined;
  /**
   * The same as onCatalogueChange for crawl runs, their failures and jobs (DbHandle.onCrawlChange): with a complete
   * feed the crawl-run reports are cached until a crawl writes; without one they are read afresh on every request.
   */
  onCrawlChange?: ((listener: () => void) => Promise<() => Promise<void>>) | undefined;
}

/** The app's fastify instance, typed by TypeBox schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** fastify's trustProxy for the setting: a hop count trusts that many proxies nearest the server. */
function trustProxyOf(
  setting: AppDeps['config']['trustProxy'],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof setting !== 'number') return setting;
  return (_address, hop) => hop < setting;
}

/**
 * The crawl-run reports' own cache, dropped by every write to crawl runs, failures or jobs (a crawl writes them as it
 * goes, and its progress must show at once); only with a complete feed, since a TTL would show a running crawl late.
 */
async function crawlCacheOf(app: App, deps: AppDeps): Promise<ReadCache | undefined> {
  if (!deps.onCrawlChange || deps.isChangeFeedComplete !== true) return undefined;
  const crawlCache = new ReadCache({
    ttlMs: READ_CACHE_NOTIFIED_TTL_MS,
    maxEntries: READ_CACHE_MAX_ENTRIES,
    maxBytes: CRAWL_CACHE_MAX_BYTES,
  });
  const unlisten = await deps.onCrawlChange(() => crawlCache.invalidate());
  app.addHook('onClose', async () => unlisten());
  return crawlCache;
}

/** Builds the app; tests call `app.inject`, server.ts calls `listen`. */
export async function buildApp(
  deps: AppDeps,
  options: { logger?: FastifyServerOptions['logger'] } = {},
): Promise<App> {
  const limits = deps.config.server;
  const app = Fastify({
    logger: options.logger ?? false,
    // Decided by the operator (TOOLRISK_TRUST_PROXY), never guessed: request.ip is what rate limits key on.
    trustProxy: trustProxyOf(deps.config.trustProxy),
    // Timeouts a slow or silent client cannot outlast (Node answers 408 through answerClientError).
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // How often Node looks for requests past their timeouts: at least once a second.
      connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.headersTimeoutMs)),
    },
    clientErrorHandler: answerClientError,
    // Malformed URLs and over-long parameters are problem+json too.
    frameworkErrors: sendError,
    // Longer than any limited path field, so the schema (not the router) names a too-long id or name.
    routerOptions: { maxParamLength: 4 * Math.max(INPUT_LIMITS.id.max, INPUT_LIMITS.name.max) },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 5 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  const site = { publicUrl: deps.config.publicUrl, assetVersion: await assetVersion() };
  installErrorHandler(app, {
    html: renderNotFoundPage(site, 'No page has this address.').value,
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
  });
  capConnectionsPerClient(app, limits.maxConnectionsPerClient);
  installSecurityHeaders(app);
  installRequestGuard(app);
  const metrics = new RequestMetrics();
  const identity = new ClientIdentity(deps.db, { authFailuresPerMinute: deps.config.authFailuresPerMinute });
  await installHttp(app, deps.config, metrics, identity);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  // One cache per app (never per module), so an app built on a changed database never sees another's entries.
  const readCache = new ReadCache({
    ttlMs: readCacheTtlMsOf(deps),
    maxEntries: READ_CACHE_MAX_ENTRIES,
    maxBytes: READ_CACHE_MAX_BYTES,
  });
  const cursors = new CursorSigner(deps.config.cursorKey);
  if (deps.onCatalogueChange) {
    // Writes by other instances and workers reach this instance's cache through the database's notifications.
    const unlisten = await deps.onCatalogueChange(() => readCache.invalidate());
    app.addHook('onClose', async () => unlisten());
  }
  const crawlCache = await crawlCacheOf(app, deps);

  // The route list: one plugin per resource.
  await app.register(healthRoutes, deps);
  await app.register(serverRoutes, { ...deps, readCache, cursors });
  await app.register(policyRoutes, { ...deps, readCache });
  await app.register(toolRoutes, { ...deps, readCache, cursors });
  await app.register(classifyRoutes, { ...deps, readCache, identity });
  await app.register(crawlRunRoutes, { ...deps, cursors, crawlCache });
  await app.register(stackRoutes, deps);
  await app.register(operationRoutes, { ...deps, metrics });
  await app.register(assetRoutes, deps);
  await app.register(pageRoutes, { ...deps, readCache, cursors });
  await app.register(stackPageRoutes, deps);
  // MCP over streamable HTTP (api/src/mcp/): the same read-only catalogue, under the same rate limit.
  await app.register(mcpRoutes, deps);
  return app;
}
