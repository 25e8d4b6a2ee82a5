// The TtlCache's contract: values live ttlMs, a stale value is served while one reload runs, failures are not kept.
import { describe, expect, it } from 'vitest';
import { TtlCache } from './ttl-cache.js';

describe('TtlCache', () => {
  it('keeps a value ttlMs, then loads it again', async () => {
    let nowMs = 0;
    let loads = 0;
    const cache = new TtlCache<number>({ ttlMs: 100, maxEntries: 10, now: () => nowMs });
    const load = async () => ++loads;
    expect(await cache.get('a', load)).toBe(1);
    nowMs = 99;
    expect(await cache.get('a', load)).toBe(1);
    nowMs = 100;
    expect(await cache.get('a', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('serves a stale value while one background reload runs, and the reloaded value after it', async () => {
    let nowMs = 0;
    let loads = 0;
    let release = () => {};
    const cache = new TtlCache<number>({ ttlMs: 100, staleMs: 1000, maxEntries: 10, now: () => nowMs });
    const slowLoad = () => {
      const n = ++loads;
      return n === 1 ? Promise.resolve(n) : new Promise<number>((resolve) => (release = () => resolve(n)));
    };
    expect(await cache.get('a', slowLoad)).toBe(1);
    nowMs = 500;
    expect(await cache.get('a', slowLoad)).toBe(1);
    expect(await cache.get('a', slowLoad)).toBe(1);
    expect(loads).toBe(2);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.get('a', slowLoad)).toBe(2);
    expect(loads).toBe(2);
  });

  it('makes a request wait past staleMs, and keeps neither a failed load nor the failure of a reload', async () => {
    let nowMs = 0;
    let loads = 0;
    const cache = new TtlCache<number>({ ttlMs: 100, staleMs: 200, maxEntries: 10, now: () => nowMs });
    await expect(cache.get('a', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('a', async () => ++loads)).toBe(1);
    nowMs = 150;
    expect(await cache.get('a', () => Promise.reject(new Error('down')))).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    // The failed reload left the old value, still counted from its own load: past staleMs the request waits.
    nowMs = 250;
    expect(await cache.get('a', async () => ++loads)).toBe(2);
    expect(loads).toBe(2);
  });

  it('drops the oldest entry when full', async () => {
    let loads = 0;
    const cache = new TtlCache<number>({ ttlMs: 1000, maxEntries: 2 });
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('c', load);
    expect(await cache.get('b', load)).toBe(2);
    expect(await cache.get('a', load)).toBe(4);
  });
});
