// A local fake of the official MCP Registry list endpoint, serving a copy of the real snapshot with injected 503s.
import { readFileSync } from 'node:fs';
import fastify, { type FastifyInstance } from 'fastify';
import { FIXTURES_DIR } from '../harness/paths.js';

/** One registry list item, as the snapshot holds it. */
export interface RegistryItem {
  server: { name: string; version: string; [key: string]: unknown };
  _meta: { 'io.modelcontextprotocol.registry/official': RegistryMeta };
}

/** The official registry meta of one item. */
export interface RegistryMeta {
  status: string;
  publishedAt: string;
  updatedAt: string;
  isLatest: boolean;
}

/** Reads the saved registry snapshot (2,794 version records). */
export function loadRegistrySnapshot(): RegistryItem[] {
  const value: unknown = JSON.parse(readFileSync(`${FIXTURES_DIR}/data/registry-servers.json`, 'utf8'));
  if (!Array.isArray(value)) throw new Error('registry-servers.json is not an array');
  return value as RegistryItem[];
}

/** A running fake registry; `items` may be changed between crawls. */
export interface FakeRegistry {
  url: string;
  items: RegistryItem[];
  /** Every request's query, in order (503s included). */
  requests: Record<string, string>[];
  unavailable: number;
  /** Called with each request's query before it is answered; the answer waits for the promise it returns, if any. */
  onRequest?: ((query: Record<string, string>) => Promise<void> | undefined) | undefined;
  close: () => Promise<void>;
}

/** Starts the fake on 127.0.0.1; every `failEvery`-th request answers 503 (Retry-After: 0); `failAlways` never recovers. */
export async function startFakeRegistry(
  items: RegistryItem[],
  options: { failEvery?: number; failAlways?: boolean; legacyCursor?: boolean } = {},
): Promise<FakeRegistry> {
  const app: FastifyInstance = fastify();
  const state: FakeRegistry = { url: '', items, requests: [], unavailable: 0, close: () => app.close() };
  const list = async (
    request: { query: unknown },
    reply: { code: (n: number) => { header: (k: string, v: string) => { send: (b: unknown) => unknown } } },
  ) => {
    const query = (request.query ?? {}) as Record<string, string>;
    state.requests.push(query);
    await state.onRequest?.(query);
    if (options.failAlways || (options.failEvery && state.requests.length % options.failEvery === 0)) {
      state.unavailable++;
      return reply.code(503).header('retry-after', '0').send({ title: 'Service Unavailable' });
    }
    const since = query.updated_since;
    const search = query.search;
    const visible = state.items.filter(
      (item) =>
        (since === undefined || item._meta['io.modelcontextprotocol.registry/official'].updatedAt > since) &&
        (search === undefined || item.server.name.includes(search)),
    );
    const limit = Math.min(Number(query.limit ?? 30), 100);
    // The cursor is opaque to clients; here it is `name:version` of the last item served, as documented.
    const start =
      query.cursor === undefined ? 0 : visible.findIndex((item) => cursorOf(item) === query.cursor) + 1;
    const page = visible.slice(start, start + limit);
    const last = page.at(-1);
    const hasMore = start + limit < visible.length && last !== undefined;
    const metadata =
      hasMore && last
        ? { [options.legacyCursor ? 'next_cursor' : 'nextCursor']: cursorOf(last), count: page.length }
        : { count: page.length };
    return reply.code(200).header('content-type', 'application/json').send({ servers: page, metadata });
  };
  app.get('/v0/servers', list);
  app.get('/v0.1/servers', list);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('fake registry has no port');
  state.url = `http://127.0.0.1:${address.port}`;
  return state;
}

/** The cursor the fake gives after `item`: what a client sends to ask for the page after it. */
export function cursorOf(item: RegistryItem): string {
  return `${item.server.name}:${item.server.version}`;
}
