// The socket level, below fastify's request lifecycle: Node's own 400/408/431 answers and the per-client connection cap.
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { API_ERROR_STATUS, type ApiErrorCode } from '../errors.js';

/** The Node-level failures a client can cause, by Node's error code, with our code. */
const CLIENT_ERRORS: Record<string, { code: ApiErrorCode; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    code: 'REQUEST_TIMEOUT',
    detail: 'the request did not arrive within the request timeout',
  },
  ERR_HTTP_HEADERS_TIMEOUT: {
    code: 'REQUEST_TIMEOUT',
    detail: 'the request headers did not arrive within the headers timeout',
  },
  HPE_HEADER_OVERFLOW: { code: 'HEADERS_TOO_LARGE', detail: 'the request line and headers are too large' },
  HPE_URI_TOO_LONG: { code: 'URI_TOO_LONG', detail: 'the request URI is too long' },
};

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  414: 'URI Too Long',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
};

/** A whole HTTP/1.1 response carrying a problem document, for a socket fastify never made a request of. */
export function rawProblemResponse(code: ApiErrorCode, detail: string): string {
  const status = API_ERROR_STATUS[code];
  const title = REASONS[status] ?? 'Error';
  const body = JSON.stringify({
    type: `https://toolrisk.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title,
    status,
    code,
    detail,
    instance: '',
    requestId: '',
  });
  return [
    `HTTP/1.1 ${status} ${title}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** fastify's `clientErrorHandler`: malformed requests, slow headers or bodies and header overflows as problem+json. */
export function answerClientError(
  this: FastifyInstance,
  error: Error & { code?: string },
  socket: Socket,
): void {
  // A reset or destroyed socket has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = error.code === undefined ? undefined : CLIENT_ERRORS[error.code];
  this.log.debug({ err: error }, 'client error');
  if (socket.writable) {
    socket.end(
      rawProblemResponse(known?.code ?? 'BAD_REQUEST', known?.detail ?? 'the request is not valid HTTP'),
    );
  }
  socket.destroySoon();
}

/** Refuses a client's connections past `maxPerClient` open at once (answered 429, then closed). */
export function capConnectionsPerClient(app: FastifyInstance, maxPerClient: number): void {
  const open = new Map<string, number>();
  app.server.on('connection', (socket: Socket) => {
    const client = socket.remoteAddress ?? 'unknown';
    const count = (open.get(client) ?? 0) + 1;
    open.set(client, count);
    socket.once('close', () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left <= 0) open.delete(client);
      else open.set(client, left);
    });
    if (count > maxPerClient) {
      socket.end(
        rawProblemResponse(
          'TOO_MANY_CONNECTIONS',
          `this client already holds ${maxPerClient} open connections, the most allowed`,
        ),
      );
      socket.destroySoon();
    }
  });
}
