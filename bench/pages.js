// Pages benchmark: a generated catalogue of 1,000,000 tools (BENCH_TOOLS), written with generate_series by
// @toolrisk/db/testing's generateCatalogue, then the home page, search (words, filters, a later page), server pages and
// tool pages, each under autocannon at 50 connections; prints req/s, p50 and p99 per page against the 50 ms target.
//
// Engine: PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, the server in a child process so autocannon never
// shares its event loop), or BENCH_ENGINE=pglite (an in-memory PGlite in this process; set BENCH_TOOLS lower: a
// million rows take PGlite minutes to write). BENCH_REUSE=1 keeps the PostgreSQL database toolrisk_pages_<tools>;
// BENCH_DURATION_S sets seconds per page (default 10).
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import postgres from 'postgres';

const TARGET_TOOLS = Number(process.env.BENCH_TOOLS ?? 1_000_000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const REUSE = process.env.BENCH_REUSE === '1';
const ENGINE = process.env.BENCH_ENGINE === 'pglite' ? 'pglite' : 'postgres';
const CONNECTIONS = 50;
const TOOLS_PER_SERVER = 40;
/** Every tenth generated server is a registry entry without tools, as in the real catalogue. */
const REGISTRY_ONLY_EVERY = 10;
const P99_TARGET_MS = 50;

/** Servers to generate so that those with tools hold TARGET_TOOLS tools. */
function serverCount() {
  const withTools = Math.ceil(TARGET_TOOLS / TOOLS_PER_SERVER);
  return Math.ceil((withTools * REGISTRY_ONLY_EVERY) / (REGISTRY_ONLY_EVERY - 1));
}

/** The indexes a bulk load is faster without (maintained row by row): dropped before, rebuilt after. */
const LOAD_INDEXES = [
  'tools_search_idx',
  'tools_changed_at_idx',
  'classifications_risk_idx',
  'tool_versions_tool_idx',
  'tool_versions_seen_at_idx',
  'servers_search_idx',
];

/** Migrates and fills a PostgreSQL database with the generated catalogue unless it (reused) already holds it. */
async function preparePostgres(adminUrl) {
  const name = REUSE ? `toolrisk_pages_${TARGET_TOOLS}` : `toolrisk_pages_${randomBytes(4).toString('hex')}`;
  const { createDb } = await import('@toolrisk/db');
  const { createScratchDatabase, generateCatalogue } = await import('@toolrisk/db/testing');
  const database = await createScratchDatabase(adminUrl, { name, keep: REUSE });
  const { url } = database;
  const handle = await createDb({ databaseUrl: url, maxConnections: 2 });
  await handle.migrate();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [{ n }] = await sql`select count(*)::int as n from tools`;
  const started = performance.now();
  if (n < TARGET_TOOLS) {
    await sql.unsafe('truncate servers cascade');
    const indexes = await sql`select indexname, indexdef from pg_indexes where schemaname = 'public'
      and indexname in ${sql(LOAD_INDEXES)}`;
    for (const index of indexes) await sql.unsafe(`drop index ${index.indexname}`);
    await generateCatalogue(handle.db, {
      servers: serverCount(),
      toolsPerServer: TOOLS_PER_SERVER,
      registryOnlyEvery: REGISTRY_ONLY_EVERY,
    });
    await sql.unsafe(`set maintenance_work_mem = '512MB'`);
    for (const index of indexes) await sql.unsafe(index.indexdef);
    await sql.unsafe('analyze');
  }
  const seconds = (performance.now() - started) / 1000;
  const sample = await samplesOf(handle.db);
  await handle.close();
  await sql.end();
  return {
    url,
    generatedSeconds: n < TARGET_TOOLS ? seconds : null,
    sample,
    drop: database.drop,
  };
}

/** A repeatable sample of server and tool pages (every 97th server and tool by id). */
async function samplesOf(db) {
  const { sql } = await import('drizzle-orm');
  const rowsOf = (result) => (Array.isArray(result) ? result : result.rows);
  const servers = rowsOf(
    await db.execute(sql`select id from servers where tool_count > 0 and (hashtext(id) % 97) = 0 limit 2000`),
  );
  const tools = rowsOf(
    await db.execute(sql`select server_id, name from tools where id % 499 = 0 order by id limit 2000`),
  );
  return { servers: servers.map((row) => row.id), tools: tools.map((row) => [row.server_id, row.name]) };
}

/** The app on the database, listening on a free port. */
async function listenApp(handle) {
  const { buildApp } = await import('@toolrisk/api');
  const { loadConfig } = await import('@toolrisk/cli');
  const config = loadConfig({ TOOLRISK_RATE_LIMIT_PER_MINUTE: '1000000', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, db: handle.db, ping: handle.ping });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, address };
}

/** The child of a PostgreSQL run: the app on the database, its address sent back, stopped on message. */
async function serve() {
  const { url } = await new Promise((resolve) => process.once('message', resolve));
  const { createDb } = await import('@toolrisk/db');
  const handle = await createDb({ databaseUrl: url, maxConnections: 20 });
  const { app, address } = await listenApp(handle);
  process.send({ address });
  process.once('message', async () => {
    await app.close();
    await handle.close();
    process.exit(0);
  });
}

function startServer(url) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      resolve({
        address: message.address,
        stop: () =>
          new Promise((done) => {
            child.once('exit', done);
            child.send({ stop: true });
          }),
      });
    });
    child.send({ url });
  });
}

function load(url, paths, duration) {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
  });
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
    const prepared = await preparePostgres(adminUrl);
    const server = await startServer(prepared.url);
    ({ address } = server);
    ({ generatedSeconds, sample } = prepared);
    cleanup = async () => {
      await server.stop();
      await prepared.drop();
    };
  } else {
    const { createDb } = await import('@toolrisk/db');
    const { generateCatalogue } = await import('@toolrisk/db/testing');
    const handle = await createDb({ dataDir: 'memory://' });
    await handle.migrate();
    const started = performance.now();
    await generateCatalogue(handle.db, {
      servers: serverCount(),
      toolsPerServer: TOOLS_PER_SERVER,
      registryOnlyEvery: REGISTRY_ONLY_EVERY,
    });
    generatedSeconds = (performance.now() - started) / 1000;
    sample = await samplesOf(handle.db);
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
      await load(address, paths, 2);
      const result = await load(address, paths, DURATION_S);
      results[name] = {
        paths: paths.length,
        reqPerSec: Math.round(result.requests.average),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
        completed: result.requests.total,
        // A page that finished no request has no latency to judge (autocannon reports p99 0): that is a miss.
        meetsTarget:
          result.requests.total > 0 &&
          result.latency.p99 <= P99_TARGET_MS &&
          result.non2xx === 0 &&
          result.errors === 0 &&
          result.timeouts === 0,
      };
    }
    console.log(
      `catalogue: ${TARGET_TOOLS.toLocaleString('en-US')} tools on ${serverCount().toLocaleString('en-US')} servers (${ENGINE}; ${
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
  if (process.argv.includes('--serve')) await serve();
  else await run();
}
