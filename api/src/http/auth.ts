// API keys on requests: `Authorization: Bearer <key>`, looked up by its sha256, with scopes.
import { type Database, findActiveKey, hashKey, type KeyScope } from '@toolrisk/db';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.js';

/** The bearer token of a request, or undefined when none was sent. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Resolves the request's key and checks its scope; 401 without a valid key, 403 without the scope. */
export async function requireKey(
  db: Database,
  request: FastifyRequest,
  scope: KeyScope,
): Promise<{ id: number; name: string }> {
  const token = bearerToken(request);
  if (token === undefined) {
    throw new ApiError('UNAUTHORIZED', 'this request needs an API key: Authorization: Bearer <key>');
  }
  const key = await findActiveKey(db, hashKey(token));
  if (!key) throw new ApiError('UNAUTHORIZED', 'the API key is unknown or revoked');
  if (!key.scopes.includes(scope)) {
    throw new ApiError('FORBIDDEN', `the API key "${key.name}" lacks the scope "${scope}"`);
  }
  return { id: key.id, name: key.name };
}
