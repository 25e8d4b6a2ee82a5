// The read cache's contract: entries live ttlMs, concurrent misses load once, absences and failures are not kept.
import { describe, expect, it } from 'vitest';
import {
  type CachedBody,
  etagOf,
  READ_CACHE_NOTIFIED_TTL_MS,
  READ_CACHE_TTL_MS,
  ReadCache,
  readCacheTtlMsOf,
} from './read-cache.js';

const body = (text: string): CachedBody => ({ body: Buffer.from(text), etag: etagOf(text), headers: {} });

describe('ReadCache', () => {
  it('serves an entry, reloads it in the background past its refresh point, and never serves it past ttlMs', async () => {
    let nowMs = 0;
    let loads = 0;
    const cache = new ReadCache({ ttlMs: 1000, maxEntries: 10, now: () => nowMs, random: () => 0 });
    const load = async () => body(`v${++loads}`);
    expect((await cache.get('a', load))?.body.toString()).toBe('v1');
    nowMs = 499;
    expect((await cache.get('a', load))?.body.toString()).toBe('v1');
    expect(loads).toBe(1);
    nowMs = 500;
    // Past the refresh point: the old body still answers while one reload runs.
    expect((await cache.get('a', load))?.body.toString()).toBe('v1');
    expect((await cache.get('a', load))?.body.toString()).toBe('v2');
    expect(loads).toBe(2);
    nowMs = 999;
    expect((await cache.get('a', load))?.body.toString()).toBe('v2');
    // Nobody asked between the refresh point and ttlMs: the next request waits for a fresh body.
    nowMs = 2600;
    expect((await cache.get('a', load))?.body.toString()).toBe('v3');
  });

  it('drops a background reload that finishes after an invalidation', async () => {
    let nowMs = 0;
    let release: () => void = () => {};
    const cache = new ReadCache({ ttlMs: 1000, maxEntries: 10, now: () => nowMs, random: () => 0 });
    await cache.get('a', async () => body('old'));
    nowMs = 600;
    const slow = async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return body('read before the write');
    };
    expect((await cache.get('a', slow))?.body.toString()).toBe('old');
    cache.invalidate();
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await cache.get('a', async () => body('after the write')))?.body.toString()).toBe(
      'after the write',
    );
  });

  it('loads once for concurrent misses of one key', async () => {
    let loads = 0;
    const cache = new ReadCache({ ttlMs: 1000, maxEntries: 10 });
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return body('x');
    };
    await Promise.all([cache.get('a', load), cache.get('a', load), cache.get('a', load)]);
    expect(loads).toBe(1);
  });

  it('keeps neither absent answers nor failures', async () => {
    const cache = new ReadCache({ ttlMs: 1000, maxEntries: 10 });
    expect(await cache.get('a', async () => undefined)).toBeUndefined();
    expect(cache.size).toBe(0);
    await expect(cache.get('b', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.size).toBe(0);
    expect((await cache.get('b', async () => body('up')))?.body.toString()).toBe('up');
  });

  it('drops everything on invalidate and the oldest entry past maxEntries', async () => {
    const cache = new ReadCache({ ttlMs: 1000, maxEntries: 2 });
    await cache.get('a', async () => body('a'));
    await cache.get('b', async () => body('b'));
    await cache.get('c', async () => body('c'));
    expect(cache.size).toBe(2);
    expect((await cache.get('a', async () => body('a2')))?.body.toString()).toBe('a2');
    cache.invalidate();
    expect(cache.size).toBe(0);
  });

  it('holds at most maxBytes of bodies, dropping the oldest first, and never keeps one body larger than that', async () => {
    const cache = new ReadCache({ ttlMs: 1000, maxEntries: 100, maxBytes: 10 });
    await cache.get('a', async () => body('aaaa'));
    await cache.get('b', async () => body('bbbb'));
    expect([cache.size, cache.heldBytes]).toEqual([2, 8]);
    await cache.get('c', async () => body('cccc'));
    // 12 bytes is over 10: the oldest (a) went.
    expect([cache.size, cache.heldBytes]).toEqual([2, 8]);
    let loads = 0;
    expect((await cache.get('b', async () => body(`b${++loads}`)))?.body.toString()).toBe('bbbb');
    expect((await cache.get('a', async () => body(`a${++loads}`)))?.body.toString()).toBe('a1');
    const huge = await cache.get('huge', async () => body('x'.repeat(11)));
    expect(huge?.body.length).toBe(11);
    // b (4), c (4) and a1 (2) stay.
    expect([cache.size, cache.heldBytes]).toEqual([3, 10]);
    expect((await cache.get('huge', async () => body('again')))?.body.toString()).toBe('again');
    cache.invalidate();
    expect([cache.size, cache.heldBytes]).toEqual([0, 0]);
  });

  it('loads every time when ttlMs is 0', async () => {
    let loads = 0;
    const cache = new ReadCache({ ttlMs: 0, maxEntries: 10 });
    await cache.get('a', async () => body(`v${++loads}`));
    await cache.get('a', async () => body(`v${++loads}`));
    expect(loads).toBe(2);
  });

  it('keeps answers for the long TTL only when a complete change feed invalidates them', () => {
    const onCatalogueChange = async () => async () => {};
    expect(readCacheTtlMsOf({ onCatalogueChange, isChangeFeedComplete: true })).toBe(
      READ_CACHE_NOTIFIED_TTL_MS,
    );
    // A shared PGlite's feed misses other processes' writes; without a feed only the TTL bounds staleness.
    expect(readCacheTtlMsOf({ onCatalogueChange, isChangeFeedComplete: false })).toBe(READ_CACHE_TTL_MS);
    expect(readCacheTtlMsOf({ isChangeFeedComplete: true })).toBe(READ_CACHE_TTL_MS);
    expect(READ_CACHE_NOTIFIED_TTL_MS).toBeGreaterThan(READ_CACHE_TTL_MS);
  });
});
