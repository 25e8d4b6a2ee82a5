// One error handler: expected failures become problem+json with a stable code; our own failures are logged in full.

import { isDatabaseUnavailable, ToolriskDbError, writeOutcomeOf } from '@toolrisk/db';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './app.js';
import { API_ERROR_STATUS, ApiError, type ApiErrorCode, type Problem } from './errors.js';
import { UNAVAILABLE_RETRY_AFTER_SECONDS } from './http/outage.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Fastify's own error codes for bad requests, mapped onto ours. */
const FASTIFY_CODES: Record<string, ApiErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BODY_MALFORMED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BODY_MALFORMED',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BODY_MALFORMED',
  FST_ERR_CTP_INVALID_TYPE: 'BODY_MALFORMED',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH_HEADER: 'BODY_MALFORMED',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'URI_TOO_LONG',
  FST_CP_ERR_INVALID_CONTENT_ENCODING: 'ENCODING_UNSUPPORTED',
  FST_CP_ERR_INVALID_CONTENT: 'BODY_MALFORMED',
};

/** The code of any other 4xx the framework raises, by its status; what is not listed is BAD_REQUEST (400). */
const STATUS_CODES: Record<number, ApiErrorCode> = {
  404: 'NOT_FOUND',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'BODY_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

/** Builds the problem document for a code. */
export function problemOf(
  request: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: `https://toolrisk.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: request.url.split('?')[0] ?? request.url,
    requestId: String(request.id),
    ...extra,
  };
}

function send(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
  if (typeof problem.retryAfter === 'number') reply.header('retry-after', String(problem.retryAfter));
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** Answers any error as problem+json: the app's error handler, and fastify's frameworkErrors (malformed URLs). */
export function sendError(
  error: FastifyError | ApiError | ToolriskDbError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof ApiError) {
    return send(reply, problemOf(request, error.status, error.code, error.message, error.details));
  }
  // The database does not answer (refused, lost, timed out): 503, never a 500 with driver text.
  if (isDatabaseUnavailable(error)) return sendUnavailable(request, reply, error);
  if (error instanceof ToolriskDbError) {
    // The catalogue refuses a page cursor it did not issue: the client's fault, named by its field.
    if (error.code === 'CURSOR_INVALID') {
      return send(
        reply,
        problemOf(request, 400, 'VALIDATION_FAILED', error.message, {
          errors: [{ path: '/querystring/cursor', message: 'unknown cursor' }],
        }),
      );
    }
    request.log.error({ err: error }, 'request failed');
    return send(reply, problemOf(request, 500, 'INTERNAL', 'an internal error occurred; it has been logged'));
  }
  if (error.validation) {
    const errors = error.validation.map((issue) => ({
      path: `/${error.validationContext ?? 'body'}${issue.instancePath}`,
      message: issue.message ?? 'invalid',
    }));
    const first = errors[0];
    const detail = first ? `${first.path}: ${first.message}` : error.message;
    return send(reply, problemOf(request, 400, 'VALIDATION_FAILED', detail, { errors }));
  }
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped) return send(reply, problemOf(request, API_ERROR_STATUS[mapped], mapped, error.message));
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    const code = STATUS_CODES[error.statusCode] ?? 'BAD_REQUEST';
    return send(reply, problemOf(request, API_ERROR_STATUS[code], code, error.message));
  }
  // Our own failure: the log gets everything, the client gets no SQL or driver text.
  request.log.error({ err: error }, 'request failed');
  return send(reply, problemOf(request, 500, 'INTERNAL', 'an internal error occurred; it has been logged'));
}

/** 503 UNAVAILABLE with Retry-After: the database does not answer; the service recovers when it does. */
export function sendUnavailable(request: FastifyRequest, reply: FastifyReply, error?: unknown): FastifyReply {
  request.log.warn({ err: error }, 'database unavailable');
  const retryAfter = UNAVAILABLE_RETRY_AFTER_SECONDS;
  // A client told a write failed must know whether to retry it or read it back first.
  const outcome = SAFE_METHODS.has(request.method) ? undefined : writeOutcomeOf(error);
  const detail =
    outcome === 'unknown'
      ? 'the database stopped answering after the write was sent, so whether it was applied is unknown; read it back before retrying'
      : outcome === 'not-applied'
        ? 'the database is not answering; nothing was written, retry later'
        : 'the database is not answering; retry later';
  return send(
    reply,
    problemOf(request, 503, 'UNAVAILABLE', detail, { retryAfter, ...(outcome ? { outcome } : {}) }),
  );
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The quality (`q`) an Accept header gives a media type, by its exact name only (`*\/*` is no preference). */
function qualityOf(accept: string, type: string): number {
  for (const part of accept.split(',')) {
    const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (name !== type) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const value = q === undefined ? 1 : Number(q.slice(2));
    return Number.isFinite(value) ? value : 0;
  }
  return 0;
}

/**
 * Whether a client asks for HTML before JSON: a browser navigating sends `text/html,...,*\/*;q=0.8`; curl, fetch
 * and API clients send `*\/*` or a JSON type, and get problem+json.
 */
export function prefersHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  const html = Math.max(qualityOf(accept, 'text/html'), qualityOf(accept, 'application/xhtml+xml'));
  const json = Math.max(qualityOf(accept, 'application/json'), qualityOf(accept, 'application/problem+json'));
  return html > 0 && html >= json;
}

/** What the not-found handler answers a browser with: the site's 404 page and its Content-Security-Policy. */
export interface NotFoundPage {
  html: string;
  contentSecurityPolicy: string;
}

/** Installs the error and not-found handlers on the app: an unknown address is HTML for browsers (by `Accept`). */
export function installErrorHandler(app: App, notFoundPage?: NotFoundPage): void {
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => {
    reply.header('vary', 'accept');
    if (notFoundPage && (request.method === 'GET' || request.method === 'HEAD') && prefersHtml(request)) {
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .header('content-security-policy', notFoundPage.contentSecurityPolicy)
        .header('cache-control', 'no-store')
        .send(notFoundPage.html);
    }
    return send(
      reply,
      problemOf(request, 404, 'NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`),
    );
  });
}
