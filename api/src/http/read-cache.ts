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
  /** Body bytes kept at most (default: no bound beyond maxEntries); the oldest-filled entries go first. */
  maxBytes?: number;
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
  /** The body's size once it is known (0 while loading or absent). */
  bytes: number;
}

/**
 * The most a cached body may lag the database, for writes made by other processes (crawls); writes made through
 * this app invalidate at once. Why a TTL rather than validating each hit: validating costs a database round trip
 * per request, the very cost the cache exists to save. The catalogue already tells clients and proxies to reuse
 * these responses for CATALOGUE_MAX_AGE_SECONDS (60 s), so 10 s more on the server stays well inside that.
 */
export const READ_CACHE_TTL_MS = 10_000;

/**
 * The most a cached body may lag the database when every process's writes are notified (PostgreSQL's LISTEN): a
 * change drops the cache at once, so the TTL only bounds how long a notification lost without the subscription
 * dropping (which itself drops the cache) could go unnoticed: CATALOGUE_MAX_AGE_SECONDS, what clients and proxies are
 * told they may reuse a response for anyway. Rebuilding every answer each 10 s instead is what made the routes slow
 * (issue 19): 2,000 servers' tool pages reloaded every 5 to 7.5 s are hundreds of loads a second for nothing.
 */
export const READ_CACHE_NOTIFIED_TTL_MS = 60_000;

/** The read cache's TTL for an app: the long one only when a complete change feed invalidates it. */
export function readCacheTtlMsOf(deps: {
  onCatalogueChange?: unknown;
  isChangeFeedComplete?: boolean | undefined;
}): number {
  return deps.onCatalogueChange && deps.isChangeFeedComplete === true
    ? READ_CACHE_NOTIFIED_TTL_MS
    : READ_CACHE_TTL_MS;
}

/** Entries kept at most; the oldest-filled entry goes first (about 2 KB each for a tool). */
export const READ_CACHE_MAX_ENTRIES = 20_000;

/**
 * Body bytes kept at most: list and search pages run to tens of KB, and a client inventing queries must not make
 * the cache hold 20,000 of them. Room for the working set a catalogue's readers walk: 2,000 servers' first tool
 * pages alone are about 70 MB, and a cache smaller than a cyclic walk misses on every request (issue 19's bench).
 */
export const READ_CACHE_MAX_BYTES = 160 * 1024 * 1024;

/** Body bytes the crawl-run reports' cache keeps at most: pages of runs and failures are a few KB each. */
export const CRAWL_CACHE_MAX_BYTES = 16 * 1024 * 1024;

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

/**
 * Answers from `readCache` under `key`, filling it with `load`'s value as the route's 200 schema serialises it;
 * resolves to undefined, having sent nothing, when `load` finds nothing (absent answers are never kept).
 */
export async function sendCachedJson(
  readCache: ReadCache,
  reply: FastifyReply,
  key: string,
  load: () => Promise<unknown>,
): Promise<FastifyReply | undefined> {
  const cached = await readCache.get(key, async () => {
    const value = await load();
    if (value === undefined) return undefined;
    const body = bodyBytes(reply.serialize(value));
    return { body, etag: etagOf(body), headers: { 'content-type': 'application/json; charset=utf-8' } };
  });
  return cached ? sendCached(reply, cached) : undefined;
}

/** Serialised responses by key; a miss runs `load` once however many requests are waiting for it. */
export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
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
    if (hit) this.remove(key);
    if (this.options.ttlMs <= 0) return load();
    const value = load().then(
      (body) => {
        // Absent answers and failures are not kept: the next request asks again.
        if (body === undefined) this.forget(key, entry);
        else this.account(key, entry, body);
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
    this.bytes = 0;
  }

  /** Body bytes held now. */
  get heldBytes(): number {
    return this.bytes;
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
      bytes: 0,
    };
  }

  private store(key: string, entry: Entry): void {
    this.remove(key);
    if (this.entries.size >= this.options.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.remove(oldest.value);
    }
    this.entries.set(key, entry);
  }

  /** Counts a loaded body against maxBytes, dropping the oldest other entries while over it. */
  private account(key: string, entry: Entry, body: CachedBody): void {
    if (this.entries.get(key) !== entry) return;
    const maxBytes = this.options.maxBytes ?? Number.POSITIVE_INFINITY;
    // A body over the whole budget is served to those waiting for it but not kept (nor does it evict others).
    if (body.body.length > maxBytes) {
      this.remove(key);
      return;
    }
    entry.bytes = body.body.length;
    this.bytes += entry.bytes;
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= maxBytes) break;
      if (oldest !== key) this.remove(oldest);
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes;
    this.entries.delete(key);
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
        if (body === undefined) this.remove(key);
        else {
          const entry = this.entryOf(Promise.resolve(body), startedAtMs);
          this.store(key, entry);
          this.account(key, entry, body);
        }
      },
      () => {
        // Keep serving the stale body until it expires; the next request tries again.
        stale.isRefreshing = false;
      },
    );
  }

  private forget(key: string, entry: Entry): void {
    if (this.entries.get(key) === entry) this.remove(key);
  }
}
