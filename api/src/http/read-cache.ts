// A bounded in-process cache of serialised GET responses, each kept at most `ttlMs` and shared by concurrent misses.
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** A serialised response body, its strong ETag and its other headers, computed once when the entry is filled. */
export interface CachedBody {
  body: string | Buffer;
  etag: string;
  headers: Record<string, string>;
}

/** How long and how many entries a ReadCache keeps, and its clock (tests pass their own). */
export interface ReadCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
}

interface Entry {
  expiresAtMs: number;
  value: Promise<CachedBody | undefined>;
}

/**
 * Why a TTL rather than per-request validation: validating would cost a database round trip per request, the very
 * cost the cache exists to save. The catalogue already tells clients and proxies to reuse these responses for
 * CATALOGUE_MAX_AGE_SECONDS (60 s); the server keeps them for far less (READ_CACHE_TTL_MS), so this adds at most
 * that much staleness for writes made by other processes (crawls). Writes made through this app invalidate at once.
 */
export const READ_CACHE_TTL_MS = 5_000;

/** Entries kept at most; the oldest-filled entry goes first (about 2 KB each for a tool). */
export const READ_CACHE_MAX_ENTRIES = 20_000;

/** The strong ETag of a body: its sha256, base64url, quoted. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/** Text for a cache entry from what `reply.serialize` answers (a serializer may answer bytes). */
export function bodyText(serialised: string | ArrayBuffer | Buffer): string | Buffer {
  if (typeof serialised === 'string' || Buffer.isBuffer(serialised)) return serialised;
  return Buffer.from(serialised);
}

/** Sends a cached body as it was serialised (fastify sends a string or buffer with its content type as is). */
export function sendCached(reply: FastifyReply, cached: CachedBody): FastifyReply {
  return reply.headers(cached.headers).header('etag', cached.etag).send(cached.body);
}

/** Serialised responses by key; a miss runs `load` once however many requests are waiting for it. */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;

  constructor(private readonly options: ReadCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  /** The cached body of `key`, or what `load` answers (undefined, e.g. not found, is not kept). */
  get(key: string, load: () => Promise<CachedBody | undefined>): Promise<CachedBody | undefined> {
    const nowMs = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAtMs > nowMs) return hit.value;
    if (hit) this.entries.delete(key);
    if (this.options.ttlMs <= 0) return load();
    const value = load().then(
      (body) => {
        // Absent answers and failures are not kept: the next request asks again.
        if (body === undefined) this.forget(key, entry);
        return body;
      },
      (error: unknown) => {
        this.forget(key, entry);
        throw error;
      },
    );
    const entry: Entry = { expiresAtMs: nowMs + this.options.ttlMs, value };
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
    return value;
  }

  /** Drops every entry: the app wrote to the catalogue (writes are rare, so no finer bookkeeping). */
  invalidate(): void {
    this.entries.clear();
  }

  /** How many entries are held (expired ones included until next asked for). */
  get size(): number {
    return this.entries.size;
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}
