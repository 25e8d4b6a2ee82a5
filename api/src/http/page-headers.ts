// What every HTML page plugin installs: its Content-Security-Policy and the urlencoded parser of its forms.
import { CONTENT_SECURITY_POLICY } from '@toolrisk/web';
import type { FastifyInstance } from 'fastify';

/** Adds the pages' CSP to every HTML response of the plugin it is installed in. */
export function installPageHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    }
    return payload;
  });
}

/** Parses the forms the pages post (`application/x-www-form-urlencoded`), scoped to the plugin it is installed in. */
export function installFormParser(app: FastifyInstance, bodyLimit: number): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString())));
    },
  );
}
