// Pages benchmark: a generated catalogue of 1,000,000 tools (BENCH_TOOLS), written with generate_series by
// @toolrisk/db/testing's generateCatalogue, then the home page, search (words, filters, a later page), server pages and
// tool pages, each under autocannon at 50 connections; prints req/s, p50 and p99 per page against the 50 ms target.
//
// Engine: PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, the server in a child process so autocannon never
// shares its event loop), or BENCH_ENGINE=pglite (an in-memory PGlite in this process; set BENCH_TOOLS lower: a
// million rows take PGlite minutes to write). BENCH_REUSE=1 keeps the PostgreSQL database toolrisk_pages_<tools>;
// BENCH_DURATION_S sets seconds per page (default 10).
import { fileURLToPath, pathToFileURL } from 'node:url';
import { preparePglite, preparePostgres, serverCount } from './catalogue.js';
import { figuresOf, forkServer, isClean, load, serveChild } from './load.js';

const TARGET_TOOLS = Number(process.env.BENCH_TOOLS ?? 1_000_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const REUSE = process.env.BENCH_REUSE === '1';
const ENGINE = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const CONNECTIONS = 50;
const P99_TARGET_MS = 50;

/** The app on the database, listening on a free port. */
async function listenApp(handle) {
  const { buildApp } = await import('@toolrisk/api');
  const { loadConfig } = await import('@toolrisk/cli/testing');
  const config = loadConfig({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, db: handle.db, ping: handle.ping });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, address };
}

/** The child of a PostgreSQL run: the app on the database, its address sent back, stopped on message. */
async function startApp({ url }) {
  const { createDb } = await import('@toolrisk/db');
  const handle = await createDb({ databaseUrl: url, maxConnections: 20 });
  const { app, address } = await listenApp(handle);
  return {
    reply: { address },
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** The search paths: words (ranked), camelCase and snake words, filters alone, words and a filter, a later page. */
async function searchPaths(address) {
  const paths = [
    '/search?q=delete%20item',
    '/search?q=github',
    '/search?q=send%20message',
    '/search?q=runTable',
    '/search?q=update_order_7',
    '/search?q=stripe&risk=High',
    '/search?risk=Critical',
    '/search?factor=destructive',
    '/search?category=Execute',
    '/search?q=notion%20page',
  ];
  const first = await (await fetch(`${address}/search?q=delete%20item`)).text();
  const next = /href="(\/search\?[^"]*cursor=[^"]*)" rel="next"/.exec(first)?.[1];
  if (next) paths.push(next.replaceAll('&amp;', '&'));
  return paths;
}

/** Runs the benchmark and prints its figures; resolves to them. */
export async function run() {
  let address;
  let cleanup;
  let generatedSeconds;
  let sample;
  if (ENGINE === 'postgres') {
    const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('set BENCH_DATABASE_URL or TEST_DATABASE_URL (or BENCH_ENGINE=pglite)');
    const prepared = await preparePostgres({
      adminUrl,
      name: 'toolrisk_pages',
      tools: TARGET_TOOLS,
      reuse: REUSE,
    });
    const server = await forkServer(fileURLToPath(import.meta.url), { url: prepared.url });
    ({ address } = server);
    ({ generatedSeconds, sample } = prepared);
    cleanup = async () => {
      await server.stop();
      await prepared.drop();
    };
  } else {
    const prepared = await preparePglite({ tools: TARGET_TOOLS });
    const { handle } = prepared;
    ({ generatedSeconds, sample } = prepared);
    const listening = await listenApp(handle);
    address = listening.address;
    cleanup = async () => {
      await listening.app.close();
      await handle.close();
    };
  }
  try {
    const enc = encodeURIComponent;
    const runs = {
      home: ['/'],
      search: await searchPaths(address),
      server: sample.servers.map((id) => `/servers/${enc(id)}`),
      tool: sample.tools.map(([serverId, name]) => `/servers/${enc(serverId)}/tools/${enc(name)}`),
    };
    const results = {};
    for (const [name, paths] of Object.entries(runs)) {
      await load(address, paths, { connections: CONNECTIONS, durationS: 2 });
      const figures = figuresOf(
        await load(address, paths, { connections: CONNECTIONS, durationS: DURATION_S }),
      );
      // A page that finished no request has no latency to judge (autocannon reports p99 0): that is a miss.
      results[name] = {
        paths: paths.length,
        ...figures,
        meetsTarget: isClean(figures) && figures.p99Ms <= P99_TARGET_MS,
      };
    }
    console.log(
      `catalogue: ${TARGET_TOOLS.toLocaleString('en-US')} tools on ${serverCount(TARGET_TOOLS).toLocaleString('en-US')} servers (${ENGINE}; ${
        generatedSeconds === null ? 'reused' : `generated in ${generatedSeconds.toFixed(1)} s`
      }), ${CONNECTIONS} connections, ${DURATION_S} s per page after 2 s warm-up`,
    );
    console.table(results);
    console.log(
      `target: p99 ≤ ${P99_TARGET_MS} ms at ${CONNECTIONS} connections: ${Object.entries(results)
        .map(([name, figures]) => `${name} ${figures.p99Ms} ms ${figures.meetsTarget ? 'met' : 'MISSED'}`)
        .join(', ')}`,
    );
    return results;
  } finally {
    await cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--serve')) await serveChild(startApp);
  else await run();
}
