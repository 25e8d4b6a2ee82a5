// The cross-cutting HTTP layer: body parsing, OpenAPI, CORS, rate limits, caching, compression and metrics.
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../app-config.js';
import { OPENAPI_COMPONENTS } from '../schemas/components.js';
import type { ClientIdentity } from './auth.js';
import { installJsonParser } from './body.js';
import { installCaching } from './caching.js';
import { installMetrics, type RequestMetrics } from './metrics.js';
import { refineOpenApi } from './openapi.js';

/** Probes and scrapes are never rate limited: an orchestrator must always reach them. */
const UNLIMITED_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/** Registers every cross-cutting plugin and hook; call before the routes so they see all of them. */
export async function installHttp(
  app: FastifyInstance,
  config: Readonly<AppConfig>,
  metrics: RequestMetrics,
  identity: ClientIdentity,
): Promise<void> {
  installJsonParser(app);
  installMetrics(app, metrics);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'toolrisk',
        version: '1',
        description: 'A catalogue of MCP tool risk classifications and starter gateway policies.',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'toolrisk keys create' } },
      },
    },
    // The document describes the API: routes with a tag. Pages, assets, /mcp and the docs themselves have none.
    hideUntagged: true,
    transformObject: (document) =>
      'openapiObject' in document
        ? refineOpenApi(document.openapiObject, OPENAPI_COMPONENTS)
        : document.swaggerObject,
  });
  // Open for reads from any origin; writes need a key, which browsers never send cross-origin here.
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'HEAD'],
    exposedHeaders: ['etag', 'x-request-id'],
    // A bare OPTIONS (no Origin or Access-Control-Request-Method) is answered 204 too, never a text/plain 400.
    strictPreflight: false,
  });
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // Per verified key, else per client address: an invented bearer value earns no bucket of its own.
    keyGenerator: (request) =>
      UNLIMITED_ROUTES.has(request.routeOptions.url ?? '')
        ? `ip:${request.ip}`
        : identity.rateLimitKey(request),
    allowList: (request) => UNLIMITED_ROUTES.has(request.routeOptions.url ?? ''),
  });
  installCaching(app);
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip', 'deflate'] });
}
