// Operating the service: Prometheus metrics, the OpenAPI document and its readable reference page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { catalogueSize } from '@toolrisk/db';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import { DOCS_CONTENT_SECURITY_POLICY, renderDocsPage } from '../docs-page.js';
import type { RequestMetrics } from '../http/metrics.js';

/** GET /metrics, /openapi.json and /docs. */
export const operationRoutes: FastifyPluginAsyncTypebox<AppDeps & { metrics: RequestMetrics }> = async (
  app,
  { db, metrics },
) => {
  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics: requests by route and status, catalogue gauges',
        tags: ['operations'],
        response: {
          200: {
            description: 'Prometheus text format 0.0.4',
            content: { 'text/plain': { schema: Type.String() } },
          },
        },
      },
    },
    async (_request, reply) => {
      const size = await catalogueSize(db);
      const body = metrics.render([
        { name: 'toolrisk_catalogue_servers', help: 'Servers in the catalogue.', value: size.servers },
        { name: 'toolrisk_catalogue_tools', help: 'Current tools in the catalogue.', value: size.tools },
      ]);
      return reply
        .type('text/plain; version=0.0.4; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(body);
    },
  );

  let openapi: string | undefined;
  app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
    openapi ??= JSON.stringify(app.swagger());
    return reply.type('application/json; charset=utf-8').send(openapi);
  });

  let page: string | undefined;
  app.get('/docs', { schema: { hide: true } }, async (_request, reply) => {
    page ??= renderDocsPage(app.swagger());
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', DOCS_CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .send(page);
  });
};
