// API keys on requests: `Authorization: Bearer <key>`, looked up by its sha256, with scopes; who a request is for
// rate limits (its verified key, else its address); and the failed authentications of each address, limited.
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

/** How a ClientIdentity counts: failures allowed per address per minute, its clock and its cache bounds. */
export interface ClientIdentityOptions {
  authFailuresPerMinute: number;
  now?: () => number;
  /** How long a key's verification is reused for rate-limit keying (writes always look the key up afresh). */
  verifiedTtlMs?: number;
  maxEntries?: number;
}

const WINDOW_MS = 60_000;

/**
 * Rate-limit keys and authentication with a memory of failures. A bearer value that is not an active key earns no
 * bucket of its own (it is keyed by the client address, as if absent) and counts as a failed authentication; past
 * `authFailuresPerMinute` an address's keys are no longer even looked up, and key-guarded writes answer 429.
 */
export class ClientIdentity {
  private readonly verified = new Map<string, { keyId: number | null; expiresAtMs: number }>();
  private readonly failures = new Map<string, { count: number; windowEndsAtMs: number }>();
  /** Requests whose failure was already counted (by the rate-limit hook), so a request counts once. */
  private readonly counted = new WeakSet<FastifyRequest>();
  private readonly now: () => number;
  private readonly verifiedTtlMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly db: Database,
    private readonly options: ClientIdentityOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.verifiedTtlMs = options.verifiedTtlMs ?? 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The rate-limit bucket of a request: `key:<id>` for an active key, else `ip:<address>`. */
  async rateLimitKey(request: FastifyRequest): Promise<string> {
    const byAddress = `ip:${request.ip}`;
    const token = bearerToken(request);
    if (token === undefined || this.isBlocked(request.ip)) return byAddress;
    let keyId: number | null;
    try {
      keyId = await this.verifiedKeyId(token);
    } catch {
      // The database does not answer: limit by address; a write's own lookup reports the outage.
      return byAddress;
    }
    if (keyId !== null) return `key:${keyId}`;
    this.recordFailure(request);
    return byAddress;
  }

  /** Resolves the request's key and checks its scope; 401 without a valid key, 403 without the scope, 429 past the failures. */
  async requireKey(request: FastifyRequest, scope: KeyScope): Promise<{ id: number; name: string }> {
    const token = bearerToken(request);
    if (token === undefined) {
      throw new ApiError('UNAUTHORIZED', 'this request needs an API key: Authorization: Bearer <key>');
    }
    // A request whose failure the rate-limit hook already counted is that failing attempt itself: it is answered 401.
    if (!this.counted.has(request) && this.isBlocked(request.ip)) {
      const retryAfter = this.retryAfterSeconds(request.ip);
      throw new ApiError(
        'RATE_LIMITED',
        `too many failed authentications from this client; retry in ${retryAfter} seconds`,
        { retryAfter },
      );
    }
    // Looked up afresh, never from the cache: a revoked key must stop writing at once.
    const key = await findActiveKey(this.db, hashKey(token));
    if (!key) {
      this.recordFailure(request);
      throw new ApiError('UNAUTHORIZED', 'the API key is unknown or revoked');
    }
    if (!key.scopes.includes(scope)) {
      throw new ApiError('FORBIDDEN', `the API key "${key.name}" lacks the scope "${scope}"`);
    }
    return { id: key.id, name: key.name };
  }

  private async verifiedKeyId(token: string): Promise<number | null> {
    const hash = hashKey(token);
    const nowMs = this.now();
    const hit = this.verified.get(hash);
    if (hit && nowMs < hit.expiresAtMs) return hit.keyId;
    const key = await findActiveKey(this.db, hash);
    const keyId = key?.id ?? null;
    this.bounded(this.verified).set(hash, { keyId, expiresAtMs: nowMs + this.verifiedTtlMs });
    return keyId;
  }

  private recordFailure(request: FastifyRequest): void {
    if (this.counted.has(request)) return;
    this.counted.add(request);
    const nowMs = this.now();
    const entry = this.failures.get(request.ip);
    if (entry && nowMs < entry.windowEndsAtMs) entry.count += 1;
    else this.bounded(this.failures).set(request.ip, { count: 1, windowEndsAtMs: nowMs + WINDOW_MS });
  }

  private isBlocked(address: string): boolean {
    const entry = this.failures.get(address);
    return (
      entry !== undefined &&
      this.now() < entry.windowEndsAtMs &&
      entry.count >= this.options.authFailuresPerMinute
    );
  }

  private retryAfterSeconds(address: string): number {
    const entry = this.failures.get(address);
    return entry ? Math.max(1, Math.ceil((entry.windowEndsAtMs - this.now()) / 1000)) : 1;
  }

  /** The map, with its oldest entry dropped when full: memory stays bounded whatever clients send. */
  private bounded<V>(map: Map<string, V>): Map<string, V> {
    if (map.size >= this.maxEntries) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
    return map;
  }
}
