// Operating the service: Prometheus metrics, the OpenAPI document and its readable reference page.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { catalogueSize } from '@toolrisk/db';
import { CONTENT_SECURITY_POLICY, renderDocsPage } from '@toolrisk/web';
import { Type } from 'typebox';
import type { AppDeps } from '../app.js';
import type { RequestMetrics } from '../http/metrics.js';
import { assetVersion } from './assets.js';

/** GET /metrics, /openapi.json and /docs. */
export const operationRoutes: FastifyPluginAsyncTypebox<AppDeps & { metrics: RequestMetrics }> = async (
  app,
  { db, config, metrics },
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

  // The reference page in the site's frame (header, search, footer, site.css), under the pages' CSP.
  const site = { publicUrl: config.publicUrl, assetVersion: await assetVersion() };
  let page: string | undefined;
  app.get('/docs', { schema: { hide: true } }, async (_request, reply) => {
    page ??= renderDocsPage(site, app.swagger()).value;
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'strict-origin-when-cross-origin')
      .send(page);
  });
};
