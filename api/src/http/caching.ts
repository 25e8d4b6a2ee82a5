// HTTP caching of GET responses: a strong ETag (sha256 of the body), Cache-Control, and 304 on If-None-Match.
import type { FastifyInstance } from 'fastify';
import { etagOf } from './read-cache.js';

/** Seconds a client or proxy may reuse a catalogue response without asking again. */
export const CATALOGUE_MAX_AGE_SECONDS = 60;

/** True when an If-None-Match header lists the tag (or is `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, '');
    return tag === etag || tag === '*';
  });
}

/** Adds the ETag and Cache-Control hook; register before compression so the tag names the identity body (a route may set the tag itself). */
export function installCaching(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    }
    if (!reply.hasHeader('cache-control')) {
      reply.header('cache-control', `public, max-age=${CATALOGUE_MAX_AGE_SECONDS}`);
    }
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    // A route serving a cached body set its tag when it filled the entry: no need to hash the body again.
    const given = reply.getHeader('etag');
    const etag = typeof given === 'string' ? given : etagOf(payload);
    reply.header('etag', etag);
    if (matchesEtag(request.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
}
