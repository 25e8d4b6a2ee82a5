import { describe, expect, it } from 'vitest';
import { retryPolicy } from './backoff.js';
import { fetchText } from './fetch-text.js';

const publicLookup = async () => ['93.184.216.34'];

function scripted(responses: (() => Response)[]) {
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    const next = responses.shift();
    if (!next) throw new Error('no more responses');
    return next();
  };
  return { fetch, calls };
}

describe('fetchText', () => {
  it('retries 503 and 429, waiting what Retry-After says, then returns the body', async () => {
    const waits: number[] = [];
    const { fetch, calls } = scripted([
      () => new Response('busy', { status: 503, headers: { 'retry-after': '2' } }),
      () => new Response('slow down', { status: 429 }),
      () => new Response('{"ok":true}'),
    ]);
    const retry = retryPolicy({ baseDelayMs: 10, sleep: async (ms) => void waits.push(ms) });
    const result = await fetchText('https://registry.example/v0/servers', {
      retry,
      unavailableCode: 'REGISTRY_UNAVAILABLE',
      fetch,
      lookup: publicLookup,
    });
    expect(result).toEqual({ ok: true, text: '{"ok":true}', attempts: 3 });
    expect(calls).toHaveLength(3);
    expect(waits[0]).toBe(2000);
  });

  it('does not retry a 404', async () => {
    const { fetch, calls } = scripted([() => new Response('no', { status: 404 })]);
    const result = await fetchText('https://registry.example/x', {
      retry: retryPolicy({ sleep: async () => {} }),
      unavailableCode: 'LIST_UNAVAILABLE',
      fetch,
      lookup: publicLookup,
    });
    expect(result).toMatchObject({ ok: false, code: 'LIST_UNAVAILABLE' });
    expect(calls).toHaveLength(1);
  });

  it('refuses a redirect to a private address without following it', async () => {
    const { fetch, calls } = scripted([
      () =>
        new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data' } }),
    ]);
    const result = await fetchText('https://list.example/README.md', {
      retry: retryPolicy({ sleep: async () => {} }),
      unavailableCode: 'LIST_UNAVAILABLE',
      fetch,
      lookup: publicLookup,
    });
    expect(result).toMatchObject({ ok: false, code: 'ADDRESS_NOT_ALLOWED' });
    expect(calls).toEqual(['https://list.example/README.md']);
  });
});

describe('fetchText size cap', () => {
  it('stops reading an undeclared body at the cap instead of buffering all of it', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const result = await fetchText('https://list.example/huge.md', {
      retry: retryPolicy({ sleep: async () => {} }),
      unavailableCode: 'LIST_UNAVAILABLE',
      fetch: async () => new Response(endless),
      lookup: publicLookup,
      maxBytes: 1024 * 1024,
    });
    expect(result).toMatchObject({ ok: false, code: 'LIMIT_EXCEEDED' });
    // 1 MB cap in 64 KB chunks: it stopped after about 17 chunks, not at the end of an endless stream.
    expect(pulled).toBeLessThan(40);
  });
});
