// Server-rendered pages: the API gathers their data, @toolrisk/web renders it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CONTENT_SECURITY_POLICY, renderHomePage, renderToolPage } from '@toolrisk/web';
import type { AppDeps } from '../app.js';
import { ApiError } from '../errors.js';
import { presentClassification } from '../present.js';
import { getServer, getTool, listServers } from '../queries/catalogue.js';
import { ToolParams } from '../schemas/catalogue.js';

/** GET / and GET /servers/{id}/tools/{name}, as HTML. */
export const pageRoutes: FastifyPluginAsyncTypebox<AppDeps> = async (app, { db, config }) => {
  const site = { publicUrl: config.publicUrl };
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
    }
    return payload;
  });

  app.get('/', async (_request, reply) => {
    const page = await listServers(db, { limit: 100 });
    return reply.type('text/html; charset=utf-8').send(renderHomePage(site, { servers: page.servers }).value);
  });

  app.get('/servers/:id/tools/:name', { schema: { params: ToolParams } }, async (request, reply) => {
    const server = await getServer(db, request.params.id);
    const row = server ? await getTool(db, server.id, request.params.name) : undefined;
    if (!server || !row) throw new ApiError('NOT_FOUND', 'no such tool');
    const tool = {
      ...row.tool,
      classification: row.classification ? presentClassification(row.classification) : null,
    };
    return reply.type('text/html; charset=utf-8').send(renderToolPage(site, { server, tool }).value);
  });
};
