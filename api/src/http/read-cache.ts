// A bounded in-process cache of serialised GET responses, each kept at most `ttlMs` and shared by concurrent misses.
import { createHash } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** A serialised response body, its strong ETag and its other headers, computed once when the entry is filled. */
export interface CachedBody {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
}

/** How long (at most) and how many entries a ReadCache keeps, its clock and its jitter (tests pass their own). */
export interface ReadCacheOptions {
  ttlMs: number;
  maxEntries: number;
  now?: () => number;
  /** A number in [0, 1): where between ttlMs / 2 and ttlMs * 3 / 4 an entry starts reloading. */
  random?: () => number;
}

interface Entry {
  value: Promise<CachedBody | undefined>;
  /** From here a request still gets this body but starts one reload in the background. */
  refreshAtMs: number;
  /** From here the body is too old to serve: a request waits for a reload. */
  expiresAtMs: number;
  isRefreshing: boolean;
}

/**
 * The most a cached body may lag the database, for writes made by other processes (crawls); writes made through
 * this app invalidate at once. Why a TTL rather than validating each hit: validating costs a database round trip
 * per request, the very cost the cache exists to save. The catalogue already tells clients and proxies to reuse
 * these responses for CATALOGUE_MAX_AGE_SECONDS (60 s), so 10 s more on the server stays well inside that.
 */
export const READ_CACHE_TTL_MS = 10_000;

/** Entries kept at most; the oldest-filled entry goes first (about 2 KB each for a tool). */
export const READ_CACHE_MAX_ENTRIES = 20_000;

/** The strong ETag of a body: its sha256, base64url, quoted. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/** Bytes for a cache entry, encoded once here rather than on every response that sends them. */
export function bodyBytes(serialised: string | ArrayBuffer | Buffer): Buffer {
  if (Buffer.isBuffer(serialised)) return serialised;
  return typeof serialised === 'string' ? Buffer.from(serialised, 'utf8') : Buffer.from(serialised);
}

/** Sends a cached body as it was serialised (fastify sends a string or buffer with its content type as is). */
export function sendCached(reply: FastifyReply, cached: CachedBody): FastifyReply {
  return reply.headers(cached.headers).header('etag', cached.etag).send(cached.body);
}

/** Serialised responses by key; a miss runs `load` once however many requests are waiting for it. */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: ReadCacheOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /**
   * The cached body of `key`, or what `load` answers (undefined, e.g. not found, is not kept). Past half to three
   * quarters of ttlMs (jittered, so entries filled together are not reloaded together) a hit starts one reload in
   * the background and is still served; past ttlMs a request waits for the reload. No body served is older than ttlMs.
   */
  get(key: string, load: () => Promise<CachedBody | undefined>): Promise<CachedBody | undefined> {
    const nowMs = this.now();
    const hit = this.entries.get(key);
    if (hit && nowMs < hit.expiresAtMs) {
      if (nowMs >= hit.refreshAtMs && !hit.isRefreshing) this.refresh(key, hit, load, nowMs);
      return hit.value;
    }
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
    const entry = this.entryOf(value, nowMs);
    this.store(key, entry);
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

  private entryOf(value: Promise<CachedBody | undefined>, loadStartedAtMs: number): Entry {
    const { ttlMs } = this.options;
    return {
      value,
      refreshAtMs: loadStartedAtMs + ttlMs * (0.5 + 0.25 * this.random()),
      expiresAtMs: loadStartedAtMs + ttlMs,
      isRefreshing: false,
    };
  }

  private store(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }

  private refresh(
    key: string,
    stale: Entry,
    load: () => Promise<CachedBody | undefined>,
    startedAtMs: number,
  ): void {
    stale.isRefreshing = true;
    load().then(
      (body) => {
        // Invalidated (or replaced) meanwhile: this answer may predate the write, so it is dropped.
        if (this.entries.get(key) !== stale) return;
        if (body === undefined) this.entries.delete(key);
        else this.store(key, this.entryOf(Promise.resolve(body), startedAtMs));
      },
      () => {
        // Keep serving the stale body until it expires; the next request tries again.
        stale.isRefreshing = false;
      },
    );
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }
}
